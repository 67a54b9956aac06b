/// Character classes the tokeniser needs, read straight from UTF-8 bytes.
enum ScalarClass {
    /// Decodes the scalar at `i` (assumed valid UTF-8, as Swift strings are): its value and byte length.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        let n = b.count
        if c >= 0xF0, i + 3 < n {
            return ((UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F), 4)
        }
        if c >= 0xE0, i + 2 < n {
            return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if c >= 0xC0, i + 1 < n {
            return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2)
        }
        return (0xFFFD, 1)
    }

    @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    @inline(__always) static func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// Unicode spaces other than ASCII ones (no-break, en/em spaces, ideographic space, BOM).
    @inline(__always)
    static func isSpace(_ u: UInt32) -> Bool {
        u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200B) || u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F
            || u == 0x3000 || u == 0xFEFF
    }

    /// Whether a non-ASCII scalar belongs inside words: letters and marks of any script, not punctuation or symbols.
    @inline(__always)
    static func isWordScalar(_ u: UInt32) -> Bool {
        if u < 0x80 { return false }
        if u <= 0xBF { return u == 0xAA || u == 0xB5 || u == 0xBA }
        if u == 0xD7 || u == 0xF7 { return false }
        if u >= 0x2000 && u <= 0x2BFF { return false }  // punctuation, currency, arrows, maths, box drawing, symbols
        if u >= 0x3000 && u <= 0x303F { return false }  // CJK punctuation
        if u >= 0xFE10 && u <= 0xFE6F { return false }
        if u >= 0xFF00 && u <= 0xFF0F { return false }
        if u >= 0x1F000 && u <= 0x1FAFF { return false }  // emoji and pictographs
        if u == 0xFE0F || u == 0xFFFD { return false }
        return true
    }

    /// Currency symbols that start a money token: $ £ € ¥ ₹ ₩ ₽.
    @inline(__always)
    static func isCurrency(_ u: UInt32) -> Bool {
        u == 0x24 || u == 0xA3 || u == 0xA5 || u == 0x20AC || u == 0x20B9 || u == 0x20A9 || u == 0x20BD
    }

    /// Apostrophes: ' and ’.
    @inline(__always)
    static func isApostrophe(_ u: UInt32) -> Bool { u == 0x27 || u == 0x2019 }

    /// Upper-case letters among ASCII and Latin-1/Latin Extended-A (enough for capitalisation features).
    @inline(__always)
    static func isUpperScalar(_ u: UInt32) -> Bool {
        if u < 0x80 { return u >= 0x41 && u <= 0x5A }
        if u >= 0xC0 && u <= 0xDE { return u != 0xD7 }
        if u >= 0x100 && u <= 0x17F { return u & 1 == 0 }
        if u >= 0x391 && u <= 0x3A9 { return true }
        if u >= 0x410 && u <= 0x42F { return true }
        return false
    }

    /// Lower-case letters among ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
    @inline(__always)
    static func isLowerScalar(_ u: UInt32) -> Bool {
        if u < 0x80 { return u >= 0x61 && u <= 0x7A }
        if u >= 0xDF && u <= 0xFF { return u != 0xF7 }
        if u >= 0x100 && u <= 0x17F { return u & 1 == 1 }
        if u >= 0x3B1 && u <= 0x3C9 { return true }
        if u >= 0x430 && u <= 0x44F { return true }
        return false
    }
}
