/// Jaccard similarity and containment of two documents from their consistent shingle samples: both
/// samples are reduced to the coarser of the two rates and intersected exactly. Exact when both
/// documents are short enough to be kept whole (rate 1), an unbiased estimate otherwise.
struct SampleComparison: Sendable, Equatable {
    /// Shared sampled shingles, and each side's sampled count, at the common rate.
    var shared: Int
    var countA: Int
    var countB: Int
    /// The common rate's shift (rate 2^-shift).
    var shift: UInt8

    /// Compares two sorted samples taken at rates 2^-shiftA and 2^-shiftB.
    init(_ a: ArraySlice<UInt32>, _ shiftA: UInt8, _ b: ArraySlice<UInt32>, _ shiftB: UInt8) {
        let s = max(shiftA, shiftB)
        let mask = (UInt32(1) << UInt32(s)) &- 1
        var i = a.startIndex, j = b.startIndex
        var shared = 0, na = 0, nb = 0
        while i < a.endIndex, j < b.endIndex {
            let x = a[i], y = b[j]
            if x & mask != 0 { i += 1; continue }
            if y & mask != 0 { j += 1; continue }
            na += x <= y ? 1 : 0
            nb += y <= x ? 1 : 0
            if x == y { shared += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
        }
        while i < a.endIndex { if a[i] & mask == 0 { na += 1 }; i += 1 }
        while j < b.endIndex { if b[j] & mask == 0 { nb += 1 }; j += 1 }
        self.shared = shared
        countA = na
        countB = nb
        shift = s
    }

    /// |A ∩ B| / |A ∪ B|.
    var jaccard: Double {
        let union = countA + countB - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    /// Share of A's shingles found in B.
    var containmentOfA: Double { countA == 0 ? 0 : Double(shared) / Double(countA) }
    /// Share of B's shingles found in A.
    var containmentOfB: Double { countB == 0 ? 0 : Double(shared) / Double(countB) }
    /// Estimated number of shared shingles at full rate.
    var sharedEstimate: Int { shared << Int(shift) }
}

/// The separate passages two documents share, counted in the newer document: maximal runs of its
/// sampled shingles that the other document also has, where a run ends at a sampled shingle the other
/// lacks (and more than `gap` words of text), and counts only when it spans at least `minWords` words.
/// One shared quote or one shared background paragraph is one passage; a syndicated version shares
/// several, separated by text of its own.
enum SharedPassages {
    /// Word ranges (start, end exclusive) of the passages of `ordered`/`positions` (rate 2^-shift of the
    /// newer document, filtered to `shift`) that also occur in `other` (sorted).
    static func find(ordered: ArraySlice<UInt32>, positions: ArraySlice<UInt32>, shift: UInt8, other: ArraySlice<UInt32>, shingleSize: Int,
                     gap: Int = 12, minWords: Int = 12) -> [Range<Int>] {
        let mask = (UInt32(1) << UInt32(shift)) &- 1
        var passages: [Range<Int>] = []
        var start = -1, end = -1
        var brokenSince = -1
        func close() {
            if start >= 0, end - start >= minWords { passages.append(start..<end) }
            start = -1
        }
        for k in 0..<ordered.count {
            let v = ordered[ordered.startIndex + k]
            guard v & mask == 0 else { continue }
            let p = Int(positions[positions.startIndex + k])
            if contains(other, v) {
                if start >= 0, brokenSince >= 0, p - end > gap { close() }
                if start < 0 { start = p }
                end = p + shingleSize
                brokenSince = -1
            } else if start >= 0, brokenSince < 0 {
                brokenSince = p
            }
        }
        close()
        return passages
    }

    @inline(__always)
    static func contains(_ sorted: ArraySlice<UInt32>, _ v: UInt32) -> Bool {
        var lo = sorted.startIndex, hi = sorted.endIndex
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.endIndex && sorted[lo] == v
    }
}
