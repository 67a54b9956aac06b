/// A problem with the inputs as a whole that stops the run before or while reading.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// A named input does not exist, or a directory holds nothing readable (exit 66).
        case notFound
        /// Reading failed at the system level (exit 74).
        case io
        /// Bad data and the run was asked to fail on it (exit 65).
        case badData
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

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

/// One thing an input yields: a document, or a rejection that must be accounted for.
public enum InputItem: Sendable {
    case document(Document)
    case rejected(Rejection)
}
