public import CopydeskCore
public import Logging

/// The filter as the runner calls it: evaluates one compiled condition per document.
public struct FilterDocumentStage: DocumentStage {
    public let condition: Condition
    let missing: MissingFieldLog
    let repeats: Bool
    let lines: Bool

    /// A stage for `condition`; missing fields are reported once each to `logger`.
    public init(condition: Condition, logger: Logger) {
        self.condition = condition
        missing = MissingFieldLog(logger: logger)
        let statistics = condition.statistics
        repeats = statistics.repeats
        lines = statistics.lines
    }

    public func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        var context = EvaluationContext(missing: missing, repeats: repeats, lines: lines)
        if let reason = condition.failure(document, &context) { return .drop(reason: reason) }
        return .keep
    }
}
