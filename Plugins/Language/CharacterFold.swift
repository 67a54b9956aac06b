/// How a character enters the n-gram model: letters lower-cased and folded the way the training profiles
/// were written (langdetect's normalisation: Romanian comma-below → cedilla, Farsi yeh → Arabic yeh, every
/// Vietnamese letter of U+1EA0–U+1EFF → U+1EC3, kana and Hangul syllables to one letter each), anything
/// else a space. Used by the trainer on profile keys and, through ``CharacterTable``, on text.
public enum CharacterFold {
    /// The folded code point of `scalar`, or a space for a non-letter.
    public static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.generalCategory.isMark else { return 0x20 }
        if scalar.value < 0x80, !(0x41...0x5A).contains(scalar.value), !(0x61...0x7A).contains(scalar.value) { return 0x20 }
        var value = scalar.value
        let lower = properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first { value = first.value }
        switch value {
        case 0x219: value = 0x15F
        case 0x21B: value = 0x163
        case 0x6CC: value = 0x64A
        case 0x1EA0...0x1EFF: value = 0x1EC3
        case 0x3040...0x309F: value = 0x3042
        case 0x30A0...0x30FF: value = 0x30A2
        case 0xAC00...0xD7AF: value = 0xAC00
        default: break
        }
        return value
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}

/// Per code point of the Basic Multilingual Plane: the folded value (bits 0–20), whether the letter is a
/// capital (bit 21, ``upperBit``) and the ``Script`` (bits 24–31), built once from the Unicode tables so the
/// hot loop does one array read.
struct CharacterTable: Sendable {
    let entries: [UInt32]

    static let shared = CharacterTable()

    static let valueMask: UInt32 = (1 << 21) - 1
    /// Set for a capital letter (one that changes when lower-cased).
    static let upperBit: UInt32 = 1 << 21

    private init() {
        entries = (0..<0x10000).map { (code: UInt32) -> UInt32 in
            guard let scalar = Unicode.Scalar(code) else { return 0x20 }
            let value = CharacterFold.fold(scalar)
            guard value != 0x20 else { return 0x20 }
            let upper = scalar.properties.changesWhenLowercased ? Self.upperBit : 0
            return value | upper | UInt32(Script.of(code).rawValue) << 24
        }
    }

    /// The entry of a code point above the BMP: Han extensions are letters, everything else a space.
    @inline(__always)
    static func supplementary(_ code: UInt32) -> UInt32 {
        (0x20000...0x3FFFF).contains(code) ? code | UInt32(Script.han.rawValue) << 24 : 0x20
    }
}
