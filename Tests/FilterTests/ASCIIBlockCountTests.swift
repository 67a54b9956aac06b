@testable import Filter
import Testing

/// The 64-byte block counter for ASCII texts gives exactly the counts of the character-by-character
/// state machine, also where runs, lines and the text's end meet the edges of blocks.
@Suite("ASCII block counts")
struct ASCIIBlockCountTests {
    /// The block counter (which must accept the text) and the state machine on the same bytes; without
    /// `lines`, the state machine's line counts are set to 0, which the block counter must leave them at.
    static func both(_ bytes: [UInt8], lines: Bool = true) -> (blocks: TextStats?, characters: TextStats) {
        bytes.withUnsafeBufferPointer {
            var characters = TextStats.countByCharacter($0)
            if !lines {
                characters.lines = 0
                characters.punctuatedLines = 0
            }
            return (TextStats.countASCII($0, lines: lines), characters)
        }
    }

    @Test("random ASCII texts of 0 to 400 bytes, every byte value below 0x80 among them: block counts equal the state machine's and the definitions")
    func randomTexts() {
        let pieces: [[UInt8]] = [Array("a".utf8), Array("Zq".utf8), Array("7".utf8), Array(" ".utf8), Array("  ".utf8), Array("\n".utf8),
                                 Array("\n\n".utf8), Array("\t".utf8), Array("\r\n".utf8), Array(".".utf8), Array("!".utf8), Array("?".utf8),
                                 Array("\"".utf8), Array("'".utf8), Array(")".utf8), Array("-".utf8), Array("--".utf8), Array("#".utf8),
                                 [0x00], [0x7F], [0x0B], [0x0C], [0x1F], Array("x.".utf8), Array("y ".utf8), Array("(a)".utf8)]
        var generator = TextStatsTests.SplitMix(seed: 64)
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            let length = Int(generator.next() % 400)
            while bytes.count < length {
                if round % 4 == 0 {
                    bytes.append(UInt8(generator.next() % 128))
                } else {
                    bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
                }
            }
            let (blocks, characters) = Self.both(bytes)
            #expect(blocks == characters, "\(bytes)")
            let (unlined, unlinedCharacters) = Self.both(bytes, lines: false)
            #expect(unlined == unlinedCharacters, "\(bytes), lines not counted")
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(TextStats.measure(text) == TextStatsTests.reference(text), "\(text.debugDescription)")
        }
    }

    @Test("runs and lines across block edges: a run of dashes or of spaces, a word, a terminal or a newline at bytes 63, 64 and the end")
    func blockEdges() {
        let fillers: [UInt8] = [0x2D, 0x20, 0x61, 0x2E, 0x0A, 0x09, 0x31]
        for length in [1, 2, 62, 63, 64, 65, 66, 127, 128, 129, 191, 192, 193, 300] {
            for a in fillers {
                for b in fillers {
                    for cut in [0, 1, length / 2, max(0, length - 64), max(0, length - 1)] {
                        // `a` up to the cut, `b` after it: long runs of one class that cross the edges.
                        let bytes = (0..<length).map { $0 < cut ? a : b }
                        let (blocks, characters) = Self.both(bytes)
                        #expect(blocks == characters, "length \(length), \(a) then \(b) from \(cut)")
                        var marked = bytes
                        for edge in [63, 64, length - 1] where edge >= 0 && edge < length { marked[edge] = 0x21 }
                        let (markedBlocks, markedCharacters) = Self.both(marked)
                        #expect(markedBlocks == markedCharacters, "length \(length), \(a) then \(b) from \(cut), '!' at the edges")
                    }
                }
            }
        }
    }

    @Test("a byte of 0x80 or more in any block, the padded last one included, sends the text to the state machine")
    func nonASCII() {
        for length in [1, 40, 64, 100, 200] {
            for position in Set([0, length / 2, length - 1]) {
                var bytes = [UInt8](repeating: 0x61, count: length)
                bytes[position] = 0xC3
                bytes.withUnsafeBufferPointer { #expect(TextStats.countASCII($0, lines: true) == nil && TextStats.countASCII($0, lines: false) == nil, "length \(length), 0xC3 at \(position)") }
                let text = String(decoding: bytes, as: UTF8.self)
                let measured = bytes.withUnsafeBufferPointer { TextStats.measure(bytes: $0, repeats: false) }
                #expect(measured == TextStatsTests.reference(text), "length \(length), 0xC3 at \(position)")
            }
        }
        for lines in [false, true] {
            for text in ["ab. cd\n\nef", "Zürich. Genève\n\nBern.", String(repeating: "word. ", count: 30) + "é\n"] {
                let s = TextStats.measure(text, lines: lines)
                var expected = TextStatsTests.reference(text)
                if !lines {
                    expected.lines = 0
                    expected.punctuatedLines = 0
                }
                #expect(s == expected, "\(text.debugDescription), lines \(lines): ASCII or not, lines are counted exactly when asked")
            }
        }
        #expect(TextStats.measure("a\nb\na", repeats: true, lines: false).lines == 3, "repeated lines need the lines")
        let mixed = Array("A word, then é and more words. ".utf8) + Array(repeating: 0x62, count: 100)
        let text = String(decoding: mixed, as: UTF8.self)
        #expect(mixed.withUnsafeBufferPointer { TextStats.measure(bytes: $0, repeats: false) } == TextStatsTests.reference(text))
    }

    @Test("a long ASCII text in blocks: counts exact past 65,535 of each (no lane of the state machine's packing involved)")
    func longText() {
        let line = Array("Ab1 -- x. ( 22\n".utf8)
        let bytes = Array(Array(repeating: line, count: 20_000).joined())
        let (blocks, characters) = Self.both(bytes)
        #expect(blocks == characters)
        #expect(blocks?.words == 3 * 20_000)
        #expect(blocks?.wordCharacters == 7 * 20_000)
        #expect(blocks?.lines == 20_000 && blocks?.punctuatedLines == 0)
    }
}
