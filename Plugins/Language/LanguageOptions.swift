public import CopydeskCore

/// The `language` stage's options.
public struct LanguageOptions: DeclaredOptions {
    /// Which language wins when the document declares one that the text contradicts.
    public enum Preference: String, Sendable, CaseIterable, OptionValueRepresentable { case text, declared }

    public var prefer: Preference = .text
    /// Detections less sure than this leave `language` as declared (or null).
    public var minConfidence: Double = 0
    /// Texts with fewer letters are identified together with the title.
    public var minLetters: Int = 20
    /// Whether to fill `paragraph_languages`.
    public var paragraphs: Bool = false
    /// Languages the stage may answer (`nil`: all of the model's); checked against the model when the stage is built.
    public var languages: [String]?
    /// A model file instead of the built-in model.
    public var model: String?

    public init() {}

    public static let schema = OptionSchema<Self>([
        .choice("prefer", \.prefer,
                "When the document declares a language (HTML lang, a JSONL or WARC field) that the text contradicts: text "
                    + "replaces it with the detected one; declared keeps it (as ISO 639-1) with the model's confidence in it. "
                    + "An agreeing declaration becomes the ISO 639-1 code with the detected confidence."),
        .number("min_confidence", \.minConfidence, min: 0, max: 1,
                "Detections less sure than this leave language as declared (or null) and language_confidence null; counted as low_confidence."),
        .int("min_letters", \.minLetters, min: 0, "A text with fewer letters is identified together with the title (counted as from_title)."),
        .bool("paragraphs", \.paragraphs,
              "Also identify each paragraph (separated by blank lines) and write paragraph_languages: one code per "
                + "paragraph, null for one without letters; for pages that mix languages."),
        .strings("languages", \.languages, "Answer only these ISO 639-1 codes (others are never chosen); default: all of the model's."),
        .path("model", \.model, "A model file written by copydesk-train-language instead of the built-in one."),
    ])

    /// The languages the stage may answer, as a set (`nil`: all of the model's; an empty list is all too).
    public var allowedLanguages: Set<String>? {
        guard let languages, !languages.isEmpty else { return nil }
        return Set(languages)
    }
}
