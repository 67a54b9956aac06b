public import CopydeskCore

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
