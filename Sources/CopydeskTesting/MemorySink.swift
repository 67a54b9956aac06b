public import CopydeskCore

/// A corpus-wide stage that keeps every document it sees, for assertions.
public final class MemorySink: CorpusStage {
    public private(set) var documents: [Document] = []
    public private(set) var finished = false
    public private(set) var aborted = false

    public init() {}

    public func consume(_ document: Document, prepared: Void?, into output: inout some CorpusOutput) throws(StageError) {
        documents.append(document)
        output.emit(document)
    }

    public func finish(into output: inout some CorpusOutput) throws(StageError) { finished = true }

    public func abort() { aborted = true }
}
