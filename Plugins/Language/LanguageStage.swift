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
        options: LanguageOptions.self,
        make: { options, _ throws(ConfigError) in
            let model: LanguageModel
            do throws(LanguageModelError) {
                if let path = options.model {
                    model = try LanguageModel(contentsOf: URL(fileURLWithPath: path))
                } else {
                    model = try LanguageModelCache.shared.get()
                }
            } catch {
                throw options.error(\.model, error.message)
            }
            let known = Set(model.languages)
            for code in options.languages ?? [] where !known.contains(code) {
                throw options.error(
                    \.languages, "'\(code)' is not a language of the model; use ISO 639-1 codes among: \(model.languages.joined(separator: " "))")
            }
            return LanguageDocumentStage(detector: LanguageDetector(model: model, languages: options.value.allowedLanguages), options: options.value)
        })
}

/// The built-in model, read once per process.
enum LanguageModelCache {
    static let shared: Result<LanguageModel, LanguageModelError> = Result { () throws(LanguageModelError) -> LanguageModel in
        try LanguageModel.builtIn()
    }
}
