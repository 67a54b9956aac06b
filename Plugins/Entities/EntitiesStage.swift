public import CopydeskCore
import Foundation

/// The `entities` stage: fills `Document.entities` with PERSON, ORG, LOC (a statistical tagger trained on
/// openly licensed data), DATE, TIME, MONEY, PERCENT, URL, EMAIL, HASHTAG and HANDLE (rules), one entity
/// per referent with a canonical name, every mention with code-point offsets into `Document.text`.
public enum EntitiesStage {
    /// The stage as registered: id `entities`, per-document.
    public static let descriptor: StageDescriptor = StageDescriptor(
        id: "entities",
        summary: "Finds people, organisations, places (statistical tagger), dates, times, money, percentages, URLs, "
            + "e-mails, hashtags and handles (rules) in the text; one entity per referent with a canonical name and "
            + "code-point offsets for every mention; never drops a document.",
        options: EntitiesOptions.self,
        make: { options, _ throws(ConfigError) in
            let model: TaggerModel
            do throws(ModelError) {
                if let path = options.model {
                    model = try TaggerModel(contentsOf: URL(fileURLWithPath: path))
                } else {
                    model = try ModelCache.builtIn()
                }
            } catch {
                throw options.error(\.model, error.message)
            }
            let recogniser = EntityRecogniser(
                model: model, userGazetteer: UserGazetteer(entries: options.gazetteer), types: Set(options.types))
            return EntitiesDocumentStage(recogniser: recogniser)
        })
}

/// The per-document half of the `entities` stage.
struct EntitiesDocumentStage: DocumentStage {
    let recogniser: EntityRecogniser

    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        let bytes = document.text.utf8.count
        guard bytes <= Token.maxTextBytes else {
            throw DocumentRejection("entities: the text is \(bytes) bytes; the stage handles texts of up to \(Token.maxTextBytes) bytes "
                + "(4 GiB): split the document, or keep max_document_bytes below that")
        }
        document.entities = recogniser.entities(in: document.text)
        return .keep
    }
}

/// The built-in model, read from the resource once per process and shared by every stage instance.
enum ModelCache {
    static let shared: Result<TaggerModel, ModelError> = Result { () throws(ModelError) -> TaggerModel in try TaggerModel.builtIn() }

    static func builtIn() throws(ModelError) -> TaggerModel { try shared.get() }
}
