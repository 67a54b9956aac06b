/// A document (or would-be document) that could not be read or processed, with where and why.
public struct Rejection: Sendable {
    public var source: SourceLocation
    /// The document id when it was known.
    public var id: String?
    /// `input` for reading problems, otherwise the id of the stage that rejected it.
    public var stage: String
    public var reason: String

    public init(source: SourceLocation, id: String? = nil, stage: String, reason: String) {
        self.source = source
        self.id = id
        self.stage = stage
        self.reason = reason
    }
}
