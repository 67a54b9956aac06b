/// A stage's options, declared once: a struct whose default value (`init()`) holds every default, and a
/// schema of key paths that gives each field its pipeline name, type, range or choices and one-line doc.
/// Strict decoding of pipeline files, `copydesk stages`, `validate` and the docs' option tables all come
/// from it.
///
/// ```swift
/// public struct ShoutOptions: DeclaredOptions {
///     public var times = 1
///     public var suffix: String?
///     public init() {}
///     public static let schema = OptionSchema<Self>([
///         .int("times", \.times, min: 1, max: 10, "How many exclamation marks to add."),
///         .string("suffix", \.suffix, "Text added after them."),
///     ])
/// }
/// ```
public protocol DeclaredOptions: Sendable {
    /// Every option at its default.
    init()
    /// The options in `copydesk stages` order.
    static var schema: OptionSchema<Self> { get }
    /// Checks rules that involve several options (or values a type cannot express), after every value has
    /// been decoded; `check.error(\.field, "…")` positions the error at that option in the pipeline file.
    func validate(_ check: OptionCheck<Self>) throws(ConfigError)
}

extension DeclaredOptions {
    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {}
}

/// The fields of a ``DeclaredOptions`` struct, in order.
public struct OptionSchema<Options: DeclaredOptions>: Sendable {
    public let fields: [OptionField<Options>]

    public init(_ fields: [OptionField<Options>]) {
        self.fields = fields
    }

    /// The declarations `copydesk stages` prints and the decoder checks, with defaults read from `Options()`.
    public var specs: [OptionSpec] {
        let defaults = Options()
        return fields.map { field in
            OptionSpec(
                field.name, field.kind, default: field.required ? nil : field.read(defaults), required: field.required, field.summary,
                role: field.role)
        }
    }

    /// The pipeline name of the field at `keyPath`, if the schema declares it.
    public func name(of keyPath: PartialKeyPath<Options>) -> String? {
        fields.first { $0.keyPath == keyPath }?.name
    }

    /// Builds the options from strictly decoded values (defaults for what is absent), then validates them.
    public func decode(_ given: StageOptions) throws(ConfigError) -> Options {
        var options = Options()
        for field in fields {
            guard let value = given[field.name] else { continue }
            guard field.write(&options, value) else {
                throw given.error(field.name, "\(value) is not a valid \(field.kind)")
            }
        }
        try options.validate(OptionCheck(schema: self, given: given))
        return options
    }
}

/// Makes errors about options that decoded well but do not fit together, positioned in the pipeline file.
public struct OptionCheck<Options: DeclaredOptions>: Sendable {
    let schema: OptionSchema<Options>
    /// The decoded values with their positions.
    public let given: StageOptions

    /// An error about the option at `keyPath`, at its value in the pipeline file.
    public func error(_ keyPath: PartialKeyPath<Options>, _ message: String) -> ConfigError {
        given.error(schema.name(of: keyPath) ?? "\(keyPath)", message)
    }
}

/// A stage's options after decoding, with what is needed to point at one in an error.
@dynamicMemberLookup
public struct DecodedOptions<Options: DeclaredOptions>: Sendable {
    public let value: Options
    public let check: OptionCheck<Options>

    public init(_ given: StageOptions) throws(ConfigError) {
        value = try Options.schema.decode(given)
        check = OptionCheck(schema: Options.schema, given: given)
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<Options, T>) -> T { value[keyPath: keyPath] }

    /// An error about the option at `keyPath`, at its value in the pipeline file.
    public func error(_ keyPath: PartialKeyPath<Options>, _ message: String) -> ConfigError { check.error(keyPath, message) }

    /// An error about the option named `name`, at its value in the pipeline file.
    public func error(_ name: String, _ message: String) -> ConfigError { check.given.error(name, message) }
}

/// One option of a ``DeclaredOptions`` struct: its pipeline name, type, doc and key path.
public struct OptionField<Options>: Sendable {
    public let name: String
    public let kind: OptionKind
    public let required: Bool
    public let summary: String
    public let role: OptionSpec.Role?
    let keyPath: any PartialKeyPath<Options> & Sendable
    /// The field's value as an option value; `nil` when absent.
    let read: @Sendable (Options) -> OptionValue?
    /// Stores a decoded value; `false` when it has the wrong shape (the decoder rules that out).
    let write: @Sendable (inout Options, OptionValue) -> Bool

    /// A field of any representable type, with the kind the decoder checks.
    public static func field<Value: OptionValueRepresentable>(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Value> & Sendable, _ kind: OptionKind, required: Bool = false,
        role: OptionSpec.Role? = nil, _ summary: String
    ) -> Self {
        OptionField(
            name: name, kind: kind, required: required, summary: summary, role: role, keyPath: keyPath,
            read: { $0[keyPath: keyPath].optionValue },
            write: { options, value in
                guard let typed = Value(optionValue: value) else { return false }
                options[keyPath: keyPath] = typed
                return true
            })
    }

    /// A field that may be absent (no default): `nil` until the pipeline file gives it.
    public static func field<Value: OptionValueRepresentable>(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Value?> & Sendable, _ kind: OptionKind, role: OptionSpec.Role? = nil,
        _ summary: String
    ) -> Self {
        OptionField(
            name: name, kind: kind, required: false, summary: summary, role: role, keyPath: keyPath,
            read: { $0[keyPath: keyPath]?.optionValue },
            write: { options, value in
                guard let typed = Value(optionValue: value) else { return false }
                options[keyPath: keyPath] = typed
                return true
            })
    }

    public static func bool(_ name: String, _ keyPath: any WritableKeyPath<Options, Bool> & Sendable, _ summary: String) -> Self {
        field(name, keyPath, .bool, summary)
    }

    public static func int(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Int> & Sendable, min: Int? = nil, max: Int? = nil, _ summary: String
    ) -> Self {
        field(name, keyPath, .int(min: min, max: max), summary)
    }

    public static func int(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Int?> & Sendable, min: Int? = nil, max: Int? = nil, _ summary: String
    ) -> Self {
        field(name, keyPath, .int(min: min, max: max), summary)
    }

    public static func number(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Double> & Sendable, min: Double? = nil, max: Double? = nil, _ summary: String
    ) -> Self {
        field(name, keyPath, .double(min: min, max: max), summary)
    }

    public static func number(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Double?> & Sendable, min: Double? = nil, max: Double? = nil, _ summary: String
    ) -> Self {
        field(name, keyPath, .double(min: min, max: max), summary)
    }

    public static func string(_ name: String, _ keyPath: any WritableKeyPath<Options, String> & Sendable, _ summary: String) -> Self {
        field(name, keyPath, .string, summary)
    }

    public static func string(_ name: String, _ keyPath: any WritableKeyPath<Options, String?> & Sendable, _ summary: String) -> Self {
        field(name, keyPath, .string, summary)
    }

    /// A path the pipeline file must give when `required`.
    public static func path(
        _ name: String, _ keyPath: any WritableKeyPath<Options, String> & Sendable, required: Bool = false, role: OptionSpec.Role? = nil,
        _ summary: String
    ) -> Self {
        field(name, keyPath, .path, required: required, role: role, summary)
    }

    public static func path(
        _ name: String, _ keyPath: any WritableKeyPath<Options, String?> & Sendable, role: OptionSpec.Role? = nil, _ summary: String
    ) -> Self {
        field(name, keyPath, .path, role: role, summary)
    }

    /// One of an enum's cases, by raw value.
    public static func choice<Value: OptionValueRepresentable & CaseIterable & RawRepresentable<String>>(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Value> & Sendable, _ summary: String
    ) -> Self {
        field(name, keyPath, .choice(Value.allCases.map(\.rawValue)), summary)
    }

    public static func choice<Value: OptionValueRepresentable & CaseIterable & RawRepresentable<String>>(
        _ name: String, _ keyPath: any WritableKeyPath<Options, Value?> & Sendable, _ summary: String
    ) -> Self {
        field(name, keyPath, .choice(Value.allCases.map(\.rawValue)), summary)
    }

    /// A list of strings.
    public static func strings(
        _ name: String, _ keyPath: any WritableKeyPath<Options, [String]> & Sendable, required: Bool = false, _ summary: String
    ) -> Self {
        field(name, keyPath, .list(.string), required: required, summary)
    }

    public static func strings(_ name: String, _ keyPath: any WritableKeyPath<Options, [String]?> & Sendable, _ summary: String) -> Self {
        field(name, keyPath, .list(.string), summary)
    }
}

/// A Swift type an option value decodes into, and back (for the default `copydesk stages` shows).
public protocol OptionValueRepresentable: Sendable {
    init?(optionValue: OptionValue)
    var optionValue: OptionValue { get }
}

extension OptionValueRepresentable where Self: RawRepresentable, RawValue == String {
    public init?(optionValue: OptionValue) {
        guard case .string(let raw) = optionValue else { return nil }
        self.init(rawValue: raw)
    }

    public var optionValue: OptionValue { .string(rawValue) }
}

extension OptionValue: OptionValueRepresentable {
    public init?(optionValue: OptionValue) { self = optionValue }
    public var optionValue: OptionValue { self }
}

extension Bool: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .bool(let value) = optionValue else { return nil }
        self = value
    }

    public var optionValue: OptionValue { .bool(self) }
}

extension Int: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .int(let value) = optionValue else { return nil }
        self = value
    }

    public var optionValue: OptionValue { .int(self) }
}

extension Double: OptionValueRepresentable {
    /// Integers are numbers too (`timeout_seconds: 5`).
    public init?(optionValue: OptionValue) {
        switch optionValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        default: return nil
        }
    }

    public var optionValue: OptionValue { .double(self) }
}

extension String: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .string(let value) = optionValue else { return nil }
        self = value
    }

    public var optionValue: OptionValue { .string(self) }
}

extension Array: OptionValueRepresentable where Element: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .list(let items) = optionValue else { return nil }
        var values: [Element] = []
        for item in items {
            guard let value = Element(optionValue: item) else { return nil }
            values.append(value)
        }
        self = values
    }

    public var optionValue: OptionValue { .list(map(\.optionValue)) }
}

/// A set is written as a list; shown sorted, so the default reads the same on every run.
extension Set: OptionValueRepresentable where Element: OptionValueRepresentable & Comparable {
    public init?(optionValue: OptionValue) {
        guard let values = [Element](optionValue: optionValue) else { return nil }
        self = Set(values)
    }

    public var optionValue: OptionValue { .list(sorted().map(\.optionValue)) }
}
