/// The Windows-1252 code page where it differs from Latin-1 (bytes 0x80–0x9F), in both directions.
/// Used by numeric entities (HTML5 remaps &#128;–&#159;), by mojibake repair (characters back to the
/// bytes they were decoded from) and to restore lone C1 controls from text read as Latin-1.
enum Windows1252 {
    /// The character of byte `0x80 + i`; the five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep
    /// their C1 control value, as browsers and HTML5 do.
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The character Windows-1252 gives byte `value` for values 0x80–0x9F; other values unchanged.
    @inline(__always)
    static func character(forC1 value: UInt32) -> UInt32 {
        value >= 0x80 && value <= 0x9F ? high[Int(value - 0x80)] : value
    }

    /// The byte a character came from when UTF-8 was read as Windows-1252 or Latin-1, or `nil` when
    /// no single byte ≥ 0x80 decodes to it (ASCII included: it never takes part in a multi-byte sequence).
    @inline(__always)
    static func byte(for value: UInt32) -> UInt8? {
        if value < 0x80 { return nil }
        if value <= 0xFF { return UInt8(value) }
        switch value {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }
}
