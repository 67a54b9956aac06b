/// The facts a document states in fixed wording — figures, dates and capitalised names, each with the
/// words around it — for telling a templated report ("same wording, other facts") from a version of
/// the same story. A fact is a run of words that start with a digit or an ASCII capital letter; its
/// *slot* is the two other words before and the two after it (the template), its *value* the run
/// itself. Two documents whose shared slots hold mostly other values are another report written
/// from one template (eleven days of "the Fed added reserves via … customer repurchases"), not a
/// version of one story, which gives the same figures and names in the same places.
enum TemplateFacts {
    /// Most facts kept per document (the first ones, in text order): enough to judge, bounded memory.
    static let cap = 96

    /// Appends `(slot << 32 | value)` for every fact run of the document whose word hashes are `words`
    /// and UTF-8 byte ranges `ranges` in `bytes`, sorted and unique.
    static func extract(bytes: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<UInt64>,
                        ranges: UnsafeMutableBufferPointer<Range<Int>>, count: Int, into facts: inout [UInt32]) {
        guard count > 0 else { return }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(min(cap, count / 4 + 1))
        @inline(__always) func isFact(_ i: Int) -> Bool {
            let b = bytes[ranges[i].lowerBound]
            return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A)
        }
        var i = 0
        // The two non-fact words before the current position (0 when absent).
        var before1: UInt64 = 0, before2: UInt64 = 0
        while i < count && pairs.count < cap {
            guard isFact(i) else {
                before2 = before1
                before1 = words[i]
                i += 1
                continue
            }
            var value: UInt64 = 0x7F4A_7C15_9E37_79B9
            var j = i
            while j < count && isFact(j) {
                value = Mix64.combine(value, words[j])
                j += 1
            }
            var after1: UInt64 = 0, after2: UInt64 = 0
            if j < count { after1 = words[j] }
            if j + 1 < count, !isFact(j + 1) { after2 = words[j + 1] }
            let slot = Mix64.fmix(Mix64.combine(Mix64.combine(Mix64.combine(before2, before1), after1), after2))
            // A run with no wording around it (a table row, a list of names) is no slot of a template.
            if before1 != 0 || after1 != 0 {
                pairs.append(slot & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(truncatingIfNeeded: Mix64.fmix(value))))
            }
            i = j
        }
        pairs.sort()
        var last: UInt64?
        for p in pairs where p != last {
            facts.append(UInt32(truncatingIfNeeded: p >> 32))
            facts.append(UInt32(truncatingIfNeeded: p))
            last = p
        }
    }

    /// Slots both documents have, and how many of them hold other values in the two (no value in
    /// common). `a` and `b` are (slot, value) pairs flattened, sorted.
    static func compare(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> (shared: Int, differing: Int) {
        var i = a.startIndex, j = b.startIndex
        var shared = 0, differing = 0
        while i < a.endIndex && j < b.endIndex {
            let sa = a[i], sb = b[j]
            if sa < sb { i += 2; continue }
            if sb < sa { j += 2; continue }
            // Same slot: every value of it in each document.
            var i2 = i, j2 = j
            while i2 < a.endIndex && a[i2] == sa { i2 += 2 }
            while j2 < b.endIndex && b[j2] == sb { j2 += 2 }
            var common = false
            var x = i, y = j
            while x < i2 && y < j2 {
                if a[x + 1] == b[y + 1] { common = true; break }
                if a[x + 1] < b[y + 1] { x += 2 } else { y += 2 }
            }
            shared += 1
            if !common { differing += 1 }
            i = i2
            j = j2
        }
        return (shared, differing)
    }

    /// Whether two documents sharing passages are reports from one template rather than versions of one
    /// story: at least `minDiffering` of the slots both have hold other facts, and at least a third of
    /// them. One changed figure (a correction, an update) is not enough.
    static func isTemplate(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, minDiffering: Int = 2) -> Bool {
        let (shared, differing) = compare(a, b)
        return differing >= minDiffering && 3 * differing >= shared
    }
}
