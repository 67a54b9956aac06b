/// A document a stage could not process: it goes to the rejects output with this reason.
public struct DocumentRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, in words a user can act on.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
