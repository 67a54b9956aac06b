import Foundation
import Logging

/// A snapshot of a run in progress, for a live progress line.
public struct RunProgress: Sendable {
    /// Input items read so far.
    public var documents: Int
    /// Bytes of documents read (decompressed).
    public var bytes: Int64
    public var seconds: Double
    /// On-disk bytes of the inputs consumed so far, and in all when every input is a regular file.
    public var diskBytes: Int64
    public var diskTotal: Int64?

    /// The share of the input read, when the total is known.
    public var fraction: Double? {
        guard let diskTotal, diskTotal > 0 else { return nil }
        return min(1, Double(diskBytes) / Double(diskTotal))
    }

    /// Seconds left at the current rate, when the total is known.
    public var secondsLeft: Double? {
        guard let fraction, fraction > 0.001, seconds > 1 else { return nil }
        return seconds * (1 - fraction) / fraction
    }
}

/// Runs a pipeline: reads inputs in order, runs the leading per-document stages (and the parallel part
/// of the first corpus-wide stage) on worker threads in batches, restores input order, then feeds the
/// corpus-wide stages in order. Memory is bounded by the number of batches in flight. Every input item
/// ends as output, a drop or a rejection, and the report proves it.
public final class PipelineRunner {
    public let pipeline: Pipeline
    public let context: StageContext
    /// Called from the driver thread about every quarter second.
    public var onProgress: ((RunProgress) -> Void)?
    /// Set to stop the run early; the run then ends with status "interrupted" and exit code 130.
    public var cancellation: CancellationFlag?

    public init(pipeline: Pipeline, context: StageContext) {
        self.pipeline = pipeline
        self.context = context
    }

    /// Where the report, drops and rejects go: next to the last output file, or next to `report:`.
    public struct OutputPaths: Sendable {
        public var report: String?
        public var drops: String?
        public var rejects: String?
    }

    public var outputPaths: OutputPaths {
        let base: String
        if let report = pipeline.report {
            base = Self.stem(report, removing: [".report.json", ".json"])
            return OutputPaths(report: report, drops: base + ".drops.jsonl", rejects: base + ".rejects.jsonl")
        }
        guard let output = pipeline.lastOutputPath, output != "-" else { return OutputPaths() }
        base = Self.stem(output, removing: [".jsonl.gz", ".jsonl", ".ndjson", ".csv", ".sqlite", ".db", ".json", ".html"])
        return OutputPaths(report: base + ".report.json", drops: base + ".drops.jsonl", rejects: base + ".rejects.jsonl")
    }

    static func stem(_ path: String, removing suffixes: [String]) -> String {
        for suffix in suffixes where path.hasSuffix(suffix) && path.count > suffix.count {
            return String(path.dropLast(suffix.count))
        }
        return path
    }

    /// Runs the pipeline over its `input:` paths to the end. Throws a ``CopydeskError`` carrying the exit code.
    @discardableResult
    public func run() throws(CopydeskError) -> RunReport {
        let plan: InputPlan
        do { plan = try InputPlan.expand(pipeline.input.paths, format: pipeline.input.format) } catch { throw CopydeskError(error) }
        do { try OutputCheck.check(pipeline, paths: outputPaths, inputs: plan.files.map(\.path)) } catch { throw CopydeskError(error) }
        return try run(source: InputReader(plan: plan, options: pipeline.input))
    }

    /// Runs the pipeline over any source of documents (in-memory sources in tests). `instances`, when
    /// given, replaces building the stages from their descriptors (one per configured stage).
    @discardableResult
    public func run<Source: DocumentSource>(source: Source, instances given: [StageInstance]? = nil) throws(CopydeskError) -> RunReport {
        let started = StageClock.wall()
        let startedCPU = StageClock.processCPU()
        var report = RunReport(pipeline: pipeline.file)
        let instances: [StageInstance]
        if let given {
            precondition(given.count == pipeline.stages.count, "one instance per configured stage")
            instances = given
        } else {
            var stageContext = context
            stageContext.cancellation = cancellation
            do { instances = try pipeline.instantiate(context: stageContext) } catch { throw CopydeskError(error) }
        }

        let paths = outputPaths
        let outcomes: OutcomeLog
        do {
            outcomes = try OutcomeLog(dropsPath: paths.drops, rejectsPath: paths.rejects, logger: context.logger)
        } catch {
            throw CopydeskError(error)
        }
        let execution = Execution(
            pipeline: pipeline, instances: instances, outcomes: outcomes, logger: context.logger, onProgress: onProgress,
            cancellation: cancellation)
        report.workers = execution.workers
        var reader = source
        do throws(CopydeskError) {
            try execution.startStages()
            try execution.process(&reader, started: started)
            try execution.finishStages()
            try execution.commitStages()
            do { try outcomes.commit() } catch { throw CopydeskError(error) }
            report.input = reader.stats
        } catch {
            report.input = reader.stats
            execution.abortStages()
            outcomes.abort()
            report.status = "failed"
            report.error = error.message
            execution.fill(&report)
            report.wallSeconds = StageClock.wall() - started
            report.cpuSeconds = StageClock.processCPU() - startedCPU
            if let path = paths.report { try? AtomicFile.write(report.json(), to: path) }
            throw error
        }
        execution.fill(&report)
        if let drops = paths.drops { report.outputs["drops"] = drops }
        if let rejects = paths.rejects { report.outputs["rejects"] = rejects }
        if let output = pipeline.lastOutputPath { report.outputs["records"] = output }
        if let path = paths.report { report.outputs["report"] = path }
        report.wallSeconds = StageClock.wall() - started
        report.cpuSeconds = StageClock.processCPU() - startedCPU
        if execution.interrupted {
            report.status = "interrupted"
            report.error = "interrupted: stopped reading after \(report.documentsIn) input items; everything read was processed and written"
        }
        if let path = paths.report {
            do { try AtomicFile.write(report.json(), to: path) } catch { throw CopydeskError(error) }
        }
        return report
    }
}

/// What happened to one item of a batch on a worker.
enum BatchOutcome: Sendable {
    case document(Document, prepared: (any Sendable)?)
    case dropped(Document, stage: Int, reason: String)
    case rejected(Rejection, document: Document?)
}

/// A batch's results plus the stats of the parallel stages over it.
struct BatchResult: Sendable {
    var outcomes: [BatchOutcome]
    var stats: [StageStats]
}

/// The mutable state of one run, driven from one thread. A class, so that what a corpus-wide stage emits
/// from `finish` can be passed downstream at once (see ``StreamingOutput``).
final class Execution {
    let pipeline: Pipeline
    let instances: [StageInstance]
    let outcomes: OutcomeLog
    let logger: Logger
    let onProgress: ((RunProgress) -> Void)?
    let cancellation: CancellationFlag?
    /// Whether reading stopped early because of `cancellation`.
    var interrupted = false
    let workers: Int
    /// Stages `0..<parallelCount` run on the workers.
    let parallelCount: Int
    var stats: [StageStats]
    var documentsOut = 0
    var dropped = 0
    var rejected = 0
    var documentsRead = 0

    init(
        pipeline: Pipeline, instances: [StageInstance], outcomes: OutcomeLog, logger: Logger, onProgress: ((RunProgress) -> Void)?,
        cancellation: CancellationFlag?
    ) {
        self.cancellation = cancellation
        self.pipeline = pipeline
        self.instances = instances
        self.outcomes = outcomes
        self.logger = logger
        self.onProgress = onProgress
        workers = pipeline.run.effectiveWorkers
        var count = 0
        for instance in instances {
            guard case .document = instance else { break }
            count += 1
        }
        parallelCount = count
        stats = zip(pipeline.stages, instances).enumerated().map { index, pair in
            var s = StageStats(id: pair.0.descriptor.id, kind: pair.0.descriptor.kind)
            s.threads = index < count ? max(1, pipeline.run.effectiveWorkers) : 1
            return s
        }
        for (index, instance) in instances.enumerated().dropFirst(count) {
            if case .document = instance {
                logger.info("stage '\(pipeline.stages[index].descriptor.id)' follows a corpus-wide stage and runs in order on one thread; put per-document stages first to run them in parallel")
            }
        }
    }

    func fill(_ report: inout RunReport) {
        report.stages = stats
        report.documentsOut = documentsOut
        report.dropped = dropped
        report.rejected = rejected
    }

    func startStages() throws(CopydeskError) {
        for (index, instance) in instances.enumerated() {
            guard case .corpus(let stage) = instance else { continue }
            do { try stage.start() } catch { throw CopydeskError(error, stage: stats[index].id) }
        }
    }

    func abortStages() {
        for instance in instances {
            if case .corpus(let stage) = instance { stage.abort() }
        }
    }

    func finishStages() throws(CopydeskError) {
        for index in instances.indices {
            guard case .corpus(let stage) = instances[index] else { continue }
            var output = StreamingOutput(execution: self, index: index)
            let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
            var failure: CopydeskError?
            do { try stage.finish(into: &output) } catch { failure = CopydeskError(error, stage: stats[index].id) }
            // Time spent downstream of this stage was counted there; count only this stage's own share.
            stats[index].busySeconds += StageClock.wall() - t0 - output.downstreamWall
            stats[index].cpuSeconds += StageClock.threadCPU() - c0 - output.downstreamCPU
            if let failure = output.failure ?? failure { throw failure }
            stats[index].counters = stage.counters
        }
    }

    /// Lets every corpus-wide stage move its outputs into place, once all of them have finished. Last
    /// stage first, so that an index (dedupe) is committed only after the outputs after it are in place.
    func commitStages() throws(CopydeskError) {
        for index in instances.indices.reversed() {
            guard case .corpus(let stage) = instances[index] else { continue }
            do { try stage.commit() } catch { throw CopydeskError(error, stage: stats[index].id) }
        }
    }

    /// Passes what a stage emitted from `finish` downstream at once; a failure downstream is kept and
    /// reported when `finish` returns, and everything after it is ignored.
    func forward(_ event: CollectingOutput.Event, from index: Int) throws(CopydeskError) {
        switch event {
        case .emit(let document):
            stats[index].documentsOut += 1
            try feed(document, prepared: nil, from: index + 1)
        case .drop(let document, let reason):
            stats[index].dropped += 1
            try recordDrop(document, stage: stats[index].id, reason: reason)
        }
    }

    /// Reads every input item in batches, runs the parallel stages on the workers and feeds results in order.
    func process<Source: DocumentSource>(_ reader: inout Source, started: Double) throws(CopydeskError) {
        var documentStages: [any DocumentStage] = []
        for instance in instances.prefix(parallelCount) {
            if case .document(let stage) = instance { documentStages.append(stage) }
        }
        var preparer: (any DocumentPreparer)?
        if parallelCount < instances.count, case .corpus(let stage) = instances[parallelCount] { preparer = stage.preparer }
        let ids = stats.prefix(parallelCount).map(\.id)
        let template = Array(stats.prefix(parallelCount))
        let stagesForWorkers = documentStages
        let preparerForWorkers = preparer
        let pool = OrderedWorkerPool<[InputItem], BatchResult>(workers: workers) { items in
            Execution.processBatch(items, stages: stagesForWorkers, ids: ids, template: template, preparer: preparerForWorkers)
        }
        defer { pool.shutdown() }
        let window = workers * 4
        var submitted = 0
        var consumed = 0
        let batchSize = pipeline.run.batchSize
        var batch: [InputItem] = []
        var batchBytes = 0
        var lastProgress = started
        while true {
            let item: InputItem?
            if cancellation?.isCancelled == true {
                interrupted = true
                item = nil
            } else {
                do { item = try reader.next() } catch { throw CopydeskError(error) }
            }
            if let item {
                if case .document(let document) = item { batchBytes += document.text.utf8.count + (document.html?.utf8.count ?? 0) }
                batch.append(item)
                documentsRead += 1
            }
            if batch.count >= batchSize || batchBytes >= 1 << 20 || (item == nil && !batch.isEmpty) {
                pool.submit(submitted, batch)
                submitted += 1
                batch = []
                batchBytes = 0
                while submitted - consumed >= window {
                    try consume(pool.take(consumed))
                    consumed += 1
                }
            }
            if let onProgress {
                let now = StageClock.wall()
                if now - lastProgress >= 0.25 {
                    lastProgress = now
                    onProgress(RunProgress(
                        documents: documentsRead, bytes: reader.stats.bytes, seconds: now - started,
                        diskBytes: reader.stats.diskBytesRead, diskTotal: reader.stats.diskBytesTotal))
                }
            }
            if item == nil { break }
        }
        while consumed < submitted {
            try consume(pool.take(consumed))
            consumed += 1
        }
    }

    /// Counter of documents whose entities a stage's text change made stale (so they were removed).
    static let staleEntities = "entities_cleared_after_text_change"

    static func processBatch(
        _ items: [InputItem], stages: [any DocumentStage], ids: [String], template: [StageStats], preparer: (any DocumentPreparer)?
    ) -> BatchResult {
        var outcomes = [BatchOutcome?](repeating: nil, count: items.count)
        var live: [(Int, Document)] = []
        live.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            switch item {
            case .document(let document): live.append((index, document))
            case .rejected(let rejection): outcomes[index] = .rejected(rejection, document: nil)
            }
        }
        var stats = template
        for (s, stage) in stages.enumerated() {
            let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
            var next: [(Int, Document)] = []
            next.reserveCapacity(live.count)
            stats[s].documentsIn += live.count
            for (index, original) in live {
                var document = original
                do {
                    switch try stage.process(&document) {
                    case .keep:
                        if document.entities != nil, document.text != original.text, document.clearStaleEntities() {
                            stats[s].counters[Self.staleEntities, default: 0] += 1
                        }
                        next.append((index, document))
                    case .drop(let reason):
                        outcomes[index] = .dropped(document, stage: s, reason: reason)
                        stats[s].dropped += 1
                    }
                } catch {
                    outcomes[index] = .rejected(
                        Rejection(source: original.source, id: original.id, stage: ids[s], reason: error.reason), document: original)
                    stats[s].rejected += 1
                }
            }
            stats[s].documentsOut += next.count
            stats[s].busySeconds += StageClock.wall() - t0
            stats[s].cpuSeconds += StageClock.threadCPU() - c0
            live = next
        }
        for (index, document) in live {
            outcomes[index] = .document(document, prepared: preparer?.prepare(document))
        }
        return BatchResult(outcomes: outcomes.map { $0! }, stats: stats)
    }

    private func consume(_ result: BatchResult) throws(CopydeskError) {
        for (index, batchStats) in result.stats.enumerated() {
            stats[index].add(batchStats)
        }
        for outcome in result.outcomes {
            switch outcome {
            case .document(let document, let prepared):
                try feed(document, prepared: prepared, from: parallelCount)
            case .dropped(let document, let stage, let reason):
                try recordDrop(document, stage: stats[stage].id, reason: reason)
            case .rejected(let rejection, let document):
                try recordReject(rejection, document: document)
            }
        }
    }

    private func recordDrop(_ document: Document, stage: String, reason: String) throws(CopydeskError) {
        dropped += 1
        do { try outcomes.drop(document, stage: stage, reason: reason) } catch { throw CopydeskError(error) }
    }

    private func recordReject(_ rejection: Rejection, document: Document?) throws(CopydeskError) {
        rejected += 1
        if pipeline.run.onBadRecord == .fail {
            throw CopydeskError(
                exitCode: CopydeskError.badData,
                message: "\(rejection.source): \(rejection.reason) (rejected by \(rejection.stage); run.on_bad_record is 'fail' — use 'skip' to send bad records to the rejects output)")
        }
        do { try outcomes.reject(rejection, document: document) } catch { throw CopydeskError(error) }
    }

    /// Passes a document to stage `index` and onwards, in order, on this thread.
    private func feed(_ document: Document, prepared: (any Sendable)?, from index: Int) throws(CopydeskError) {
        guard index < instances.count else {
            documentsOut += 1
            return
        }
        stats[index].documentsIn += 1
        let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
        switch instances[index] {
        case .document(let stage):
            var changed = document
            let verdict: Verdict
            do {
                verdict = try stage.process(&changed)
            } catch {
                stats[index].rejected += 1
                stats[index].busySeconds += StageClock.wall() - t0
                stats[index].cpuSeconds += StageClock.threadCPU() - c0
                try recordReject(Rejection(source: document.source, id: document.id, stage: stats[index].id, reason: error.reason), document: document)
                return
            }
            stats[index].busySeconds += StageClock.wall() - t0
            stats[index].cpuSeconds += StageClock.threadCPU() - c0
            switch verdict {
            case .keep:
                stats[index].documentsOut += 1
                if changed.entities != nil, changed.text != document.text, changed.clearStaleEntities() {
                    stats[index].counters[Self.staleEntities, default: 0] += 1
                }
                try feed(changed, prepared: nil, from: index + 1)
            case .drop(let reason):
                stats[index].dropped += 1
                try recordDrop(changed, stage: stats[index].id, reason: reason)
            }
        case .corpus(let stage):
            var collector = CollectingOutput()
            do {
                try stage.consume(document, prepared: prepared ?? stage.preparer?.prepare(document), into: &collector)
            } catch {
                throw CopydeskError(error, stage: stats[index].id)
            }
            stats[index].busySeconds += StageClock.wall() - t0
            stats[index].cpuSeconds += StageClock.threadCPU() - c0
            try route(collector, from: index)
        }
    }

    /// Forwards what a corpus-wide stage emitted or dropped.
    private func route(_ collector: CollectingOutput, from index: Int) throws(CopydeskError) {
        for event in collector.events {
            try forward(event, from: index)
        }
    }
}

/// The output a corpus-wide stage's `finish` writes into: each document goes downstream as it is emitted,
/// so a stage that held a million documents never has them all in memory twice.
struct StreamingOutput: CorpusOutput {
    let execution: Execution
    let index: Int
    /// The first failure downstream; later events are ignored.
    var failure: CopydeskError?
    /// Time the downstream stages took, so the emitting stage is not charged for it.
    var downstreamWall = 0.0
    var downstreamCPU = 0.0

    mutating func emit(_ document: Document) { send(.emit(document)) }
    mutating func drop(_ document: Document, reason: String) { send(.drop(document, reason)) }

    private mutating func send(_ event: CollectingOutput.Event) {
        guard failure == nil else { return }
        let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
        do { try execution.forward(event, from: index) } catch { failure = error }
        downstreamWall += StageClock.wall() - t0
        downstreamCPU += StageClock.threadCPU() - c0
    }
}

/// Collects what a corpus-wide stage passes on during one call.
struct CollectingOutput: CorpusOutput {
    enum Event {
        case emit(Document)
        case drop(Document, String)
    }

    var events: [Event] = []

    mutating func emit(_ document: Document) { events.append(.emit(document)) }
    mutating func drop(_ document: Document, reason: String) { events.append(.drop(document, reason)) }
}
