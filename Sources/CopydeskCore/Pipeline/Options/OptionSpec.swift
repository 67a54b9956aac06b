/// The declaration of one option: name, type, default or required, and what it does.
public struct OptionSpec: Sendable {
    /// What the runner may do with an option beyond passing it to the stage.
    public enum Role: Sendable {
        /// The path of an output file; `copydesk run --output` replaces it on the pipeline's last export.
        case outputPath
        /// A file the stage reads and rewrites across runs (an index): part of the run's all-or-nothing commit.
        case statePath
    }

    public var name: String
    public var kind: OptionKind
    /// The value used when the pipeline file omits the option; `nil` leaves it absent.
    public var defaultValue: OptionValue?
    /// Whether the pipeline file must give the option.
    public var required: Bool
    /// One line for `copydesk stages` and the README.
    public var summary: String
    public var role: Role?

    public init(
        _ name: String, _ kind: OptionKind, default defaultValue: OptionValue?, required: Bool = false,
        _ summary: String, role: Role? = nil
    ) {
        self.name = name
        self.required = required
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
        self.role = role
    }
}
