import Filter
import Foundation
import Testing

/// The byte-level matcher takes literal alternations and agrees with ICU on them; everything else is ICU's.
@Suite("text patterns")
struct TextPatternTests {
    static let literalPatterns = [
        "Reuters", "(?i)reuters", "shares|stocks", "(?i)\\b(shares|stocks)\\b", "\\bcut\\b", "(?:Corrected|Repeat)",
        "U\\.S\\.", "(?i)\\bmln\\b", "Zürich", "café|naïve", "\\bé", "dlrs\\b", "a b", "\\bÉté\\b",
    ]
    static let icuPatterns = ["^BAHIA", "\\d+ mln", "[A-Z]{4,}", "(?i)zürich", "colou?r", "end$"]
    static let texts = [
        "Reuters reported that SHARES fell.", "stockists and shareholders", "The U.S. cut rates; a cut.", "USS cut",
        "ZÜRICH and Zürich, café naïve", "écoles é", "12 mln dlrs", "MLN", "", "a  b a b", "xcut_ cut_ _cut", "été Été",
        "shares\nstocks", "Москва shares東京", "stocksé", "éstocks",
    ]

    @Test("literal alternations, (?i), a group and \\b at both ends use the byte matcher; anything else ICU")
    func classification() throws {
        for pattern in Self.literalPatterns { #expect(try TextPattern(pattern).isLiteral, "\(pattern)") }
        for pattern in Self.icuPatterns { #expect(try !TextPattern(pattern).isLiteral, "\(pattern)") }
    }

    @Test("the byte matcher finds exactly what NSRegularExpression finds, over ASCII and non-ASCII texts")
    func agreesWithICU() throws {
        for pattern in Self.literalPatterns + Self.icuPatterns {
            let compiled = try TextPattern(pattern)
            let reference = try NSRegularExpression(pattern: pattern)
            for text in Self.texts {
                let expected = reference.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                #expect(compiled.matches(text) == expected, "/\(pattern)/ on \(text.debugDescription)")
            }
        }
    }

    @Test("on 4,500 generated texts of letters, digits, marks, spaces and non-ASCII letters, byte matcher and ICU agree")
    func agreesOnGeneratedTexts() throws {
        let pieces = ["ab", "b", "a", " ", "-", "_", "1", "é", "É", "\u{0301}", "ß", "東", "\n", "AB", "Ba", "x", ".", "\u{200D}"]
        let patterns = ["ab|b", "(?i)\\bab\\b", "(?i)a b", "\\bé", "b\\b", "(?:ab|ba)", "(?i)(ab|x1)\\b", "\\b1", "a\\.b", "東", "\\b(ab|東)\\b",
                        // Alternatives of four bytes or more, checked four bytes at a time first.
                        "(?i)(abab|ba-x)", "\\b(aBab|é_ab)\\b", "(?i)\\bab ab\\b", "ABab|b東"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for pattern in patterns {
            let compiled = try TextPattern(pattern)
            #expect(compiled.isLiteral, "\(pattern)")
            let reference = try NSRegularExpression(pattern: pattern)
            for _ in 0..<300 {
                let text = (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
                let expected = reference.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                #expect(compiled.matches(text) == expected, "/\(pattern)/ on \(text.debugDescription)")
            }
        }
    }

    @Test("an invalid pattern throws instead of matching nothing")
    func invalid() {
        for pattern in ["(unclosed", "a[b", "*start", "x{2,1}"] {
            #expect(throws: (any Error).self, "\(pattern)") { try TextPattern(pattern) }
        }
    }
}
