/// One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle hash goes
/// to one of `k` bins by its top bits and the bin keeps its minimum; empty bins borrow the value of a
/// non-empty bin chosen by a fixed per-bin probe sequence. O(shingles + k) per document instead of
/// O(shingles × k), with the same collision probability (Jaccard) as k independent permutations.
struct OnePermutationMinHash: Sendable {
    /// Number of bins (signature length); a power of two.
    let bins: Int
    private let shift: UInt64
    private let seed: UInt64

    init(bins: Int = 128, seed: UInt64 = 0x5EED_C0DE_D00D_F00D) {
        precondition(bins > 1 && bins & (bins - 1) == 0, "bins must be a power of two")
        self.bins = bins
        shift = UInt64(64 - bins.trailingZeroBitCount)
        self.seed = seed
    }

    /// Fills `signature` (resized to `bins`) from `shingles`; `filled` is scratch. `shingles` must not be empty.
    func sign(_ shingles: UnsafeBufferPointer<UInt64>, into signature: inout [UInt64], filled: inout [Bool]) {
        if signature.count != bins { signature = [UInt64](repeating: .max, count: bins) } else {
            for i in 0..<bins { signature[i] = .max }
        }
        if filled.count != bins { filled = [Bool](repeating: false, count: bins) } else {
            for i in 0..<bins { filled[i] = false }
        }
        let mask = (UInt64(1) << shift) - 1
        signature.withUnsafeMutableBufferPointer { sig in
            for h in shingles {
                let bin = Int(truncatingIfNeeded: h >> shift)
                let value = h & mask
                if value < sig[bin] { sig[bin] = value }
            }
        }
        var empty = 0
        for i in 0..<bins {
            if signature[i] != .max { filled[i] = true } else { empty += 1 }
        }
        guard empty > 0, empty < bins else { return }
        let binMask = UInt64(bins - 1)
        for i in 0..<bins where !filled[i] {
            var attempt: UInt64 = 1
            while true {
                let j = Int(truncatingIfNeeded: Mix64.fmix(seed ^ (UInt64(i) << 32) ^ attempt) & binMask)
                if filled[j] {
                    signature[i] = signature[j]
                    break
                }
                attempt += 1
            }
        }
    }
}
