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

    /// Appends `(slot, value, word position)` for every fact run of the document whose word hashes are `words`
    /// and UTF-8 byte ranges `ranges` in `bytes`, sorted and unique.
    static func extract(bytes: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<UInt64>,
                        ranges: UnsafeMutableBufferPointer<Range<Int>>, count: Int, into facts: inout [UInt32]) {
        guard count > 0 else { return }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(min(cap, count / 4 + 1))
        var positions: [UInt32] = []
        positions.reserveCapacity(min(cap, count / 4 + 1))
        @inline(__always) func isFact(_ i: Int) -> Bool {
            let b = bytes[ranges[i].lowerBound]
            return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A)
        }
        // A run goes on across white space, and across punctuation only between figures ("22.5",
        // "6-1/16", "4/3/87"): "WASHINGTON, March 4 - The Federal Reserve" is three facts, not one.
        @inline(__always) func joins(_ j: Int) -> Bool {
            let digits = bytes[ranges[j].lowerBound] <= 0x39 && bytes[ranges[j - 1].lowerBound] <= 0x39
            if digits { return true }
            for k in ranges[j - 1].upperBound..<ranges[j].lowerBound where bytes[k] != 0x20 && bytes[k] != 0x0A && bytes[k] != 0x09 {
                return false
            }
            return true
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
            var figure: UInt32 = 0
            while j < count && isFact(j) && (j == i || joins(j)) {
                value = Mix64.combine(value, words[j])
                if bytes[ranges[j].lowerBound] <= 0x39 { figure = 1 }
                j += 1
            }
            var after1: UInt64 = 0, after2: UInt64 = 0
            if j < count { after1 = words[j] }
            if j + 1 < count, !isFact(j + 1) { after2 = words[j + 1] }
            let slot = Mix64.fmix(Mix64.combine(Mix64.combine(Mix64.combine(before2, before1), after1), after2))
            // A run with no wording around it (a table row, a list of names) is no slot of a template.
            if before1 != 0 || after1 != 0 {
                // The value's lowest bit says whether the fact is a figure or a date (a run holding a digit).
                pairs.append(slot & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(truncatingIfNeeded: Mix64.fmix(value)) & ~1 | figure))
                positions.append(UInt32(i))
            }
            i = j
        }
        // Sorted by (slot, value, position); a repeated (slot, value) keeps its first position.
        var order = Array(0..<pairs.count)
        order.sort { pairs[$0] != pairs[$1] ? pairs[$0] < pairs[$1] : positions[$0] < positions[$1] }
        var last: UInt64?
        for k in order where pairs[k] != last {
            facts.append(UInt32(truncatingIfNeeded: pairs[k] >> 32))
            facts.append(UInt32(truncatingIfNeeded: pairs[k]))
            facts.append(positions[k])
            last = pairs[k]
        }
    }

    /// Slots both documents have inside the passages they share (`mine` in `a`'s word order, `theirs`
    /// in `b`'s, each widened by `margin` words: a differing figure breaks the shared text around it),
    /// and how many of them hold other values in the two (no value in common). `a` and `b` are
    /// (slot, value, position) triples flattened, sorted.
    static func compare(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, mine: [Range<Int>], theirs: [Range<Int>],
                        margin: Int = 12) -> (shared: Int, differing: Int, sharedFigures: Int, differingFigures: Int) {
        @inline(__always) func inside(_ p: UInt32, _ passages: [Range<Int>]) -> Bool {
            let p = Int(p)
            for r in passages where p >= r.lowerBound - margin && p < r.upperBound + margin { return true }
            return false
        }
        var i = a.startIndex, j = b.startIndex
        var shared = 0, differing = 0, sharedFigures = 0, differingFigures = 0
        while i < a.endIndex && j < b.endIndex {
            let sa = a[i], sb = b[j]
            if sa < sb { i += 3; continue }
            if sb < sa { j += 3; continue }
            // Same slot: every value of it in each document, where inside the shared passages.
            var i2 = i, j2 = j
            var anyA = false, anyB = false
            while i2 < a.endIndex && a[i2] == sa {
                if inside(a[i2 + 2], mine) { anyA = true }
                i2 += 3
            }
            while j2 < b.endIndex && b[j2] == sb {
                if inside(b[j2 + 2], theirs) { anyB = true }
                j2 += 3
            }
            if anyA && anyB {
                var common = false
                var x = i, y = j
                while x < i2 && y < j2 {
                    if a[x + 1] == b[y + 1] { common = true; break }
                    if a[x + 1] < b[y + 1] { x += 3 } else { y += 3 }
                }
                shared += 1
                if !common { differing += 1 }
                if a[i + 1] & 1 == 1 && b[j + 1] & 1 == 1 {
                    sharedFigures += 1
                    if !common { differingFigures += 1 }
                }
            }
            i = i2
            j = j2
        }
        return (shared, differing, sharedFigures, differingFigures)
    }

    /// Whether two documents sharing passages are reports from one template rather than versions of one
    /// story: at least `enough` of the slots both have in those passages hold other facts, or two and at
    /// least a third of them, or two figures or dates and at least half of such slots. One changed figure
    /// (a correction, a typo) is not enough.
    static func isTemplate(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, mine: [Range<Int>], theirs: [Range<Int>],
                           enough: Int = 3) -> Bool {
        isTemplate(compare(a, b, mine: mine, theirs: theirs), enough: enough)
    }

    /// ``isTemplate(_:_:mine:theirs:enough:)`` on the counts ``compare(_:_:mine:theirs:margin:)`` gave.
    static func isTemplate(_ counts: (shared: Int, differing: Int, sharedFigures: Int, differingFigures: Int), enough: Int = 3) -> Bool {
        let (shared, differing, sharedFigures, differingFigures) = counts
        return differing >= enough || differing >= min(2, enough) && 3 * differing >= shared
            // Figures and dates weigh more than names, which a template repeats ("the Fed", "Dealers said").
            || differingFigures >= min(2, enough) && 2 * differingFigures >= sharedFigures
    }
}
