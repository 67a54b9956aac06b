/// A maximal run of per-document stages (possibly empty) and the preparer of the corpus-wide stage that
/// follows it, as the worker threads run it over one batch. This is the one place per-document stages
/// are applied; the run keeps input order by taking batch results in the order they were submitted.
struct SegmentWork: Sendable {
    /// The per-document stages of the run, in pipeline order.
    let stages: [any DocumentStage]
    /// The pipeline index of `stages[0]` (or of the next stage when the run is empty).
    let firstIndex: Int
    let ids: [String]
    /// Empty stats for the stages, to count one batch into.
    let template: [StageStats]
    /// The next corpus-wide stage's preparer, run on every document the stages keep.
    let prepare: (@Sendable (Document) -> PreparedValue)?

    /// Counter of documents whose entities a stage's text change made stale (so they were removed).
    static let staleEntities = "entities_cleared_after_text_change"

    /// Runs the stages over `items` (in order within the batch) and prepares what is kept.
    func process(_ items: [InputItem]) -> BatchResult {
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
                    switch try stage.process(&document, counters: &stats[s].counters) {
                    case .keep:
                        if document.entities != nil, document.text != original.text, document.clearStaleEntities() {
                            stats[s].counters[Self.staleEntities, default: 0] += 1
                        }
                        next.append((index, document))
                    case .drop(let reason):
                        outcomes[index] = .dropped(document, stage: firstIndex + s, reason: reason)
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
            outcomes[index] = .document(document, prepared: prepare?(document))
        }
        return BatchResult(outcomes: outcomes.map { $0! }, stats: stats)
    }
}

/// What happened to one item of a batch on a worker.
enum BatchOutcome: Sendable {
    case document(Document, prepared: PreparedValue?)
    /// Dropped by the stage at pipeline index `stage`.
    case dropped(Document, stage: Int, reason: String)
    case rejected(Rejection, document: Document?)
}

/// A batch's results plus the stats of the segment's stages over it.
struct BatchResult: Sendable {
    var outcomes: [BatchOutcome]
    var stats: [StageStats]
}

/// One unit of work for the shared pool: a batch for segment `segment`.
struct SegmentJob: Sendable {
    var segment: Int
    var items: [InputItem]
}
