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
