/// Lower-casing of UTF-8 bytes for features: ASCII, Latin-1 and Latin Extended-A upper-case letters, Greek and
/// Cyrillic capitals. Byte length never changes, so offsets stay valid.
enum LowerCase {
    /// A lower-cased copy of `bytes`.
    static func lowered(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let n = out.count
        var i = 0
        while i < n {
            let c = out[i]
            if c < 0x80 {
                if c >= 0x41 && c <= 0x5A { out[i] = c | 0x20 }
                i += 1
            } else if c == 0xC3, i + 1 < n {
                let d = out[i + 1]
                if d >= 0x80 && d <= 0x9E && d != 0x97 { out[i + 1] = d + 0x20 }
                i += 2
            } else if (c == 0xC4 || c == 0xC5), i + 1 < n {
                let d = out[i + 1]
                // Latin Extended-A: even code points upper, odd lower (U+0100–U+017F, mostly).
                let u = (UInt32(c & 0x1F) << 6) | UInt32(d & 0x3F)
                if u & 1 == 0, u != 0x138 { out[i + 1] = d + 1 }
                i += 2
            } else if c == 0xCE, i + 1 < n, out[i + 1] >= 0x91, out[i + 1] <= 0x9F {
                out[i + 1] += 0x20
                i += 2
            } else if c == 0xCE, i + 1 < n, out[i + 1] >= 0xA0, out[i + 1] <= 0xA9 {
                out[i] = 0xCF
                out[i + 1] -= 0x20
                i += 2
            } else if c == 0xD0, i + 1 < n, out[i + 1] >= 0x90, out[i + 1] <= 0x9F {
                out[i + 1] += 0x20
                i += 2
            } else if c == 0xD0, i + 1 < n, out[i + 1] >= 0xA0, out[i + 1] <= 0xAF {
                out[i] = 0xD1
                out[i + 1] -= 0x20
                i += 2
            } else {
                i += 1
            }
        }
        return out
    }

    /// FNV hashes of each token's lower-cased bytes; curly apostrophes hash like straight ones.
    static func tokenHashes(_ text: TokenizedText) -> [UInt64] {
        let lower = lowered(text.bytes)
        return lower.withUnsafeBufferPointer { b in text.tokens.map { hash(b, $0.byteStart, $0.byteEnd) } }
    }

    /// FNV-1a over lower-cased bytes, folding "’" (E2 80 99) to "'".
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = FeatureHash.seed
        var k = start
        while k < end {
            var c = b[k]
            if c == 0xE2, k + 2 < end, b[k + 1] == 0x80, b[k + 2] == 0x99 {
                c = 0x27
                k += 2
            }
            h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3
            k += 1
        }
        return h
    }
}
