import CopydeskCore

extension Document {
    /// How sure the language stage was of `language` (0…1), or `nil` when unknown: the one place the
    /// filter reads it. Until `Document.languageConfidence` exists, every confidence is unknown, so a
    /// condition with `min_confidence` needs the language stage before the filter.
    var filterLanguageConfidence: Double? { nil }
}
