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
