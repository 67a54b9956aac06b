/// Receives what a corpus-wide stage passes on: documents for the next stage, drops and rejections.
public protocol CorpusOutput {
    /// Passes `document` to the next stage.
    mutating func emit(_ document: Document)
    /// Removes `document` from the stream, with the reason recorded in the drops output.
    mutating func drop(_ document: Document, reason: String)
    /// Removes `document` because the stage could not process it, with the reason recorded in the
    /// rejects output (and subject to `run.on_bad_record`).
    mutating func reject(_ document: Document, reason: String)
}

extension CorpusOutput {
    /// Outputs that keep no rejects (collectors in tests and benchmarks) record a rejection as a drop
    /// whose reason starts with `rejected: `; the runner's own outputs send it to the rejects output.
    public mutating func reject(_ document: Document, reason: String) { drop(document, reason: "rejected: " + reason) }
}
