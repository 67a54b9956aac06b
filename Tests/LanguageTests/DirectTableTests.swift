@testable import Language
import Testing

/// The detector reads n-grams of ASCII letters from a direct table and all others through the hash table;
/// both must give the same row, or text would score differently by how it is written.
@Suite("direct table of ASCII n-grams")
struct DirectTableTests {
    /// Folded ASCII values: a space and a–z.
    static let values: [UInt64] = [0x20] + (0x61...0x7A).map { UInt64($0) }

    @Test("every 2- and 3-gram of ASCII letters and spaces has the row the hash table gives it")
    func sameRows() {
        var found = 0
        for a in Self.values {
            for b in Self.values {
                let pair = [a, b]
                #expect(builtInModel.asciiRow(pair) == builtInModel.row(ofKey: LanguageModel.key(pair.map { UInt32($0) })), "\(pair)")
                if builtInModel.asciiRow(pair) != nil { found += 1 }
                for c in Self.values {
                    let triple = [a, b, c]
                    let direct = builtInModel.asciiRow(triple)
                    if direct != builtInModel.row(ofKey: LanguageModel.key(triple.map { UInt32($0) })) {
                        Issue.record("\(triple): direct table and hash table disagree")
                    }
                    if direct != nil { found += 1 }
                }
            }
        }
        // Latin languages' profiles hold thousands of ASCII n-grams; an empty table would agree vacuously.
        #expect(found > 5_000)
    }
}
