/// What a token is, as the tokeniser decided from its characters.
public enum TokenKind: UInt8, Sendable {
    /// Letters (with digits, inner hyphens and apostrophes), initials ("J."), abbreviations ("Mr.").
    case word
    /// Digits with inner separators ("3,000", "1996-12-06", "10:30"), optionally signed, or with a letter tail ("5pm").
    case number
    /// A currency symbol and an amount: "£3,000", "$5m".
    case money
    /// A number with a percent sign: "-58%".
    case percent
    /// The possessive ending "'s" or "’s".
    case possessive
    case url
    case email
    /// "#JC9".
    case hashtag
    /// "@user".
    case handle
    /// One punctuation or symbol character.
    case punctuation
}

/// One token: byte and Unicode code-point offsets into the text (end exclusive), its kind, and layout flags.
///
/// Stored compactly (offsets as `UInt32`, 20 bytes a token instead of 40), because a big document has millions
/// of tokens; texts are therefore limited to ``maxTextBytes`` (the entities stage rejects longer ones).
public struct Token: Sendable, Hashable {
    /// The longest text, in UTF-8 bytes, whose offsets a token can hold (4 GiB − 1).
    public static let maxTextBytes = Int(UInt32.max)

    private var byteStart32: UInt32
    private var byteEnd32: UInt32
    private var scalarStart32: UInt32
    private var scalarEnd32: UInt32
    /// What the token is.
    public var kind: TokenKind
    /// Whether a line break precedes the token (a new line or paragraph starts here).
    public var afterNewline: Bool
    /// Whether whitespace precedes the token.
    public var afterSpace: Bool

    /// First UTF-8 byte.
    public var byteStart: Int {
        get { Int(byteStart32) }
        set { byteStart32 = UInt32(newValue) }
    }
    /// One past the last UTF-8 byte.
    public var byteEnd: Int {
        get { Int(byteEnd32) }
        set { byteEnd32 = UInt32(newValue) }
    }
    /// First Unicode code point (offset into the text).
    public var scalarStart: Int {
        get { Int(scalarStart32) }
        set { scalarStart32 = UInt32(newValue) }
    }
    /// One past the last code point.
    public var scalarEnd: Int {
        get { Int(scalarEnd32) }
        set { scalarEnd32 = UInt32(newValue) }
    }

    /// Creates a token; every offset must be at most ``maxTextBytes``.
    public init(byteStart: Int, byteEnd: Int, scalarStart: Int, scalarEnd: Int, kind: TokenKind, afterNewline: Bool, afterSpace: Bool) {
        self.byteStart32 = UInt32(byteStart)
        self.byteEnd32 = UInt32(byteEnd)
        self.scalarStart32 = UInt32(scalarStart)
        self.scalarEnd32 = UInt32(scalarEnd)
        self.kind = kind
        self.afterNewline = afterNewline
        self.afterSpace = afterSpace
    }
}
