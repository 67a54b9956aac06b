/// An error in a pipeline file or stage options: where it is, what is wrong, what to do.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// Where in the pipeline file, when known.
    public var position: FilePosition?
    public var message: String

    public init(_ message: String, at position: FilePosition? = nil) {
        self.message = message
        self.position = position
    }

    /// `file:line:column: error: message`, the form editors and compilers use.
    public var description: String {
        if let position { return "\(position): error: \(message)" }
        return "error: \(message)"
    }
}
