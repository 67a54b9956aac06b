/// The `punctuation: ascii` fold: typographic quotes, primes, guillemets, hyphens and dashes to one
/// ASCII character each. The ellipsis (U+2026 → `...`) is the one multi-character fold and is handled
/// by the caller. Em dashes become a single `-` like en dashes; the spaces around them stay as given.
enum PunctuationFold {
    /// The ASCII replacement of `value`, or `nil` when it is not folded.
    @inline(__always)
    static func ascii(for value: UInt32) -> UInt8? {
        switch value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2039, 0x203A:  // ‘ ’ ‚ ‛ ′ ‹ ›
            return 0x27
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB:  // “ ” „ ‟ ″ « »
            return 0x22
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015:  // ‐ ‑ ‒ – — ―
            return 0x2D
        default:
            return nil
        }
    }

    /// U+2026 HORIZONTAL ELLIPSIS, folded to three full stops.
    static let ellipsis: UInt32 = 0x2026
}
