public import CopydeskCore

extension DocumentStage {
    /// Runs the stage on one document outside any runner: the changed document, or the drop reason.
    public func apply(to document: Document) throws(DocumentRejection) -> (document: Document, verdict: Verdict) {
        var copy = document
        let verdict = try process(&copy)
        return (copy, verdict)
    }
}
