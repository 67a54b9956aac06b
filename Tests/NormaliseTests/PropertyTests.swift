import Normalise
import Testing

@Suite("properties over generated text")
struct PropertyTests {
    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    /// Pieces that exercise every step and their interactions: mojibake parts split by removable
    /// characters, combining marks, compatibility characters, breaks, bullets and entities.
    static let pieces: [String] = [
        "a", "B", "é", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "    ", ".", "”", "’", "“", "Ã", "©", "â", "€", "™",
        "\u{9D}", "\u{92}", "\u{81}", "\u{A0}", "\u{200B}", "\u{301}", "ﬁ", "\u{2029}", "\u{2028}", "\u{C}", "\u{1}", "😀",
        "Ð", "Ÿ", "ß", "- ", "• ", "1. ", "# ", "word", "The", "lower", "ï", "»", "¿", "…", "—", "–", "\u{FEFF}", "日",
        "\u{2126}", "x²", "\u{308}", "¨", "ＡＢ", "\u{FE19}", "e", "&", "&amp;", "&#", "2019", ";", "&nbsp;", "&#146;",
    ]

    static let optionSets: [NormaliseOptions] = [
        NormaliseOptions(),
        NormaliseOptions(unicode: .nfkc, punctuation: .ascii),
        NormaliseOptions(paragraphs: .keep),
        NormaliseOptions(paragraphs: .lines),
        NormaliseOptions(paragraphs: .blankLines),
        NormaliseOptions(unicode: .none, whitespace: false, invisible: false, control: false, entities: false, mojibake: false),
    ]

    @Test("for any text: no surrounding whitespace, no double spaces, at most one blank line, and normalising twice changes nothing")
    func invariants() {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        for round in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<30, using: &generator) { text += Self.pieces.randomElement(using: &generator)! }
            let options = Self.optionSets[round % Self.optionSets.count]
            let normaliser = TextNormaliser(options: options)
            let once = normaliser.normaliseText(text)
            let line = normaliser.normaliseLine(text)
            let context = "\(escaped(text)) with \(options)"
            if options.whitespace {
                #expect(!once.contains("\n\n\n") && !once.contains("  "), "\(context)")
                #expect(once.unicodeScalars.first.map { !" \n\t".unicodeScalars.contains($0) } ?? true, "\(context)")
                #expect(once.unicodeScalars.last.map { !" \n\t".unicodeScalars.contains($0) } ?? true, "\(context)")
                #expect(!line.contains("\n"), "\(context)")
            }
            // Entities decode once by design (&amp;amp; → &amp;), so only texts without "&" left must be stable.
            if !once.contains("&") {
                #expect(normaliser.normaliseText(once).unicodeScalars.elementsEqual(once.unicodeScalars), "\(context)")
            }
            if !line.contains("&") {
                #expect(normaliser.normaliseLine(line).unicodeScalars.elementsEqual(line.unicodeScalars), "\(context)")
            }
        }
    }
}
