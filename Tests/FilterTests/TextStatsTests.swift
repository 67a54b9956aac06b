import Filter
import Testing

/// The one-pass counts behind word, character and text-quality conditions.
@Suite("text statistics")
struct TextStatsTests {
    @Test("ASCII prose: characters, visible, letters, digits, words, word characters, lines, punctuated lines")
    func prose() {
        let s = TextStats.measure("The vote, 12 to 3.\n\n  Passed - late  \n", repeats: true)
        #expect(s.characters == 38)
        #expect(s.visible == 25)
        #expect(s.letters == 19)
        #expect(s.digits == 3)
        #expect(s.words == 7, "'-' holds no letter or digit and is not a word")
        #expect(s.wordCharacters == 24)
        #expect(s.lines == 2)
        #expect(s.punctuatedLines == 1)
        #expect(s.repeatedLines == 0)
    }

    @Test("empty text and text of spaces: all zero, shares zero (no division by zero)")
    func empty() {
        for text in ["", "   \n\n\t  \n"] {
            let s = TextStats.measure(text, repeats: true)
            #expect(s.visible == 0 && s.words == 0 && s.lines == 0 && s.repeatedLines == 0, "\(text.debugDescription)")
            #expect(s.letterShare == 0 && s.digitShare == 0 && s.meanWordLength == 0 && s.punctuatedLineShare == 0 && s.repeatedLineShare == 0)
        }
    }

    @Test("text with no letters: digits and symbols are visible, words are digit runs, letter share zero")
    func noLetters() {
        let s = TextStats.measure("1,234.5  -  +0.03\n### *** ###\n1,234.5  -  +0.03", repeats: true)
        #expect(s.letters == 0)
        #expect(s.letterShare == 0)
        #expect(s.digits == 16)
        #expect(s.words == 4)
        #expect(s.lines == 3)
        #expect(s.repeatedLines == 1)
    }

    @Test("a mix of scripts: Cyrillic, Greek, Arabic, CJK and Devanagari letters count as letters, code points as characters")
    func scripts() {
        let s = TextStats.measure("Москва και القاهرة 東京都 नमस्ते 2024。", repeats: false)
        #expect(s.words == 6)
        #expect(s.characters == "Москва και القاهرة 東京都 नमस्ते 2024。".unicodeScalars.count)
        #expect(s.digits == 4)
        // Devanagari vowel signs are alphabetic, the virama is not: नमस्ते has 5 letters of 6 code points.
        #expect(s.letters == 6 + 3 + 7 + 3 + 5)
        #expect(s.punctuatedLines == 1, "。 is terminal punctuation")
        let nbsp = TextStats.measure("a\u{00A0}b\u{3000}c\u{2009}d", repeats: false)
        #expect(nbsp.words == 4, "no-break, ideographic and thin spaces separate words")
    }

    @Test("repeated lines compare trimmed lines, and count every repeat after the first")
    func repeats() {
        let s = TextStats.measure("Read more\n  Read more  \nRead more\nOther\n\nOther ", repeats: true)
        #expect(s.lines == 5)
        #expect(s.repeatedLines == 3)
        #expect(s.repeatedLineShare == 0.6)
        #expect(TextStats.measure("Read more\nRead more", repeats: false).repeatedLines == 0, "only counted when asked")
    }

    @Test("U+FFFD and a lone combining mark are visible non-letters; counts never exceed characters")
    func oddCharacters() {
        let s = TextStats.measure("\u{FFFD}\u{0301} x", repeats: false)
        #expect(s.visible == 3)
        #expect(s.letters == 1)
        #expect(s.words == 1, "the first run holds no letter")
    }

    @Test("random mixes of letters, digits, spaces, newlines, punctuation and other scripts, short and long (read in two halves): the one-pass counts equal the definitions applied character by character")
    func agreesWithTheDefinitions() {
        let pieces = ["a", "Z", "é", "Ж", "東", "7", "٣", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u{00A0}", "\u{3000}", ".", "!", "?", "\"", "'", ")",
                      "…", "”", "»", "。", "-", "#", "\u{0301}", "\u{FFFD}", "\u{0}", "\u{7F}", "\u{1F600}", "x.", "y "]
        var generator = SplitMix(seed: 20261203)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 200) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let measured = TextStats.measure(text, repeats: true)
            var expected = Self.reference(text)
            expected.repeatedLines = measured.repeatedLines
            #expect(measured == expected, "\(text.debugDescription)")
        }
    }

    @Test("a text of millions of characters counts exactly (no counter wraps)")
    func longText() {
        let text = String(repeating: "Ab1 é. -\n", count: 400_000)
        let s = TextStats.measure(text, repeats: false)
        #expect(s.characters == 9 * 400_000)
        #expect(s.visible == 6 * 400_000)
        #expect(s.letters == 3 * 400_000)
        #expect(s.digits == 400_000)
        #expect(s.words == 2 * 400_000)
        #expect(s.wordCharacters == 5 * 400_000)
        #expect(s.lines == 400_000)
        #expect(s.punctuatedLines == 0)
    }

    @Test("invalid UTF-8 counts one visible non-letter character per stray byte, also where a long text is cut in two")
    func invalidBytes() {
        let stray: [UInt8] = [0xFF, 0x41, 0x20, 0xC3, 0x0A, 0xE2, 0x82]  // "\xFF" "A" " " truncated é, newline, truncated €
        let s = stray.withUnsafeBufferPointer { TextStats.measure(bytes: $0, repeats: false) }
        #expect(s.characters == 7)
        #expect(s.visible == 5)
        #expect(s.letters == 1)
        #expect(s.words == 1, "only the run with 'A' holds a letter")
        #expect(s.wordCharacters == 2)
        #expect(s.lines == 2)
        let long = Array(repeating: stray, count: 100).joined()
        let t = Array(long).withUnsafeBufferPointer { TextStats.measure(bytes: $0, repeats: false) }
        #expect(t.characters == 700 && t.visible == 500 && t.letters == 100 && t.words == 100 && t.lines == 101, "each truncated € starts the next line, which ends at the next newline")
    }

    /// The definitions in ``TextStats``, applied one Unicode scalar at a time.
    static func reference(_ text: String) -> TextStats {
        var s = TextStats()
        let scalars = Array(text.unicodeScalars)
        s.characters = scalars.count
        let isSpace = { (c: Unicode.Scalar) in c.properties.isWhitespace }
        for c in scalars where !isSpace(c) {
            s.visible += 1
            if c.properties.isAlphabetic { s.letters += 1 } else if c.properties.numericType == .decimal { s.digits += 1 }
        }
        for word in scalars.split(whereSeparator: isSpace) where word.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType == .decimal }) {
            s.words += 1
            s.wordCharacters += word.count
        }
        let terminal: Set<Unicode.Scalar> = [".", "!", "?", "\"", "'", ")", "…", "”", "’", "»", "。", "！", "？", "؟", "।", "｡"]
        for line in scalars.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let last = line.last(where: { !isSpace($0) }) else { continue }
            s.lines += 1
            if terminal.contains(last) { s.punctuatedLines += 1 }
        }
        return s
    }

    /// A small deterministic generator, so a failure names the same text on every run.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
