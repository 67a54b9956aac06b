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
        options: [
            OptionSpec(
                "model", .path, default: nil,
                "A tagger model file trained by copydesk-train; default: the model built into the stage."),
            OptionSpec(
                "types", .list(.choice(EntityRecogniser.allTypes)), default: .list(EntityRecogniser.allTypes.map { .string($0) }),
                "The entity types to output."),
            OptionSpec(
                "gazetteer", .list(.record([
                    OptionSpec("name", .string, default: nil, required: true, "Canonical name of the entity."),
                    OptionSpec("type", .choice(EntityRecogniser.allTypes), default: nil, required: true, "Its type."),
                    OptionSpec("aliases", .list(.string), default: .list([]), "Other names for it in text (e.g. an acronym)."),
                ])), default: .list([]),
                "Your own entities; every occurrence of a name or alias (case-insensitive, capitalised in the text "
                    + "unless given in lower case) becomes that entity, taking precedence over the tagger and the rules."),
        ],
        make: { (options: StageOptions, _: StageContext) throws(ConfigError) -> EntitiesDocumentStage in
            let model: TaggerModel
            do throws(ModelError) {
                if let path = options.optionalString("model") {
                    model = try TaggerModel(contentsOf: URL(fileURLWithPath: path))
                } else {
                    model = try ModelCache.builtIn()
                }
            } catch {
                throw options.error("model", error.message)
            }
            var entries: [UserGazetteer.Entry] = []
            if case .list(let items)? = options["gazetteer"] {
                for item in items {
                    guard case .map(let pairs) = item else { continue }
                    let name = KeyedOptionValue.lookup("name", in: pairs)?.stringValue ?? ""
                    let type = KeyedOptionValue.lookup("type", in: pairs)?.stringValue ?? "ORG"
                    var aliases: [String] = []
                    if case .list(let a)? = KeyedOptionValue.lookup("aliases", in: pairs) { aliases = a.compactMap(\.stringValue) }
                    guard !name.isEmpty else { throw options.error("gazetteer", "an entry has an empty name") }
                    entries.append(UserGazetteer.Entry(name: name, type: type, aliases: aliases))
                }
            }
            let recogniser = EntityRecogniser(
                model: model, userGazetteer: UserGazetteer(entries: entries), types: Set(options.strings("types")))
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
