/// The writing system of a letter, as far as language identification needs it. Scripts written by one
/// language of the model decide that language directly; the others narrow the candidates for the n-gram model.
public enum Script: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Not a letter (digits, punctuation, symbols, spaces).
    case none = 0
    case latin, cyrillic, arabic, devanagari, greek, hebrew, bengali, gurmukhi, gujarati, tamil, telugu, kannada,
        malayalam, thai, hangul, kana, han
    /// Letters of a script the model knows no language for (Georgian, Armenian, Ethiopic, …).
    case other

    public var description: String { Self.names[Int(rawValue)] }

    private static let names = [
        "none", "latin", "cyrillic", "arabic", "devanagari", "greek", "hebrew", "bengali", "gurmukhi", "gujarati",
        "tamil", "telugu", "kannada", "malayalam", "thai", "hangul", "kana", "han", "other",
    ]

    /// The language a script decides on its own (ISO 639-1), or `nil` when several languages of the model
    /// share it (or none does). Kana and Han are resolved together: any kana makes Japanese.
    public var soleLanguage: String? {
        switch self {
        case .greek: "el"
        case .hebrew: "he"
        case .bengali: "bn"
        case .gurmukhi: "pa"
        case .gujarati: "gu"
        case .tamil: "ta"
        case .telugu: "te"
        case .kannada: "kn"
        case .malayalam: "ml"
        case .thai: "th"
        case .hangul: "ko"
        case .kana: "ja"
        case .han: "zh"
        default: nil
        }
    }

    /// The script of code point `value` by its Unicode block (letters only; the caller checks letterhood).
    static func of(_ value: UInt32) -> Script {
        switch value {
        case 0x41...0x24F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF5A: .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: .cyrillic
        case 0x590...0x5FF, 0xFB1D...0xFB4F: .hebrew
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: .arabic
        case 0x900...0x97F, 0xA8E0...0xA8FF: .devanagari
        case 0x980...0x9FF: .bengali
        case 0xA00...0xA7F: .gurmukhi
        case 0xA80...0xAFF: .gujarati
        case 0xB80...0xBFF: .tamil
        case 0xC00...0xC7F: .telugu
        case 0xC80...0xCFF: .kannada
        case 0xD00...0xD7F: .malayalam
        case 0xE00...0xE7F: .thai
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xFFA0...0xFFDC: .hangul
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: .han
        default: .other
        }
    }
}
