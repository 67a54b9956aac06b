/// A stage that transforms one document at a time. The runner calls it from several threads at once
/// and restores input order afterwards, so it must not depend on the order of calls.
public protocol DocumentStage: Sendable {
    /// Transforms `document` in place. Return `.drop(reason:)` to remove it, or throw a
    /// ``DocumentRejection`` when the document cannot be processed.
    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict
    /// Like ``process(_:)``, adding stage-specific counts for the run report to `counters` (e.g.
    /// `"no_letters": 1`). The runner calls this one; the default adds nothing.
    func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict
}

extension DocumentStage {
    public func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict {
        try process(&document)
    }
}
