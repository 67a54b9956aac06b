import CopydeskCore

/// Decodes HTML character references left in text, in one left-to-right pass whose output is never
/// re-read, so `&amp;amp;` becomes `&amp;` (decoded once).
///
/// - Numeric: `&#8217;` and `&#x2019;` (`X` too), semicolon required. 0, surrogates and values past
///   U+10FFFF become U+FFFD; 128–159 are remapped to Windows-1252 characters as HTML5 does (`&#146;` → ’).
///   Other control characters are produced as written and left to the `control` option.
/// - Named: a name from ``HTMLEntityTable`` followed by a semicolon. Unknown names, names without a
///   semicolon and a bare `&` (`AT&T`, `&c`, `R&D`) stay as they are.
///
/// The output is never longer than the input: every reference is at least as long as its UTF-8.
enum EntityDecoder {
    /// What one run produced.
    struct Outcome {
        /// Bytes written.
        var count: Int
        /// Whether any reference was decoded (the output may now hold non-ASCII or control characters).
        var decodedAny: Bool
    }

    /// Decodes `input` into `out`, which has room for `input.count` bytes.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Outcome {
        guard let p = input.baseAddress else { return Outcome(count: 0, decodedAny: false) }
        let n = input.count
        var i = 0
        var j = 0
        var decodedAny = false
        while i < n {
            let ampersand = ByteSearch.firstIndex(of: 0x26, in: p, from: i, to: n)
            if ampersand > i {
                (out + j).update(from: p + i, count: ampersand - i)
                j += ampersand - i
                i = ampersand
            }
            guard i < n else { break }
            if let (value, length) = reference(p, at: i, end: n) {
                UTF8Bytes.encode(value, into: out, at: &j)
                i += length
                decodedAny = true
            } else {
                out[j] = 0x26
                j += 1
                i += 1
            }
        }
        return Outcome(count: j, decodedAny: decodedAny)
    }

    /// The scalar of the reference starting with the `&` at `i`, and the reference's length in bytes.
    @inline(__always)
    private static func reference(_ p: UnsafePointer<UInt8>, at i: Int, end n: Int) -> (UInt32, Int)? {
        var k = i + 1
        guard k < n else { return nil }
        if p[k] == 0x23 {  // '#'
            k += 1
            var hex = false
            if k < n && p[k] | 0x20 == 0x78 {  // 'x' or 'X'
                hex = true
                k += 1
            }
            let digitsStart = k
            var value: UInt32 = 0
            while k < n {
                let c = p[k]
                let digit: UInt32
                if c >= 0x30 && c <= 0x39 {
                    digit = UInt32(c - 0x30)
                } else if hex, c | 0x20 >= 0x61, c | 0x20 <= 0x66 {
                    digit = UInt32(c | 0x20) - 0x61 + 10
                } else {
                    break
                }
                value = min(value * (hex ? 16 : 10) + digit, 0x110000)  // saturate: anything past U+10FFFF is invalid
                k += 1
            }
            guard k > digitsStart, k < n, p[k] == 0x3B else { return nil }
            return (numericScalar(value), k + 1 - i)
        }
        let nameStart = k
        while k < n, k - nameStart <= HTMLEntityTable.longestName, isAlphanumeric(p[k]) { k += 1 }
        let length = k - nameStart
        guard length > 0, length <= HTMLEntityTable.longestName, k < n, p[k] == 0x3B,
            let value = HTMLEntityTable.scalar(named: UnsafeBufferPointer(start: p + nameStart, count: length))
        else { return nil }
        return (value, k + 1 - i)
    }

    /// The character a numeric reference stands for, after the HTML5 replacements.
    @inline(__always)
    static func numericScalar(_ value: UInt32) -> UInt32 {
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        return Windows1252.character(forC1: value)
    }

    @inline(__always)
    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
    }
}
