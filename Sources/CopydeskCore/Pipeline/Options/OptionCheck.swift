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
