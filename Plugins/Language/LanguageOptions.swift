public import CopydeskCore

/// The `language` stage's options, checked.
public struct LanguageOptions: Sendable {
    /// Which language wins when the document declares one that the text contradicts.
    public enum Preference: String, Sendable, CaseIterable { case text, declared }

    public var prefer: Preference = .text
    /// Detections less sure than this leave `language` as declared (or null).
    public var minConfidence: Double = 0
    /// Texts with fewer letters are identified together with the title.
    public var minLetters: Int = 20
    /// Whether to fill `paragraph_languages`.
    public var paragraphs: Bool = false
    /// Languages the stage may answer (`nil`: all of the model's).
    public var languages: Set<String>?

    public init() {}

    /// The options of a pipeline file; `model` is needed to check `languages`.
    public init(_ options: StageOptions, model: LanguageModel) throws(ConfigError) {
        prefer = Preference(rawValue: options.string("prefer")) ?? .text
        minConfidence = options.double("min_confidence")
        minLetters = options.int("min_letters")
        paragraphs = options.bool("paragraphs")
        let codes = options.strings("languages")
        if !codes.isEmpty {
            let known = Set(model.languages)
            for code in codes where !known.contains(code) {
                throw options.error(
                    "languages", "'\(code)' is not a language of the model; use ISO 639-1 codes among: \(model.languages.joined(separator: " "))")
            }
            languages = Set(codes)
        }
    }
}
