import CopydeskCore

/// Repairs one mojibake sequence: UTF-8 bytes that were decoded as Windows-1252 (or Latin-1) and
/// re-encoded, so that `’` (E2 80 99) reads `â€™` and `é` (C3 A9) reads `Ã©`.
///
/// A sequence starts with a character that stands for a UTF-8 lead byte (U+00C2–U+00F4: `Â`…`ô`) and
/// continues with as many characters as that lead byte needs, each standing for a continuation byte
/// (0x80–0xBF: a Windows-1252 punctuation character, a C1 control or U+00A0–U+00BF). It is repaired only
/// when the bytes form valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF) and the
/// result is plausible, which keeps legitimate text intact:
/// - two bytes: a Latin-1 or Latin Extended letter or symbol (U+00A0–U+024F), a Greek, modern Cyrillic,
///   Hebrew or basic Arabic letter. This rejects `É»` (→ IPA U+027B) in «CAFÉ» and `ß“` (→ NKo U+07D3) in „Fuß“;
/// - three bytes: anything for `â` (U+2000–U+2FFF: punctuation, currency, symbols); for other leads
///   (CJK, Indic, the byte order mark `ï»¿`…) not right after an ASCII letter (so `café…»` stays),
///   and never a private-use character or noncharacter;
/// - four bytes (emoji and other supplementary characters): anything but private use.
enum MojibakeRepair {
    /// The repaired scalar and the number of input bytes it replaces, when the characters starting at
    /// `i` (whose first character `lead` is U+00C2–U+00F4 and `leadLength` bytes long) are mojibake.
    /// `previous` is the last byte written before them (0 at the start).
    @inline(__always)
    static func repair(
        _ p: UnsafePointer<UInt8>, at i: Int, end: Int, lead: UInt32, leadLength: Int, previous: UInt8
    ) -> (value: UInt32, length: Int)? {
        let b0 = UInt8(truncatingIfNeeded: lead)
        let needed = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3
        var j = i + leadLength
        var value = UInt32(b0) & (b0 < 0xE0 ? 0x1F : b0 < 0xF0 ? 0x0F : 0x07)
        var second: UInt8 = 0
        for k in 0..<needed {
            guard j < end, p[j] >= 0x80 else { return nil }
            let (character, length) = UTF8Bytes.decode(p, at: j, end: end)
            guard let byte = Windows1252.byte(for: character), byte & 0xC0 == 0x80 else { return nil }
            if k == 0 { second = byte }
            value = value << 6 | UInt32(byte & 0x3F)
            j += length
        }
        switch b0 {
        case 0xE0: guard second >= 0xA0 else { return nil }  // overlong
        case 0xED: guard second <= 0x9F else { return nil }  // surrogates
        case 0xF0: guard second >= 0x90 else { return nil }  // overlong
        case 0xF4: guard second <= 0x8F else { return nil }  // past U+10FFFF
        default: break
        }
        guard isPlausible(value, lead: b0, previous: previous) else { return nil }
        return (value, j - i)
    }

    @inline(__always)
    private static func isPlausible(_ value: UInt32, lead: UInt8, previous: UInt8) -> Bool {
        switch lead {
        case 0xC2...0xDF:
            switch value {
            case 0x00A0...0x024F, 0x0386...0x03CE, 0x0400...0x045F, 0x0490...0x0491, 0x05D0...0x05EA,
                 0x0621...0x063A, 0x0641...0x064A:
                return true
            default:
                return false
            }
        case 0xE2:
            return true
        case 0xE0...0xEF:
            let afterLetter = (previous | 0x20) >= 0x61 && (previous | 0x20) <= 0x7A
            let privateUse = value >= 0xE000 && value <= 0xF8FF
            let nonCharacter = (value >= 0xFDD0 && value <= 0xFDEF) || value >= 0xFFFE
            return !afterLetter && !privateUse && !nonCharacter
        default:
            return value < 0xF0000
        }
    }
}
