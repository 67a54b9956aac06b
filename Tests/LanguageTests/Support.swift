import CopydeskCore
import Language
import Testing

/// The built-in model, read once for every test.
let builtInModel: LanguageModel = {
    do { return try LanguageModel.builtIn() } catch { fatalError("the built-in language model must load: \(error)") }
}()

let detector = LanguageDetector(model: builtInModel)

/// The stage as a pipeline file with `options` would build it.
func languageStage(_ options: [String: OptionValue] = [:]) throws -> LanguageDocumentStage {
    let decoded = try LanguageStage.descriptor.defaultOptions(overriding: options)
    guard case .document(let stage) = try LanguageStage.descriptor.make(decoded, StageContext()),
          let language = stage as? LanguageDocumentStage
    else { throw ConfigError("the language stage is per-document") }
    return language
}

/// Runs `stage` on `document`, returning the document and the counters it added.
func run(_ stage: LanguageDocumentStage, _ document: Document) throws -> (Document, [String: Int]) {
    var copy = document
    var counters: [String: Int] = [:]
    let verdict = try stage.process(&copy, counters: &counters)
    #expect(verdict == .keep, "the language stage never drops a document")
    return (copy, counters)
}

/// A pipeline file with one language stage, parsed against a registry holding only that stage.
func parsePipeline(_ yaml: String) throws(ConfigError) -> Pipeline {
    try Pipeline.parse(yaml: yaml, file: "p.yaml", registry: StageRegistry([LanguageStage.descriptor]))
}

/// Builds the first stage of a pipeline file the way the runner does (options a stage checks itself,
/// such as `languages` and `model`, are checked here).
func makeStage(_ yaml: String) throws(ConfigError) -> StageInstance {
    let stage = try parsePipeline(yaml).stages[0]
    return try stage.descriptor.make(stage.options, StageContext())
}
