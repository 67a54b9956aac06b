/// Fast 64-bit hashing used on every word and shingle: FNV-1a over bytes, finished with the
/// MurmurHash3 `fmix64` avalanche, and an order-sensitive combiner for word n-grams.
enum Mix64 {
    /// FNV-1a offset basis.
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    @inline(__always)
    static func fmix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// Combines two hashes, order-sensitively.
    @inline(__always)
    static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        (seed ^ value) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
    }

    /// Hash of `count` consecutive word hashes starting at `start` (one shingle), without building strings.
    @inline(__always)
    static func shingle(_ words: UnsafeBufferPointer<UInt64>, _ start: Int, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x2545_F491_4F6C_DD1D
        for i in start..<(start + count) { h = combine(h, words[i]) }
        return fmix(h)
    }

    /// FNV-1a of a string's UTF-8 bytes, finished with `fmix64` (document ids).
    static func string(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { bytes in
            var h = basis
            for b in bytes { h = (h ^ UInt64(b)) &* prime }
            return fmix(h)
        }
    }
}
