/// A stage's options after strict decoding: every declared option present (given or default),
/// with the file position of each given value for error messages. Stages read them through their
/// ``DeclaredOptions`` struct (``OptionSchema/decode(_:)``), never by name.
public struct StageOptions: Sendable {
    public private(set) var values: [String: OptionValue]
    /// Where each option given in the file sits.
    public let positions: [String: FilePosition]
    /// The position of the stage entry itself.
    public let position: FilePosition?

    public init(values: [String: OptionValue], positions: [String: FilePosition] = [:], position: FilePosition? = nil) {
        self.values = values
        self.positions = positions
        self.position = position
    }

    /// Replaces one option's value (used for `--output`).
    public mutating func set(_ name: String, _ value: OptionValue) { values[name] = value }

    /// The raw value of option `name`.
    public subscript(name: String) -> OptionValue? { values[name] }

    /// A string option that may be absent (declared with no default).
    public func optionalString(_ name: String) -> String? {
        if case .string(let s)? = values[name] { return s }
        return nil
    }

    /// An error about option `name`, positioned at its value in the pipeline file.
    public func error(_ name: String, _ message: String) -> ConfigError {
        ConfigError("option '\(name)': \(message)", at: positions[name] ?? position)
    }
}
