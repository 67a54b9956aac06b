import CopydeskCore
import Logging
import Synchronization

/// Logs one warning per missing field per stage instance, naming the field, the first document
/// without it and what fills it. Field names are those of ``DocumentField`` plus `language confidence`,
/// `entities` and `duplicate` (results of stages that did not run).
final class MissingFieldLog: Sendable {
    let logger: Logger
    private let warned = Mutex<Set<String>>([])

    init(logger: Logger) { self.logger = logger }

    func note(_ field: String, in document: Document) {
        guard warned.withLock({ $0.insert(field).inserted }) else { return }
        logger.warning("filter: a condition reads '\(field)', which document \(document.id) (\(document.source)) does not have — if no document has it, every such condition fails (include, language, entity, date) or passes (exclude, drop_relations); \(Self.hint(field)). Logged once per field.")
    }

    /// What fills `field`.
    static func hint(_ field: String) -> String {
        switch field {
        case "language", "language confidence": "put the language stage before filter"
        case "entities": "put the entities stage before filter"
        case "duplicate": "put the dedupe stage before filter"
        default: "check the field name and the input's fields (input.fields for JSONL)"
        }
    }
}
