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
public struct Token: Sendable, Hashable {
    /// First UTF-8 byte.
    public var byteStart: Int
    /// One past the last UTF-8 byte.
    public var byteEnd: Int
    /// First Unicode code point (offset into the text).
    public var scalarStart: Int
    /// One past the last code point.
    public var scalarEnd: Int
    /// What the token is.
    public var kind: TokenKind
    /// Whether a line break precedes the token (a new line or paragraph starts here).
    public var afterNewline: Bool
    /// Whether whitespace precedes the token.
    public var afterSpace: Bool

    /// Creates a token.
    public init(byteStart: Int, byteEnd: Int, scalarStart: Int, scalarEnd: Int, kind: TokenKind, afterNewline: Bool, afterSpace: Bool) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.scalarStart = scalarStart
        self.scalarEnd = scalarEnd
        self.kind = kind
        self.afterNewline = afterNewline
        self.afterSpace = afterSpace
    }
}
