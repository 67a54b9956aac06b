import Normalise
import Testing

@Suite("Unicode normalisation and punctuation")
struct UnicodeFormTests {
    @Test("nfc composes a letter and a combining mark")
    func nfc() {
        expectScalars(normalise("Cafe\u{0301} cre\u{0300}me"), "Caf\u{E9} cr\u{E8}me")
        expectScalars(normaliseLine("Cafe\u{0301}"), "Caf\u{E9}")
    }

    @Test("nfc is applied even when the only change is a singleton (Ohm sign, Kelvin, Angstrom, U+2000)")
    func nfcSingletons() {
        expectScalars(normalise("5 \u{2126}, 300 \u{212A}, 1 \u{212B}"), "5 \u{3A9}, 300 K, 1 \u{C5}")
        expectScalars(normalise("a\u{2000}b") { $0.whitespace = false }, "a\u{2002}b")
    }

    @Test("nfc composes across a removed zero-width space")
    func nfcAfterInvisible() {
        expectScalars(normalise("e\u{200B}\u{0301}"), "\u{E9}")
    }

    @Test("nfc leaves compatibility characters alone")
    func nfcKeepsCompatibility() {
        expectScalars(normalise("ﬁle x² ½ … ＡＢ"), "ﬁle x² ½ … ＡＢ")
    }

    @Test("nfkc folds compatibility characters")
    func nfkc() {
        expectScalars(normalise("ﬁle x² ① ＡＢＣ １２ wait…") { $0.unicode = .nfkc }, "file x2 1 ABC 12 wait...")
        expectScalars(normalise("Cafe\u{0301}") { $0.unicode = .nfkc }, "Caf\u{E9}")
        expectScalars(normalise("a\u{00A0}b") { $0.unicode = .nfkc; $0.whitespace = false }, "a b")
    }

    @Test("nfkc keeps curly quotes and dashes, which have no compatibility mapping")
    func nfkcKeepsTypography() {
        expectScalars(normalise("“It’s – fine —”") { $0.unicode = .nfkc }, "“It’s – fine —”")
    }

    @Test("none leaves the Unicode form as it is")
    func none() {
        expectScalars(normalise("Cafe\u{0301} ﬁ") { $0.unicode = .none }, "Cafe\u{0301} ﬁ")
    }

    @Test("punctuation ascii folds quotes, primes, guillemets, dashes and the ellipsis")
    func asciiPunctuation() {
        expectScalars(
            normalise("‘a’ “b” „c‟ ‚d‛ 5′ 6″ «e» ‹f› x‐y x‑y 1‒2 1–2 a—b a ― b wait…") { $0.punctuation = .ascii },
            "'a' \"b\" \"c\" 'd' 5' 6\" \"e\" 'f' x-y x-y 1-2 1-2 a-b a - b wait...")
        expectScalars(normaliseLine("“Quoted” — title…") { $0.punctuation = .ascii }, "\"Quoted\" - title...")
    }

    @Test("punctuation ascii also folds what nfkc produced and what mojibake repair produced")
    func asciiAfterOtherSteps() {
        expectScalars(normalise("wait\u{FE19}") { $0.punctuation = .ascii; $0.unicode = .nfkc }, "wait...")
        expectScalars(normalise("donâ€™t") { $0.punctuation = .ascii }, "don't")
        expectScalars(normalise("&ldquo;q&rdquo;") { $0.punctuation = .ascii }, "\"q\"")
    }

    @Test("punctuation keep leaves typography alone")
    func keepPunctuation() {
        expectScalars(normalise("“It’s” – a—b…"), "“It’s” – a—b…")
    }
}
