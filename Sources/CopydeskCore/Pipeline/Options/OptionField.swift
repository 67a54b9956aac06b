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
