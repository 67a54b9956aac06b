/// The type of a named entity, written in the record as its raw value (`"PERSON"`).
///
/// A struct with static constants rather than a closed enum: the built-in entities stage emits the eleven
/// types below, but an exec program or a third-party stage may give its own (`"PRODUCT"`), and those
/// travel through the run unchanged. A string literal makes a type (`let t: EntityType = "PRODUCT"`).
public struct EntityType: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The name as the record writes it; the built-in types are upper case.
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A person, named or by title and surname.
    public static let person: Self = "PERSON"
    /// A company, agency, team, party or other organisation.
    public static let organisation: Self = "ORG"
    /// A place: country, region, city, landmark.
    public static let location: Self = "LOC"
    /// A calendar date or a day named relative to the publication (`Tuesday`).
    public static let date: Self = "DATE"
    /// A time of day.
    public static let time: Self = "TIME"
    /// An amount of money with its currency.
    public static let money: Self = "MONEY"
    /// A percentage.
    public static let percent: Self = "PERCENT"
    /// A web address.
    public static let url: Self = "URL"
    /// An e-mail address.
    public static let email: Self = "EMAIL"
    /// A `#hashtag`.
    public static let hashtag: Self = "HASHTAG"
    /// A social-media `@handle`.
    public static let handle: Self = "HANDLE"

    /// The types the built-in entities stage emits, in the order docs/design.md lists them.
    public static let builtIn: [Self] = [
        .person, .organisation, .location, .date, .time, .money, .percent, .url, .email, .hashtag, .handle,
    ]
}
