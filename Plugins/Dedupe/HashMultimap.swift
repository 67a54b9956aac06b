/// A compact multimap from 32-bit keys to document numbers (open addressing over one array of slots, at most 3/4 full,
/// postings chained in flat arrays: 8 bytes per posting), for LSH band keys and passage fingerprints.
/// Each key counts its postings; lookups can skip keys too common to mean anything (`cap`).
struct HashMultimap: Sendable {
    /// One table slot; `count == 0` marks an empty slot.
    private struct Slot {
        var key: UInt32
        var count: UInt32
        var head: Int32
    }

    private var slots: [Slot]
    private var next: [Int32] = []
    private var documents: [UInt32] = []
    private var used = 0
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, count: 0, head: -1), count: size)
        mask = size - 1
    }

    /// Postings stored.
    var postings: Int { documents.count }

    @inline(__always)
    private static func home(_ key: UInt32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `document` under `key` unless the key already has `cap` postings.
    mutating func insert(_ key: UInt32, _ document: UInt32, cap: Int = .max) {
        if (used + 1) * 4 > slots.count * 3 { grow() }
        let head = Int32(documents.count)
        let inserted: Bool = slots.withUnsafeMutableBufferPointer { table in
            var i = Self.home(key, mask)
            while table[i].count != 0 && table[i].key != key { i = (i + 1) & mask }
            if table[i].count == 0 {
                table[i] = Slot(key: key, count: 1, head: head)
                next.append(-1)
                used += 1
                return true
            }
            guard Int(table[i].count) < cap else { return false }
            table[i].count += 1
            next.append(table[i].head)
            table[i].head = head
            return true
        }
        if inserted { documents.append(document) }
    }

    /// Calls `body` with every document under `key` (newest first), unless the key has `cap` or more postings.
    @inline(__always)
    func forEach(_ key: UInt32, cap: Int = .max, _ body: (UInt32) -> Void) {
        var i = Self.home(key, mask)
        while slots[i].count != 0 {
            if slots[i].key == key {
                guard Int(slots[i].count) < cap else { return }
                var p = slots[i].head
                while p >= 0 {
                    body(documents[Int(p)])
                    p = next[Int(p)]
                }
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Reads the home slot of `key`, so that a following lookup finds it in cache: issued for all of a
    /// document's keys first, the independent memory loads overlap instead of waiting one after another.
    @inline(__always)
    func touch(_ key: UInt32) -> UInt32 { slots[Self.home(key, mask)].count }

    /// Appends to `out` every document under `key` (newest first, unless the key has `lookupCap` or more
    /// postings), then adds `document` under `key` (unless it has `insertCap`): one probe for both.
    mutating func lookupThenInsert(_ key: UInt32, _ document: UInt32, lookupCap: Int, insertCap: Int, into out: inout [UInt32]) {
        if (used + 1) * 4 > slots.count * 3 { grow() }
        let head = Int32(documents.count)
        var i = Self.home(key, mask)
        while slots[i].count != 0 && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].count == 0 {
            slots[i] = Slot(key: key, count: 1, head: head)
            next.append(-1)
            documents.append(document)
            used += 1
            return
        }
        let count = Int(slots[i].count)
        if count < lookupCap {
            var p = slots[i].head
            while p >= 0 {
                out.append(documents[Int(p)])
                p = next[Int(p)]
            }
        }
        guard count < insertCap else { return }
        slots[i].count += 1
        next.append(slots[i].head)
        slots[i].head = head
        documents.append(document)
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, count: 0, head: -1), count: size)
        mask = size - 1
        slots.withUnsafeMutableBufferPointer { table in
            for slot in old where slot.count != 0 {
                var i = Self.home(slot.key, mask)
                while table[i].count != 0 { i = (i + 1) & mask }
                table[i] = slot
            }
        }
    }
}
