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

/// The separate passages two documents share, counted in one document's word order: maximal runs of
/// its sampled shingles that the other document also has, where a run ends at a sampled shingle the
/// other lacks (and more than `gap` words of text), and counts only when it spans at least `minWords`
/// words. One shared quote or one shared background paragraph is one passage (in either document's
/// order); a syndicated version shares several, separated by text of its own.
enum SharedPassages {
    /// Word ranges (start, end exclusive) of the passages of a document given by its sorted sample and
    /// the word position of each value (filtered to rate 2^-shift), that also occur in `other` (sorted).
    static func find<P: BinaryInteger>(sample: ArraySlice<UInt32>, positions: ArraySlice<P>, shift: UInt8, other: ArraySlice<UInt32>,
                                       shingleSize: Int, gap: Int = 12, minWords: Int = 12) -> [Range<Int>] {
        let mask = (UInt32(1) << UInt32(shift)) &- 1
        // (position << 1 | shared), in word order.
        var marks: [UInt64] = []
        marks.reserveCapacity(sample.count)
        for k in 0..<sample.count {
            let v = sample[sample.startIndex + k]
            guard v & mask == 0 else { continue }
            let p = UInt64(positions[positions.startIndex + k])
            marks.append(p << 1 | (contains(other, v) ? 1 : 0))
        }
        marks.sort()
        var passages: [Range<Int>] = []
        var start = -1, end = -1
        var broken = false
        func close() {
            if start >= 0, end - start >= minWords { passages.append(start..<end) }
            start = -1
        }
        for mark in marks {
            let p = Int(mark >> 1)
            if mark & 1 == 1 {
                if start >= 0, broken, p - end > gap { close() }
                if start < 0 { start = p }
                end = p + shingleSize
                broken = false
            } else if start >= 0 {
                broken = true
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
