public import CopydeskCore
import Foundation

/// The `language` stage: identifies the language of each document's text (with the title when the text is
/// short), fills `language` (ISO 639-1) and `language_confidence`, checks a declared language against the
/// text, and on request the language of every paragraph. Never drops a document.
public enum LanguageStage {
    /// The stage as registered: id `language`, per-document.
    public static let descriptor = StageDescriptor(
        id: "language",
        summary: "Identifies the language of the text (with the title when the text is short): fills language (ISO 639-1) "
            + "and language_confidence; 54 languages (script first, then a naive-Bayes model of character 2–3-grams); "
            + "never drops a document.",
        options: [
            OptionSpec(
                "prefer", .choice(LanguageOptions.Preference.allCases.map(\.rawValue)), default: .string("text"),
                "When the document declares a language (HTML lang, a JSONL or WARC field) that the text contradicts: text "
                    + "replaces it with the detected one; declared keeps it (as ISO 639-1) with the model's confidence in it. "
                    + "An agreeing declaration becomes the ISO 639-1 code with the detected confidence."),
            OptionSpec(
                "min_confidence", .double(min: 0, max: 1), default: .double(0),
                "Detections less sure than this leave language as declared (or null) and language_confidence null; counted as low_confidence."),
            OptionSpec(
                "min_letters", .int(min: 0, max: nil), default: .int(20),
                "A text with fewer letters is identified together with the title (counted as from_title)."),
            OptionSpec(
                "paragraphs", .bool, default: .bool(false),
                "Also identify each paragraph (separated by blank lines) and write paragraph_languages: one code per "
                    + "paragraph, null for one without letters; for pages that mix languages."),
            OptionSpec(
                "languages", .list(.string), default: nil,
                "Answer only these ISO 639-1 codes (others are never chosen); default: all of the model's."),
            OptionSpec(
                "model", .path, default: nil,
                "A model file written by copydesk-train-language instead of the built-in one."),
        ],
        make: { (options: StageOptions, _: StageContext) throws(ConfigError) -> LanguageDocumentStage in
            let model: LanguageModel
            do throws(LanguageModelError) {
                if let path = options.optionalString("model") {
                    model = try LanguageModel(contentsOf: URL(fileURLWithPath: path))
                } else {
                    model = try LanguageModelCache.shared.get()
                }
            } catch {
                throw options.error("model", error.message)
            }
            let checked = try LanguageOptions(options, model: model)
            return LanguageDocumentStage(detector: LanguageDetector(model: model, languages: checked.languages), options: checked)
        })
}

/// The built-in model, read once per process.
enum LanguageModelCache {
    static let shared: Result<LanguageModel, LanguageModelError> = Result { () throws(LanguageModelError) -> LanguageModel in
        try LanguageModel.builtIn()
    }
}
