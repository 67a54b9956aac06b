/// Where a literal alternation can match, looked for 16 positions at a time: the positions whose first
/// four bytes equal the first four of an alternative (with 0x20 set in every byte on both sides when
/// case is folded), found with vector comparisons of the text loaded at four successive offsets. Only
/// those positions are compared in full (``LiteralAlternation/matchesAt(_:_:_:)``), so the common
/// letters that start alternatives (`t` of `test`, `a` of `advisory`) cost no per-byte work.
///
/// Setting 0x20 lowercases an ASCII capital and maps no two bytes that ASCII case folding keeps apart
/// onto one that the alternative could hold differently, so every true match is a candidate.
struct PrefixScan: Sendable {
    /// The distinct four-byte prefixes, each byte in 16 lanes: four vectors a prefix.
    let vectors: [SIMD16<UInt8>]
    /// The same prefixes as little-endian integers, for the last positions.
    let prefixes: [UInt32]
    /// 0x20 when case is folded, else 0.
    let fold: UInt8

    /// The scan for `alternatives` (lowercased when `caseInsensitive`); `nil` when one is shorter than
    /// four bytes.
    init?(alternatives: [[UInt8]], caseInsensitive: Bool) {
        guard !alternatives.isEmpty, alternatives.allSatisfy({ $0.count >= 4 }) else { return nil }
        let fold: UInt8 = caseInsensitive ? 0x20 : 0
        self.fold = fold
        var prefixes: [UInt32] = []
        for alternative in alternatives {
            let prefix = (0..<4).reduce(UInt32(0)) { $0 | UInt32(alternative[$1] | fold) << (8 * UInt32($1)) }
            if !prefixes.contains(prefix) { prefixes.append(prefix) }
        }
        self.prefixes = prefixes
        vectors = prefixes.flatMap { prefix in (0..<4).map { SIMD16(repeating: UInt8(truncatingIfNeeded: prefix >> (8 * UInt32($0)))) } }
    }

    /// Whether `verify` holds at one of the positions of `bytes` where a prefix occurs (it is called on
    /// candidates in increasing order until it returns `true`).
    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, where verify: (Int) -> Bool) -> Bool {
        let n = bytes.count
        guard n >= 4, let base = bytes.baseAddress else { return false }
        let text = UnsafeRawPointer(base)
        let foldLanes = SIMD16<UInt8>(repeating: fold)
        return vectors.withUnsafeBufferPointer { table in
            let table = table.baseAddress.unsafelyUnwrapped
            let count = prefixes.count
            var i = 0
            // Positions i…i+15, reading bytes up to i+18.
            while i &+ 19 <= n {
                let v0 = text.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) | foldLanes
                let v1 = text.loadUnaligned(fromByteOffset: i &+ 1, as: SIMD16<UInt8>.self) | foldLanes
                let v2 = text.loadUnaligned(fromByteOffset: i &+ 2, as: SIMD16<UInt8>.self) | foldLanes
                let v3 = text.loadUnaligned(fromByteOffset: i &+ 3, as: SIMD16<UInt8>.self) | foldLanes
                var hit = SIMDMask<SIMD16<Int8>>()
                for p in 0..<count {
                    let row = table + 4 &* p
                    hit = hit .| (v0 .== row[0] .& (v1 .== row[1]) .& (v2 .== row[2]) .& (v3 .== row[3]))
                }
                let lanes = unsafeBitCast(hit, to: SIMD2<UInt64>.self)
                if lanes[0] | lanes[1] != 0 {
                    var candidates = Self.bits(lanes)
                    repeat {
                        if verify(i &+ candidates.trailingZeroBitCount) { return true }
                        candidates &= candidates &- 1
                    } while candidates != 0
                }
                i &+= 16
            }
            let foldWord = UInt32(fold) &* 0x0101_0101
            while i &+ 4 <= n {
                let four = UInt32(littleEndian: text.loadUnaligned(fromByteOffset: i, as: UInt32.self)) | foldWord
                if prefixes.contains(four), verify(i) { return true }
                i &+= 1
            }
            return false
        }
    }

    /// The lanes that hold (0xFF bytes) as 16 bits, lane `k` at bit `k`.
    @inline(__always)
    static func bits(_ lanes: SIMD2<UInt64>) -> UInt32 {
        let low = ((lanes[0] & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56
        let high = ((lanes[1] & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56
        return UInt32(truncatingIfNeeded: low | high << 8)
    }
}
