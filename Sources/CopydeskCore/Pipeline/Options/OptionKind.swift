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
