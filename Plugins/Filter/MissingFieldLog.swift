import CopydeskCore
import Logging
import Synchronization

/// What a condition can find missing from a document: a field, or the result of a stage that did not run.
enum MissingField: Int, Sendable, CaseIterable {
    case id, title, text, url, site, author, language, published, crawled
    case languageConfidence, entities, duplicate

    init(_ field: DocumentField) {
        switch field {
        case .id: self = .id
        case .title: self = .title
        case .text: self = .text
        case .url: self = .url
        case .site: self = .site
        case .author: self = .author
        case .language: self = .language
        case .published: self = .published
        case .crawled: self = .crawled
        }
    }

    var name: String {
        switch self {
        case .id: "id"
        case .title: "title"
        case .text: "text"
        case .url: "url"
        case .site: "site"
        case .author: "author"
        case .language: "language"
        case .published: "published"
        case .crawled: "crawled"
        case .languageConfidence: "language confidence"
        case .entities: "entities"
        case .duplicate: "duplicate"
        }
    }

    /// What fills the field, for the warning.
    var hint: String {
        switch self {
        case .language, .languageConfidence: "put the language stage before filter"
        case .entities: "put the entities stage before filter"
        case .duplicate: "put the dedupe stage before filter"
        default: "check the field name and the input's fields (input.fields for JSONL)"
        }
    }
}

/// Logs one warning per missing field per stage instance, naming the field, the first document
/// without it and what fills it; later documents only count (lock-free after the first).
final class MissingFieldLog: Sendable {
    let logger: Logger
    private let warned = Atomic<UInt64>(0)

    init(logger: Logger) { self.logger = logger }

    func note(_ field: MissingField, in document: Document) {
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard warned.load(ordering: .relaxed) & bit == 0 else { return }
        let (old, _) = warned.bitwiseOr(bit, ordering: .relaxed)
        guard old & bit == 0 else { return }
        logger.warning("filter: a condition reads '\(field.name)', which document \(document.id) (\(document.source)) does not have — if no document has it, every such condition fails (include, language, entity, date) or passes (exclude, drop_relations); \(field.hint). Logged once per field.")
    }
}
