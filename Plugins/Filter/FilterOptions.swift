public import CopydeskCore

/// The `filter` stage's options: the shorthands and the list of conditions (see ``FilterStage/conditionSpecs``).
public struct FilterOptions: DeclaredOptions {
    public var language: [String] = []
    public var minConfidence: Double?
    public var minWords: Int?
    public var maxWords: Int?
    public var urlHosts: [String] = []
    /// Condition mappings, turned into a ``Condition`` by ``ConditionBuilder``.
    public var conditions: [OptionValue] = []

    public init() {}

    public static let schema = OptionSchema<Self>([
        .strings("language", \.language, "Shorthand: keep documents in one of these languages ('en' matches en-GB); [] = any."),
        .number("min_confidence", \.minConfidence, min: 0, max: 1,
                "Shorthand, with language: the language stage's confidence at least this (0…1); needs the language stage before filter."),
        .int("min_words", \.minWords, min: 0, "Shorthand: at least this many words in the text."),
        .int("max_words", \.maxWords, min: 0, "Shorthand: at most this many words in the text."),
        .strings("url_hosts", \.urlHosts, "Shorthand: keep documents whose URL host is one of these or a subdomain; [] = any."),
        .field("conditions", \.conditions, .list(.record(FilterStage.conditionSpecs)),
               "Conditions a document must all satisfy, after the shorthands; each a mapping of the fields below, combined with all/any/not."),
    ])

    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {
        if let minWords, let maxWords, minWords > maxWords {
            throw check.error(\.maxWords, "max_words \(maxWords) is below min_words \(minWords); no document could pass")
        }
    }
}
