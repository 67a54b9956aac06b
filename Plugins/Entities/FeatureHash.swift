/// The 64-bit hashing every feature goes through: FNV-1a over bytes, then a strong mix with the template.
enum FeatureHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func bytes(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, seed: UInt64 = seed) -> UInt64 {
        var h = seed
        var k = start
        while k < end {
            h = (h ^ UInt64(b[k])) &* 0x0000_0100_0000_01B3
            k += 1
        }
        return h
    }

    /// SplitMix64 finaliser: spreads every input bit over the whole word.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 { mix(a &* 0x9E37_79B9_7F4A_7C15 ^ b) }
}
