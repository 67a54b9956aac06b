/// One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle hash goes
/// to one of `k` bins by its top bits and the bin keeps its minimum; empty bins borrow the value of a
/// non-empty bin chosen by a fixed per-bin probe sequence. O(shingles + k) per document instead of
/// O(shingles × k), with the same collision probability (Jaccard) as k independent permutations.
struct OnePermutationMinHash: Sendable {
    /// Number of bins (signature length); a power of two.
    let bins: Int
    private let shift: UInt64
    private let seed: UInt64
    /// The first `probeDepth` probes of every bin's fixed sequence, precomputed (bin-major).
    private let probes: [UInt16]
    private static let probeDepth = 64

    init(bins: Int = 128, seed: UInt64 = 0x5EED_C0DE_D00D_F00D) {
        precondition(bins > 1 && bins & (bins - 1) == 0 && bins <= 1 << 15, "bins must be a power of two ≤ 32768")
        self.bins = bins
        shift = UInt64(64 - bins.trailingZeroBitCount)
        self.seed = seed
        var table: [UInt16] = []
        table.reserveCapacity(bins * Self.probeDepth)
        for i in 0..<bins {
            for attempt in 1...Self.probeDepth { table.append(UInt16(Self.probe(seed, i, UInt64(attempt), bins))) }
        }
        probes = table
    }

    @inline(__always)
    private static func probe(_ seed: UInt64, _ i: Int, _ attempt: UInt64, _ bins: Int) -> Int {
        Int(truncatingIfNeeded: Mix64.fmix(seed ^ (UInt64(i) << 32) ^ attempt) & UInt64(bins - 1))
    }

    /// Fills `signature` (`bins` values) from `shingles`; `filled` is scratch of `bins` flags. `shingles` must not be empty.
    func sign(_ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt64>,
              filled: UnsafeMutableBufferPointer<Bool>) {
        signature.initialize(repeating: .max)
        let mask = (UInt64(1) << shift) &- 1
        for h in shingles {
            let bin = Int(truncatingIfNeeded: h &>> shift)
            signature[bin] = Swift.min(signature[bin], h & mask)
        }
        var empty = 0
        for i in 0..<bins {
            let isFilled = signature[i] != .max
            filled[i] = isFilled
            empty &+= isFilled ? 0 : 1
        }
        guard empty > 0, empty < bins else { return }
        let depth = Self.probeDepth
        probes.withUnsafeBufferPointer { probeTable in
          for i in 0..<bins where !filled[i] {
            var found = false
            for a in 0..<depth {
                let j = Int(probeTable[i * depth + a])
                if filled[j] {
                    signature[i] = signature[j]
                    found = true
                    break
                }
            }
            guard !found else { continue }
            var attempt = UInt64(depth) + 1
            while true {
                let j = Self.probe(seed, i, attempt, bins)
                if filled[j] {
                    signature[i] = signature[j]
                    break
                }
                attempt += 1
            }
        }
        }
    }
}
