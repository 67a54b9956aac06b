public import CopydeskCore

/// An in-memory source of documents (and rejections) for stage and runner tests: no files needed.
public struct MemorySource: DocumentSource {
    private var items: [InputItem]
    private var index = 0
    public private(set) var stats = InputStats()

    public init(_ documents: [Document]) {
        self.items = documents.map { .document($0) }
    }

    public init(items: [InputItem]) {
        self.items = items
    }

    public mutating func next() throws(InputError) -> InputItem? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        switch items[index] {
        case .document: stats.documents += 1
        case .rejected: stats.rejected += 1
        }
        return items[index]
    }
}

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

/// Builds test documents with sensible defaults.
public func makeDocument(_ id: String, text: String, title: String? = nil, path: String? = nil, html: String? = nil) -> Document {
    Document(id: id, source: SourceLocation(path: path ?? "memory/\(id)"), title: title, text: text, html: html)
}

extension DocumentStage {
    /// Runs the stage on one document outside any runner: the changed document, or the drop reason.
    public func apply(to document: Document) throws(DocumentRejection) -> (document: Document, verdict: Verdict) {
        var copy = document
        let verdict = try process(&copy)
        return (copy, verdict)
    }
}

/// Runs `stages` over `documents` in memory through the real runner, collecting what comes out.
/// `descriptors` name the stages (ids and kinds) for the report; the instances are used as given.
public func runInMemory(
    _ stages: [StageInstance], descriptors: [StageDescriptor], documents: [Document], workers: Int = 2, batchSize: Int = 4,
    onBadRecord: RunOptions.BadRecordPolicy = .skip
) throws(CopydeskError) -> (output: [Document], report: RunReport) {
    let sink = MemorySink()
    let sinkDescriptor = StageDescriptor(id: "memory-sink", summary: "test sink", options: []) { _, _ throws(ConfigError) -> MemorySink in
        throw ConfigError("the memory sink is built by runInMemory")
    }
    let configured = (descriptors + [sinkDescriptor]).map { ConfiguredStage(descriptor: $0, options: StageOptions(values: [:])) }
    let pipeline = Pipeline(
        file: "<memory>", run: RunOptions(workers: workers, batchSize: batchSize, onBadRecord: onBadRecord), stages: configured)
    let report = try PipelineRunner(pipeline: pipeline, context: StageContext())
        .run(source: MemorySource(documents), instances: stages + [.corpus(sink)])
    return (sink.documents, report)
}
