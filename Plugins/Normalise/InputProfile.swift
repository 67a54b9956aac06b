import CopydeskCore

/// What a quick scan of the input bytes says about which passes it needs. Most news text is ASCII
/// with newlines and spaces only, and then skips every pass but the paragraph one.
struct InputProfile {
    /// An `&` occurs: the entity pass may have work.
    var hasAmpersand = false
    /// A byte other than printable ASCII, space, tab or newline occurs: the character pass is needed.
    var needsCleaning = false
    /// A byte of 0x80 or above occurs (widths must then count scalars, not bytes).
    var hasNonASCII = false

    /// Scans `bytes` once, sixteen bytes at a time.
    init(scanning bytes: UnsafeBufferPointer<UInt8>) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        typealias Chunk = ByteSearch.Chunk
        var special = SIMDMask<Chunk.MaskStorage>(repeating: false)
        var high = special
        var ampersand = special
        var k = 0
        while k + 16 <= n {
            let v = ByteSearch.load(p, k)
            high .|= v .>= Chunk(repeating: 0x80)
            special .|= (v .>= Chunk(repeating: 0x7F))
                .| ((v .< Chunk(repeating: 0x20)) .& (v .!= Chunk(repeating: 0x0A)) .& (v .!= Chunk(repeating: 0x09)))
            ampersand .|= v .== Chunk(repeating: 0x26)
            k += 16
        }
        var tailSpecial = false
        var tailHigh = false
        var tailAmpersand = false
        while k < n {
            let b = p[k]
            tailHigh = tailHigh || b >= 0x80
            tailSpecial = tailSpecial || b >= 0x7F || (b < 0x20 && b != 0x0A && b != 0x09)
            tailAmpersand = tailAmpersand || b == 0x26
            k += 1
        }
        hasAmpersand = tailAmpersand || any(ampersand)
        needsCleaning = tailSpecial || any(special)
        hasNonASCII = tailHigh || any(high)
    }
}
