/// A fixed set of word hashes (the tokeniser's case-folded hashes) for membership tests in the
/// preparer's inner loops: open addressing over a power-of-two array, no hashing beyond the word hash
/// itself and no allocation per lookup (a `Set<UInt64>` hashes every key again).
struct WordTable: Sendable {
    private let slots: [UInt64]
    private let mask: Int

    /// The table of `words`' hashes as `tokeniser` computes them (every word of each entry).
    init(_ words: [String], tokeniser: MatchTokeniser) {
        var hashes: [UInt64] = []
        var scratch: [UInt64] = []
        for word in words {
            tokeniser.tokenise(word, into: &scratch)
            hashes.append(contentsOf: scratch)
        }
        var size = 16
        while size < 4 * hashes.count { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        for h in hashes where h != 0 {
            var i = Int(truncatingIfNeeded: h >> 40) & (size - 1)
            while slots[i] != 0 && slots[i] != h { i = (i + 1) & (size - 1) }
            slots[i] = h
        }
        self.slots = slots
        mask = size - 1
    }

    /// Whether the word whose hash is `h` is in the table.
    @inline(__always)
    func contains(_ h: UInt64) -> Bool {
        slots.withUnsafeBufferPointer { table in
            var i = Int(truncatingIfNeeded: h >> 40) & mask
            while table[i] != 0 {
                if table[i] == h { return true }
                i = (i + 1) & mask
            }
            return false
        }
    }
}
