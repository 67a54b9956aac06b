import Logging

/// The mutable state of one run, driven from one thread.
///
/// The pipeline is cut into segments: a segment starts where documents enter (the reader, or the
/// stage after a corpus-wide stage) and holds the maximal run of per-document stages from there plus the
/// preparer of the corpus-wide stage that ends it. Documents entering a segment are batched and run on
/// the shared worker pool; batch results are taken back in submission order, so every stage downstream
/// sees input order. How many batches a segment keeps in flight is a constant, not the number of
/// workers, so drops and rejects are recorded in the same order whatever the number of workers.
///
/// A class, so that what a corpus-wide stage emits from `finish` can be passed downstream at once (see
/// ``StreamingOutput``).
final class Execution {
    let pipeline: Pipeline
    var slots: [StageSlot]
    let outcomes: OutcomeLog
    let logger: Logger
    let onProgress: ((RunProgress) -> Void)?
    let cancellation: CancellationFlag?
    /// Whether reading stopped early because of `cancellation`.
    var interrupted = false
    let workers: Int
    var documentsOut = 0
    var dropped = 0
    var rejected = 0
    var documentsRead = 0

    /// The segments, in pipeline order; `segments[0]` is fed by the reader.
    private var segments: [SegmentState]
    /// The segment documents entering at pipeline index `i` go to, if any.
    private let segmentAt: [Int: Int]
    private let pool: OrderedWorkerPool<SegmentJob, BatchResult>
    /// The sequence number of the next job submitted to the pool (shared by all segments).
    private var nextSequence = 0

    /// Batches a segment keeps in flight before it waits for the oldest. Independent of the number of
    /// workers, so that the order of events (and of drops and rejects) is the same for any number.
    static let window = 32
    /// A batch is submitted once it holds this many bytes of text and HTML, even if not full.
    static let batchBytes = 1 << 20

    init(
        pipeline: Pipeline, instances: [StageInstance], outcomes: OutcomeLog, logger: Logger, onProgress: ((RunProgress) -> Void)?,
        cancellation: CancellationFlag?
    ) {
        self.cancellation = cancellation
        self.pipeline = pipeline
        self.outcomes = outcomes
        self.logger = logger
        self.onProgress = onProgress
        let workers = pipeline.run.effectiveWorkers
        self.workers = workers
        let slots = zip(pipeline.stages, instances).map { StageSlot(id: $0.descriptor.id, instance: $1, threads: workers) }
        self.slots = slots
        var segments: [SegmentState] = []
        var segmentAt: [Int: Int] = [:]
        // Entry points: the reader (index 0) and the stage after every corpus-wide stage.
        let entries = [0] + slots.indices.filter { slots[$0].kind == .corpus }.map { $0 + 1 }
        for entry in entries {
            var end = entry
            var stages: [any DocumentStage] = []
            while end < slots.count, case .document(let stage) = slots[end].instance {
                stages.append(stage)
                end += 1
            }
            let prepare = end < slots.count ? slots[end].corpus?.prepare : nil
            // After a corpus-wide stage, a segment with nothing to run in parallel is skipped.
            guard entry == 0 || !stages.isEmpty || prepare != nil else { continue }
            segmentAt[entry] = segments.count
            let work = SegmentWork(
                stages: stages, firstIndex: entry, ids: slots[entry..<end].map(\.id),
                template: slots[entry..<end].map { StageStats(id: $0.id, kind: $0.kind) }, prepare: prepare)
            segments.append(SegmentState(work: work, next: end))
        }
        self.segments = segments
        self.segmentAt = segmentAt
        let works = segments.map(\.work)
        pool = OrderedWorkerPool(workers: workers) { job in works[job.segment].process(job.items) }
    }

    /// Stops the worker threads.
    func shutdown() { pool.shutdown() }

    func fill(_ report: inout RunReport) {
        report.stages = slots.map(\.stats)
        report.documentsOut = documentsOut
        report.dropped = dropped
        report.rejected = rejected
    }

    func startStages() throws(CopydeskError) {
        for slot in slots {
            guard let driver = slot.corpus else { continue }
            do { try driver.stage.start() } catch { throw CopydeskError(error, stage: slot.id) }
        }
    }

    /// Reads the corpus-wide stages' counters into the stats, for the report of a run that failed
    /// (a finished stage's were read after its `finish`).
    func collectCounters() {
        for index in slots.indices {
            if let driver = slots[index].corpus, slots[index].stats.counters.isEmpty { slots[index].stats.counters = driver.stage.counters }
        }
    }

    func abortStages() {
        for slot in slots { slot.corpus?.stage.abort() }
    }

    /// Finishes the corpus-wide stages in order, each once everything before it has reached it, then
    /// drains what follows the last one.
    func finishStages() throws(CopydeskError) {
        for index in slots.indices {
            guard let driver = slots[index].corpus else { continue }
            try drain(upTo: index)
            var output = StreamingOutput(execution: self, index: index)
            let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
            var failure: CopydeskError?
            do { try driver.stage.finish(into: &output) } catch { failure = CopydeskError(error, stage: slots[index].id) }
            // Time spent downstream of this stage was counted there; count only this stage's own share.
            slots[index].stats.busySeconds += StageClock.wall() - t0 - output.downstreamWall
            slots[index].stats.cpuSeconds += StageClock.threadCPU() - c0 - output.downstreamCPU
            if let failure = output.failure ?? failure { throw failure }
            slots[index].stats.counters = driver.stage.counters
        }
        try drain(upTo: slots.count)
    }

    /// Lets every corpus-wide stage move its outputs into place, once all of them have finished. Last
    /// stage first, so that an index (dedupe) is committed only after the outputs after it are in place.
    func commitStages() throws(CopydeskError) {
        for slot in slots.reversed() {
            guard let driver = slot.corpus else { continue }
            do { try driver.stage.commit() } catch { throw CopydeskError(error, stage: slot.id) }
            PipelineRunner.pauseInCommit()
        }
    }

    /// Passes what a stage emitted downstream; a failure downstream is kept and reported when `finish`
    /// returns, and everything after it is ignored.
    func forward(_ event: CollectingOutput.Event, from index: Int) throws(CopydeskError) {
        switch event {
        case .emit(let document):
            slots[index].stats.documentsOut += 1
            try enter(document, at: index + 1)
        case .drop(let document, let reason):
            slots[index].stats.dropped += 1
            try recordDrop(document, stage: slots[index].id, reason: reason)
        case .reject(let document, let reason):
            slots[index].stats.rejected += 1
            try recordReject(Rejection(source: document.source, id: document.id, stage: slots[index].id, reason: reason), document: document)
        }
    }

    /// Reads every input item into the first segment, taking results back in order as the window fills.
    func process<Source: DocumentSource>(_ reader: inout Source, started: Double) throws(CopydeskError) {
        var lastProgress = started
        var warningsLogged = 0
        while true {
            let item: InputItem?
            if cancellation?.isCancelled == true {
                interrupted = true
                item = nil
            } else {
                do { item = try reader.next() } catch { throw CopydeskError(error) }
                while warningsLogged < reader.stats.warnings.count {
                    logger.warning("\(reader.stats.warnings[warningsLogged])")
                    warningsLogged += 1
                }
            }
            guard let item else { break }
            documentsRead += 1
            try add(item, toSegment: 0)
            if let onProgress {
                let now = StageClock.wall()
                if now - lastProgress >= 0.25 {
                    lastProgress = now
                    onProgress(RunProgress(
                        documents: documentsRead, bytes: reader.stats.bytes, seconds: now - started,
                        diskBytes: reader.stats.diskBytesRead, diskTotal: reader.stats.diskBytesTotal))
                }
            }
        }
    }

    /// Sends a document into the pipeline at stage `index`: into the segment starting there, or
    /// straight to the corpus-wide stage there, or out of the pipeline.
    private func enter(_ document: Document, at index: Int) throws(CopydeskError) {
        if let segment = segmentAt[index] {
            try add(.document(document), toSegment: segment)
        } else {
            try deliver(document, prepared: nil, to: index)
        }
    }

    private func add(_ item: InputItem, toSegment index: Int) throws(CopydeskError) {
        if case .document(let document) = item {
            segments[index].pendingBytes += document.text.utf8.count + (document.html?.utf8.count ?? 0)
        }
        segments[index].pending.append(item)
        if segments[index].pending.count >= pipeline.run.batchSize || segments[index].pendingBytes >= Self.batchBytes {
            try submit(segment: index)
            while segments[index].inFlight.count >= Self.window { try takeOldest(segment: index) }
        }
    }

    private func submit(segment index: Int) throws(CopydeskError) {
        guard !segments[index].pending.isEmpty else { return }
        pool.submit(nextSequence, SegmentJob(segment: index, items: segments[index].pending))
        segments[index].inFlight.append(nextSequence)
        nextSequence += 1
        segments[index].pending = []
        segments[index].pendingBytes = 0
    }

    /// Takes the oldest batch of a segment back and passes its results on in order.
    private func takeOldest(segment index: Int) throws(CopydeskError) {
        let sequence = segments[index].inFlight.removeFirst()
        let result = pool.take(sequence)
        let work = segments[index].work
        for (offset, batchStats) in result.stats.enumerated() {
            slots[work.firstIndex + offset].stats.add(batchStats)
        }
        let next = segments[index].next
        for outcome in result.outcomes {
            switch outcome {
            case .document(let document, let prepared):
                try deliver(document, prepared: prepared, to: next)
            case .dropped(let document, let stage, let reason):
                try recordDrop(document, stage: slots[stage].id, reason: reason)
            case .rejected(let rejection, let document):
                try recordReject(rejection, document: document)
            }
        }
    }

    /// Submits and takes back everything in the segments that start at or before pipeline index
    /// `index`, in pipeline order, so that every document bound for stage `index` has reached it.
    private func drain(upTo index: Int) throws(CopydeskError) {
        for segment in segments.indices where segments[segment].work.firstIndex <= index {
            try submit(segment: segment)
            while !segments[segment].inFlight.isEmpty { try takeOldest(segment: segment) }
        }
    }

    private func recordDrop(_ document: Document, stage: String, reason: String) throws(CopydeskError) {
        dropped += 1
        do { try outcomes.drop(document, stage: stage, reason: reason) } catch { throw CopydeskError(error) }
    }

    private func recordReject(_ rejection: Rejection, document: Document?) throws(CopydeskError) {
        rejected += 1
        // Documents a stage gives up on because the run is being interrupted are not bad data: they go to
        // the rejects output and the run still ends as interrupted (exit 130).
        if pipeline.run.onBadRecord == .fail, cancellation?.isCancelled != true {
            throw CopydeskError(
                exitCode: CopydeskError.badData,
                message: "\(rejection.source): \(rejection.reason) (rejected by \(rejection.stage); run.on_bad_record is 'fail' — use 'skip' to send bad records to the rejects output)")
        }
        do { try outcomes.reject(rejection, document: document) } catch { throw CopydeskError(error) }
    }

    /// Passes a document to the corpus-wide stage at `index` (in order, on this thread), or counts it
    /// as output when the pipeline ends there.
    private func deliver(_ document: Document, prepared: PreparedValue?, to index: Int) throws(CopydeskError) {
        guard index < slots.count else {
            documentsOut += 1
            return
        }
        guard let driver = slots[index].corpus else {
            preconditionFailure("every per-document stage after a corpus-wide stage starts a segment")
        }
        slots[index].stats.documentsIn += 1
        let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
        var collector = CollectingOutput()
        do {
            try driver.consume(document, prepared, &collector)
        } catch {
            // What it passed on before failing (documents it rejected) is still counted in the report.
            _ = try? route(collector, from: index)
            throw CopydeskError(error, stage: slots[index].id)
        }
        slots[index].stats.busySeconds += StageClock.wall() - t0
        slots[index].stats.cpuSeconds += StageClock.threadCPU() - c0
        try route(collector, from: index)
    }

    /// Forwards what a corpus-wide stage emitted or dropped.
    private func route(_ collector: CollectingOutput, from index: Int) throws(CopydeskError) {
        for event in collector.events {
            try forward(event, from: index)
        }
    }
}

/// A segment's place in the run: what it runs, where its results go, and its batches.
struct SegmentState {
    let work: SegmentWork
    /// The pipeline index its kept documents go to (a corpus-wide stage, or the end).
    let next: Int
    var pending: [InputItem] = []
    var pendingBytes = 0
    /// Sequence numbers of its submitted batches not yet taken back, oldest first.
    var inFlight: [Int] = []
}
