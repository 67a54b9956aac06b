/// What a gazetteer entry says about a token sequence, as bits of a mask.
public struct GazetteerKind: OptionSet, Sendable, Hashable {
    /// The bits.
    public let rawValue: UInt16
    /// A mask from its bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// A first name (US Census lists).
    public static let firstName = GazetteerKind(rawValue: 1)
    /// A surname (US Census lists).
    public static let surname = GazetteerKind(rawValue: 2)
    /// A place: country, capital, state, city (GeoNames).
    public static let place = GazetteerKind(rawValue: 4)
    /// A company legal-form suffix: "Ltd", "plc", "Inc".
    public static let orgSuffix = GazetteerKind(rawValue: 8)
    /// A word that heads organisation names: "Party", "Committee", "University", "FC".
    public static let orgWord = GazetteerKind(rawValue: 16)
    /// An honorific or title that precedes a person's name: "Mr", "Sir", "President", "secretary".
    public static let title = GazetteerKind(rawValue: 32)
    /// A month or weekday name.
    public static let calendar = GazetteerKind(rawValue: 64)
    /// The entry continues: a proper prefix of a longer multi-token entry.
    public static let prefix = GazetteerKind(rawValue: 128)
    /// A country (GeoNames), also as the name of its national team.
    public static let country = GazetteerKind(rawValue: 256)
}
