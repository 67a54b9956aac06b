/// A compact multimap from 32-bit keys to document numbers (open addressing, postings chained in flat
/// arrays: 8 bytes per posting), for LSH band keys and passage fingerprints. Each key counts its
/// postings; lookups can skip keys that are too common to mean anything (`cap`).
struct HashMultimap: Sendable {
    private var keys: [UInt32]
    private var heads: [Int32]
    private var counts: [UInt32]
    private var occupied: [Bool]
    private var next: [Int32] = []
    private var documents: [UInt32] = []
    private var used = 0
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt32](repeating: 0, count: size)
        heads = [Int32](repeating: -1, count: size)
        counts = [UInt32](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        mask = size - 1
    }

    /// Postings stored.
    var postings: Int { documents.count }

    @inline(__always)
    private func slot(_ key: UInt32) -> (Int, Bool) {
        var i = Int(truncatingIfNeeded: Mix64.fmix(UInt64(key)) ) & mask
        while occupied[i] {
            if keys[i] == key { return (i, true) }
            i = (i + 1) & mask
        }
        return (i, false)
    }

    /// Adds `document` under `key` unless the key already has `cap` postings.
    mutating func insert(_ key: UInt32, _ document: UInt32, cap: Int = .max) {
        if (used + 1) * 2 > keys.count { grow() }
        let (i, found) = slot(key)
        if !found {
            occupied[i] = true
            keys[i] = key
            used += 1
        }
        guard Int(counts[i]) < cap else { return }
        counts[i] += 1
        next.append(heads[i])
        documents.append(document)
        heads[i] = Int32(documents.count - 1)
    }

    /// Calls `body` with every document under `key` (newest first), unless the key has `cap` or more postings.
    @inline(__always)
    func forEach(_ key: UInt32, cap: Int = .max, _ body: (UInt32) -> Void) {
        let (i, found) = slot(key)
        guard found, Int(counts[i]) < cap else { return }
        var p = heads[i]
        while p >= 0 {
            body(documents[Int(p)])
            p = next[Int(p)]
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldHeads = heads, oldCounts = counts, oldOccupied = occupied
        let size = keys.count * 2
        keys = [UInt32](repeating: 0, count: size)
        heads = [Int32](repeating: -1, count: size)
        counts = [UInt32](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        mask = size - 1
        for j in 0..<oldKeys.count where oldOccupied[j] {
            let (i, _) = slot(oldKeys[j])
            occupied[i] = true
            keys[i] = oldKeys[j]
            heads[i] = oldHeads[j]
            counts[i] = oldCounts[j]
        }
    }
}
