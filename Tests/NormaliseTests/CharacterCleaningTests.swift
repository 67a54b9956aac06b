import Normalise
import Testing

@Suite("line endings, control, invisible and whitespace characters")
struct CharacterCleaningTests {
    @Test("CRLF and lone CR become LF, whatever the options")
    func lineEndings() {
        expectScalars(normalise("One.\r\nTwo.\r\n\r\nThree.\rFour.") { $0.paragraphs = .keep }, "One.\nTwo.\n\nThree.\nFour.")
        expectScalars(normalise("One.\r\n\r\nTwo.") { $0.control = false }, "One.\n\nTwo.")
        expectScalars(normalise("Line one\r\nline two"), "Line one line two")
    }

    @Test("whitespace: tabs and runs of spaces become one space and lines are trimmed")
    func whitespaceRuns() {
        expectScalars(normalise("  a \t  b\t\tc   "), "a b c")
        expectScalars(normaliseLine("\t Title   with \t gaps  "), "Title with gaps")
    }

    @Test("whitespace: no-break and other Unicode spaces become a plain space")
    func unicodeSpaces() {
        let spaces: [Unicode.Scalar] = ["\u{00A0}", "\u{1680}", "\u{2000}", "\u{2003}", "\u{2009}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}"]
        for space in spaces {
            expectScalars(normalise("10\(space)km"), "10 km")
        }
        expectScalars(normalise("a\u{00A0}\u{00A0} b\u{3000}"), "a b")
    }

    @Test("whitespace off: inner spacing and no-break spaces are kept, line ends still trimmed")
    func whitespaceOff() {
        expectScalars(normalise("  a  b\u{00A0}c\td  ") { $0.whitespace = false }, "a  b\u{00A0}c\td")
    }

    @Test("invisible: zero-width characters, BOM, soft hyphen and bidi controls are removed")
    func invisibleRemoved() {
        expectScalars(normalise("\u{FEFF}a\u{200B}b\u{FEFF}c\u{00AD}d\u{2060}e\u{200E}f\u{200F}g\u{202A}h\u{202E}i\u{2066}j\u{2069}k"), "abcdefghijk")
        expectScalars(normalise("co\u{00AD}operate"), "cooperate")
    }

    @Test("invisible: ZWNJ and ZWJ are kept (Persian, Indic scripts, emoji sequences)")
    func joinersKept() {
        expectScalars(normalise("می\u{200C}خواهم"), "می\u{200C}خواهم")
        expectScalars(normalise("👩\u{200D}💻 at work"), "👩\u{200D}💻 at work")
        expectScalars(normalise("क्\u{200D}ष"), "क्\u{200D}ष")
    }

    @Test("invisible off: zero-width characters stay")
    func invisibleOff() {
        expectScalars(normalise("a\u{200B}b\u{00AD}c") { $0.invisible = false }, "a\u{200B}b\u{00AD}c")
    }

    @Test("control: C0 controls other than tab and newline, DEL and C1 controls are removed")
    func controlsRemoved() {
        expectScalars(normalise("a\u{0}b\u{1}c\u{7}d\u{1B}e\u{7F}f\u{81}g\u{8D}h\u{9D}i"), "abcdefghi")
        expectScalars(normalise("a\u{85}b\u{92}c") { $0.mojibake = false }, "abc")
    }

    @Test("control: form feed, vertical tab and U+2028 become newlines, U+2029 a paragraph break")
    func controlBreaks() {
        expectScalars(normalise("One.\u{0C}Two.\u{0B}Three.\u{2028}Four.") { $0.paragraphs = .keep }, "One.\nTwo.\nThree.\nFour.")
        expectScalars(normalise("One.\u{2029}Two."), "One.\n\nTwo.")
        expectScalars(normalise("One.\u{2029}Two.") { $0.paragraphs = .blankLines }, "One.\n\nTwo.")
    }

    @Test("control off: control characters stay")
    func controlOff() {
        expectScalars(normalise("a\u{1}b\u{7F}c\u{2029}d") { $0.control = false; $0.mojibake = false }, "a\u{1}b\u{7F}c\u{2029}d")
    }

    @Test("U+FFFD and other valid characters pass through unchanged")
    func replacementCharacter() {
        expectScalars(normalise("a\u{FFFD}b \u{FFFD}"), "a\u{FFFD}b \u{FFFD}")
        expectScalars(normalise("Ελληνικά, Русский, 日本語, 한국어, עברית, العربية, हिन्दी, 😀"), "Ελληνικά, Русский, 日本語, 한국어, עברית, العربية, हिन्दी, 😀")
    }

    @Test("empty and whitespace-only texts become empty")
    func empty() {
        for mode in NormaliseOptions.ParagraphMode.allCases {
            expectScalars(normalise("") { $0.paragraphs = mode }, "")
            expectScalars(normalise(" \n\t\n\u{00A0}\r\n\u{200B}\n") { $0.paragraphs = mode }, "")
        }
        expectScalars(normaliseLine(" \n \t"), "")
    }

    @Test("a title is normalised as one line: line breaks become single spaces")
    func titleAsOneLine() {
        expectScalars(normaliseLine("  Growing calls\nfor  Corbyn \r\n\r\n to act&nbsp;now "), "Growing calls for Corbyn to act now")
        expectScalars(normaliseLine("Caf\u{E9}\u{0301}?\u{2029}Yes") { $0.unicode = .none }, "Caf\u{E9}\u{0301}? Yes")
    }
}
