/// Everything the runner and `copydesk stages` need to know about one stage: its id in pipeline
/// files, what it does, its options, and how to build it from decoded options.
public struct StageDescriptor: Sendable {
    /// Whether a stage works per document (parallel) or on the ordered stream.
    public enum Kind: String, Sendable { case document = "per-document", corpus = "corpus-wide" }

    /// The id used in pipeline files (`use: normalise`).
    public let id: String
    /// Follows from the type the factory builds: a ``DocumentStage`` or a ``CorpusStage``.
    public let kind: Kind
    /// One line for `copydesk stages`.
    public let summary: String
    public let options: [OptionSpec]
    /// Builds a stage instance; throws a positioned ``ConfigError`` for options that are well-typed but unusable.
    public let make: @Sendable (StageOptions, StageContext) throws(ConfigError) -> StageInstance

    /// A per-document stage with declared options: the factory gets them decoded and validated.
    public init<Options: DeclaredOptions, S: DocumentStage>(
        id: String, summary: String, options: Options.Type,
        make: @escaping @Sendable (DecodedOptions<Options>, StageContext) throws(ConfigError) -> S
    ) {
        self.init(id: id, summary: summary, options: Options.schema.specs) { (given, context) throws(ConfigError) in
            try make(DecodedOptions(given), context)
        }
    }

    /// A corpus-wide stage with declared options: the factory gets them decoded and validated.
    public init<Options: DeclaredOptions, S: CorpusStage>(
        id: String, summary: String, options: Options.Type,
        make: @escaping @Sendable (DecodedOptions<Options>, StageContext) throws(ConfigError) -> S
    ) {
        self.init(id: id, summary: summary, options: Options.schema.specs) { (given, context) throws(ConfigError) in
            try make(DecodedOptions(given), context)
        }
    }

    /// A per-document stage whose factory reads the decoded options itself.
    public init<S: DocumentStage>(
        id: String, summary: String, options: [OptionSpec],
        make: @escaping @Sendable (StageOptions, StageContext) throws(ConfigError) -> S
    ) {
        self.id = id
        self.kind = .document
        self.summary = summary
        self.options = options
        self.make = { (options, context) throws(ConfigError) in .document(try make(options, context)) }
    }

    /// A corpus-wide stage whose factory reads the decoded options itself.
    public init<S: CorpusStage>(
        id: String, summary: String, options: [OptionSpec],
        make: @escaping @Sendable (StageOptions, StageContext) throws(ConfigError) -> S
    ) {
        self.id = id
        self.kind = .corpus
        self.summary = summary
        self.options = options
        self.make = { (options, context) throws(ConfigError) in .corpus(try make(options, context)) }
    }

    /// The options with every default applied, as a stage built in code (tests, embedding) would get them.
    public func defaultOptions(overriding given: [String: OptionValue] = [:]) throws(ConfigError) -> StageOptions {
        var values: [String: OptionValue] = [:]
        for spec in options {
            if let value = given[spec.name] ?? spec.defaultValue {
                values[spec.name] = value
            } else if spec.required {
                throw ConfigError("stage '\(id)' needs option '\(spec.name)' (\(spec.kind)): \(spec.summary)")
            }
        }
        for name in given.keys where !options.contains(where: { $0.name == name }) {
            throw ConfigError("stage '\(id)' has no option '\(name)'; " + NearestName.hint(for: name, among: options.map(\.name)))
        }
        return StageOptions(values: values)
    }
}
