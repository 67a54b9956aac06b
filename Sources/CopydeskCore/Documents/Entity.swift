/// A named entity with its canonical name and every mention.
public struct Entity: Sendable, Hashable {
    /// PERSON, ORG, LOC, DATE, TIME, MONEY, PERCENT, URL, EMAIL, HASHTAG or HANDLE from the built-in
    /// stage (``EntityType/builtIn``); any other from a third-party stage or an exec program.
    public var type: EntityType
    /// The canonical name, e.g. "Jackie Walker" for "Ms Walker".
    public var name: String
    public var mentions: [Mention]

    public init(type: EntityType, name: String, mentions: [Mention]) {
        self.type = type
        self.name = name
        self.mentions = mentions
    }
}
