/// Decoding and encoding of single scalars on raw UTF-8 bytes. Inputs come from Swift strings or from
/// the normaliser's own output, so they are always well-formed; the helpers only guard the buffer end.
package enum UTF8Bytes {
    /// The number of bytes of the sequence that starts with `lead` (1 for a stray continuation byte).
    @inlinable @inline(__always)
    package static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// The scalar value at `i` and its length in bytes.
    @inlinable @inline(__always)
    package static func decode(_ p: UnsafePointer<UInt8>, at i: Int, end: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        let length = sequenceLength(p[i])
        guard length > 1, i + length <= end else { return (0xFFFD, 1) }
        switch length {
        case 2:
            return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        case 3:
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        default:
            return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F), 4)
        }
    }

    /// The scalar value that ends just before `end`, and its start.
    @inlinable @inline(__always)
    package static func decodeBackward(_ p: UnsafePointer<UInt8>, before end: Int, start: Int) -> (value: UInt32, start: Int) {
        var i = end - 1
        while i > start, p[i] & 0xC0 == 0x80 { i -= 1 }
        return (decode(p, at: i, end: end).value, i)
    }

    /// Writes `value` as UTF-8 at `out[j]` and advances `j`.
    @inlinable @inline(__always)
    package static func encode(_ value: UInt32, into out: UnsafeMutablePointer<UInt8>, at j: inout Int) {
        if value < 0x80 {
            out[j] = UInt8(value)
            j += 1
        } else if value < 0x800 {
            out[j] = UInt8(0xC0 | value >> 6)
            out[j + 1] = UInt8(0x80 | value & 0x3F)
            j += 2
        } else if value < 0x10000 {
            out[j] = UInt8(0xE0 | value >> 12)
            out[j + 1] = UInt8(0x80 | (value >> 6) & 0x3F)
            out[j + 2] = UInt8(0x80 | value & 0x3F)
            j += 3
        } else {
            out[j] = UInt8(0xF0 | value >> 18)
            out[j + 1] = UInt8(0x80 | (value >> 12) & 0x3F)
            out[j + 2] = UInt8(0x80 | (value >> 6) & 0x3F)
            out[j + 3] = UInt8(0x80 | value & 0x3F)
            j += 4
        }
    }

    /// The length of `value` in UTF-8.
    @inlinable @inline(__always)
    package static func encodedLength(_ value: UInt32) -> Int {
        value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
    }
}
