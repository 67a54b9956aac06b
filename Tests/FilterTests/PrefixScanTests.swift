@testable import Filter
import Foundation
import Testing

/// The vector search for literal alternations of four bytes or more: it proposes every position where
/// a prefix occurs, and the matcher built on it agrees with ICU wherever the match lies.
@Suite("prefix scan")
struct PrefixScanTests {
    /// The positions a plain loop finds: those whose four bytes, with 0x20 set when folding, equal a prefix's.
    static func expectedCandidates(_ bytes: [UInt8], _ alternatives: [[UInt8]], fold: Bool) -> [Int] {
        let f: UInt8 = fold ? 0x20 : 0
        guard bytes.count >= 4 else { return [] }
        return (0...(bytes.count - 4)).filter { i in
            alternatives.contains { a in (0..<4).allSatisfy { (bytes[i + $0] | f) == (a[$0] | f) } }
        }
    }

    /// The positions the scan proposes, every one of them (`verify` never accepts).
    static func scannedCandidates(_ scan: PrefixScan, _ bytes: [UInt8]) -> [Int] {
        var seen: [Int] = []
        _ = bytes.withUnsafeBufferPointer { scan.contains($0) { seen.append($0); return false } }
        return seen
    }

    @Test("on random byte strings of 0 to 120 bytes (ASCII, capitals, bytes of 0x80 and more), the scan proposes exactly the positions of a prefix, in order")
    func candidatesAreExact() throws {
        let alphabets: [[UInt8]] = [Array("abAB".utf8), Array("tesTE ".utf8) + [0x00, 0xC3, 0xA9, 0x80, 0xFF]]
        let alternativeSets: [[[UInt8]]] = [[Array("abab".utf8)], [Array("test".utf8), Array("te\u{0}t".utf8), Array("é te".utf8)],
                                            [Array("aBaB".utf8), Array("bbbbb".utf8), Array("abba".utf8)]]
        var generator = TextStatsTests.SplitMix(seed: 0x5CA7)
        for alternatives in alternativeSets {
            for fold in [false, true] {
                let lowered = fold ? alternatives.map { $0.map(LiteralAlternation.lower) } : alternatives
                let scan = try #require(PrefixScan(alternatives: lowered, caseInsensitive: fold))
                for _ in 0..<1500 {
                    let alphabet = alphabets[Int(generator.next() % 2)]
                    let bytes = (0..<Int(generator.next() % 121)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                    #expect(Self.scannedCandidates(scan, bytes) == Self.expectedCandidates(bytes, lowered, fold: fold), "\(bytes) for \(alternatives), fold \(fold)")
                }
            }
        }
    }

    @Test("an alternative shorter than four bytes leaves the pattern to the pair scan")
    func shortAlternatives() {
        #expect(PrefixScan(alternatives: [Array("abcd".utf8), Array("abc".utf8)], caseInsensitive: false) == nil)
        #expect(PrefixScan(alternatives: [Array("abcd".utf8)], caseInsensitive: true) != nil)
    }

    @Test("a match at every position of texts of 4 to 70 bytes (vector blocks, the tail, the last byte), with non-ASCII letters or word characters beside it: the matcher agrees with ICU")
    func everyPosition() throws {
        let patterns = ["(?i)\\b(advisory|test message)\\b", "(?i)\\b(correction|corrected|repeat)\\b", "Test|advisory", "(zürich|café)", "\\bcafé\\b"]
        let words = ["advisory", "ADVISORY", "Test message", "test  message", "corrected", "Repeat", "zürich", "ZÜRICH", "café", "Test"]
        let neighbours = ["", " ", "é", "a", "_", "1", "\u{0301}", "東", ".", "\n"]
        for pattern in patterns {
            let compiled = try TextPattern(pattern)
            #expect(compiled.isLiteral, "\(pattern)")
            let reference = try NSRegularExpression(pattern: pattern)
            for word in words {
                for (before, after) in zip(neighbours, neighbours.reversed()) {
                    for filler in 0...(70 - word.utf8.count) where filler % 3 == 0 || filler < 20 || filler > 40 {
                        let text = String(repeating: "x ", count: filler / 2) + (filler % 2 == 1 ? "y" : "") + before + word + after
                        let expected = reference.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                        #expect(compiled.matches(text) == expected, "/\(pattern)/ on \(text.debugDescription)")
                    }
                }
            }
        }
    }

    @Test("random texts of up to 200 bytes from words, spaces, capitals and non-ASCII letters: the matcher agrees with ICU")
    func randomTexts() throws {
        let pieces = ["test", "Test", "TEST", " message", "message", "advis", "ory", "advisory", "te", "st", " ", "\n", "é", "É", "_", "1",
                      "x", "repeat", "REPEAT", "correct", "ion", "ed", "\u{0301}", "東", "-", "ß"]
        let patterns = ["(?i)\\b(advisory|test message)\\b", "(?i)\\b(correction|corrected|repeat)\\b", "(?i)(test|advisory)", "test\\b|\\bREPEAT",
                        "(?i)\\btest é\\b"]
        var generator = TextStatsTests.SplitMix(seed: 0xAD715)
        for pattern in patterns {
            let compiled = try TextPattern(pattern)
            let reference = try NSRegularExpression(pattern: pattern)
            for _ in 0..<600 {
                var text = ""
                let length = Int(generator.next() % 200)
                while text.utf8.count < length { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
                let expected = reference.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                #expect(compiled.matches(text) == expected, "/\(pattern)/ on \(text.debugDescription)")
            }
        }
    }
}
