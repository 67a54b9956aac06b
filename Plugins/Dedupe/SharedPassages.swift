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
