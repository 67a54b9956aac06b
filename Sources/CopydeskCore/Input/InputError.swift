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
