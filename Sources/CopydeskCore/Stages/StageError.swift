/// A failure that stops the run: an output that cannot be written, a corrupt index.
public struct StageError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, which decides the exit code.
    public enum Kind: Sendable { case io, badData, configuration }
    public var kind: Kind
    /// What went wrong and what to do next.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
