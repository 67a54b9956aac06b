/// One configured stage as a run holds it: its id, kind, instance and the stats the report shows.
struct StageSlot {
    let id: String
    let kind: StageDescriptor.Kind
    let instance: StageInstance
    /// For a corpus-wide stage: its calls with the prepared value's type erased (see ``CorpusDriver``).
    let corpus: CorpusDriver?
    var stats: StageStats

    init(id: String, instance: StageInstance, threads: Int) {
        self.id = id
        self.instance = instance
        switch instance {
        case .document:
            kind = .document
            corpus = nil
        case .corpus(let stage):
            kind = .corpus
            corpus = CorpusDriver(stage)
        }
        stats = StageStats(id: id, kind: kind)
        stats.threads = kind == .document ? threads : 1
    }
}

/// A corpus-wide stage's `prepare` and `consume` behind one type-erased face, built by one generic
/// initialiser: the value a worker prepares is the one `consume` takes, by construction.
struct CorpusDriver {
    let stage: any CorpusStage
    /// Runs the stage's preparer on a worker thread; `nil` when the stage prepares nothing.
    let prepare: (@Sendable (Document) -> PreparedValue)?
    /// Passes a document (and what was prepared for it on a worker, if anything) to the stage.
    let consume: (Document, PreparedValue?, inout CollectingOutput) throws(StageError) -> Void

    init<Stage: CorpusStage>(_ stage: Stage) {
        self.stage = stage
        if let preparer = stage.preparer {
            prepare = { document in PreparedValue(preparer.prepare(document)) }
        } else {
            prepare = nil
        }
        consume = { (document, prepared, output) throws(StageError) in
            try stage.consume(document, prepared: prepared?.value(as: Stage.Preparer.Prepared.self), into: &output)
        }
    }
}

/// What a preparer computed for one document, carried from a worker thread to `consume`. Only
/// ``CorpusDriver`` makes and opens one, with the same stage's `Prepared` type on both sides.
struct PreparedValue: Sendable {
    private let value: any Sendable

    init(_ value: some Sendable) { self.value = value }

    func value<T>(as type: T.Type) -> T {
        guard let typed = value as? T else {
            preconditionFailure("a prepared value of type \(Swift.type(of: value)) reached a stage expecting \(T.self)")
        }
        return typed
    }
}
