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
