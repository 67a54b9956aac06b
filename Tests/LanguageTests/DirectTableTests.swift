@testable import Language
import Testing

/// The detector reads n-grams of ASCII letters from direct tables and all others through the hash table;
/// both must give the same costs, or text would score differently by how it is written.
@Suite("direct tables of ASCII n-grams")
struct DirectTableTests {
    /// Folded ASCII values: a space and a–z.
    static let values: [UInt64] = [0x20] + (0x61...0x7A).map { UInt64($0) }

    @Test("every 2-gram of ASCII letters and spaces has the row the hash table gives it")
    func sameRows() {
        var found = 0
        for a in Self.values {
            for b in Self.values {
                let pair = [a, b]
                #expect(builtInModel.asciiRow(pair) == builtInModel.row(ofKey: LanguageModel.key(pair.map { UInt32($0) })), "\(pair)")
                if builtInModel.asciiRow(pair) != nil { found += 1 }
            }
        }
        // Latin languages' profiles hold hundreds of ASCII 2-grams; an empty table would agree vacuously.
        #expect(found > 500)
    }

    @Test("every 3-gram's row of the direct table is its cost plus its last two letters' 2-gram's, per language")
    func tripleSums() {
        let latin = builtInModel.groups.firstIndex { $0.script == .latin }
        var found = 0
        for a in Self.values {
            for b in Self.values {
                for c in Self.values {
                    let tripleRow = builtInModel.row(ofKey: LanguageModel.key([UInt32(a), UInt32(b), UInt32(c)]))
                    let pairRow = builtInModel.row(ofKey: LanguageModel.key([UInt32(b), UInt32(c)]))
                    var expected = [Int](repeating: 0, count: LanguageModel.lanes)
                    for row in [tripleRow, pairRow].compactMap({ $0 }) {
                        #expect(Int(builtInModel.rowGroups[row]) == latin)
                        for (lane, cost) in builtInModel.costs(ofRow: row).enumerated() { expected[lane] += cost }
                    }
                    if builtInModel.tripleCosts([a, b, c]) != expected { Issue.record("\([a, b, c]): direct table and hash table disagree") }
                    if tripleRow != nil { found += 1 }
                }
            }
        }
        // Latin languages' profiles hold thousands of ASCII 3-grams.
        #expect(found > 5_000)
    }

    @Test("the direct table of 3-grams starts on a 64-byte boundary (one cache line a row)")
    func aligned() {
        builtInModel.triples.withUnsafeBytes { bytes in
            #expect(Int(bitPattern: bytes.baseAddress! + 2 * builtInModel.tripleOffset) % 64 == 0)
        }
    }
}
