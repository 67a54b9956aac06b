/// The type of one stage option, as declared by the stage and shown by `copydesk stages`.
public indirect enum OptionKind: Sendable, CustomStringConvertible {
    case string
    /// One of a fixed set of strings.
    case choice([String])
    case bool
    case int(min: Int?, max: Int?)
    case double(min: Double?, max: Double?)
    /// A file system path (resolved by the user's working directory).
    case path
    /// A list of values of one kind.
    case list(OptionKind)
    /// A mapping from arbitrary string keys to values of one kind.
    case map(OptionKind)
    /// A mapping with fixed keys, each declared and checked like a stage's own options.
    case record([OptionSpec])
    /// The record this kind sits in, again: for trees such as a filter condition whose `all:` is a list
    /// of conditions (`.list(.recursive)` inside that record's specs). Nesting is limited to
    /// ``OptionKind/maximumDepth`` levels.
    case recursive
    /// A string that must compile as a regular expression (ICU syntax, as `NSRegularExpression` reads it);
    /// an invalid one is an error at its position in the pipeline file.
    case regex

    public var description: String {
        switch self {
        case .string: "string"
        case .choice(let values): values.joined(separator: "|")
        case .bool: "bool"
        case .int(let lo, let hi): "int" + Self.range(lo.map(String.init), hi.map(String.init))
        case .double(let lo, let hi): "number" + Self.range(lo.map { "\($0)" }, hi.map { "\($0)" })
        case .path: "path"
        case .list(let inner): "[\(inner)]"
        case .map(let inner): "{string: \(inner)}"
        case .record(let specs): "{" + specs.map { "\($0.name): \($0.kind)" }.joined(separator: ", ") + "}"
        case .recursive: "{…}"
        case .regex: "regex"
        }
    }

    /// How deep `.recursive` records may nest in a pipeline file.
    public static let maximumDepth = 32

    private static func range(_ lo: String?, _ hi: String?) -> String {
        switch (lo, hi) {
        case (nil, nil): ""
        case let (lo?, nil): " ≥ \(lo)"
        case let (nil, hi?): " ≤ \(hi)"
        case let (lo?, hi?): " \(lo)…\(hi)"
        }
    }
}

/// A decoded option value.
public indirect enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([OptionValue])
    /// String-keyed mapping, keys in file order.
    case map([KeyedOptionValue])

    public var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One entry of a mapping value.
public struct KeyedOptionValue: Sendable, Hashable {
    public var key: String
    public var value: OptionValue
    public init(key: String, value: OptionValue) {
        self.key = key
        self.value = value
    }
}

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

extension KeyedOptionValue {
    /// Looks up `key` among `entries`.
    public static func lookup(_ key: String, in entries: [KeyedOptionValue]) -> OptionValue? {
        entries.first { $0.key == key }?.value
    }
}

extension OptionValue {
    /// The string payload, or `nil` for other kinds.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
