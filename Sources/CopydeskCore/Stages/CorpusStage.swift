/// A stage that sees the whole ordered stream (dedupe, export). The runner owns one instance and calls
/// `consume` in input order from one thread; `preparer` is the optional part that runs in parallel.
///
/// What the preparer computes has a type (``DocumentPreparer/Prepared``) that `consume` receives as it
/// is, so the parallel work can never be thrown away by a type mismatch.
public protocol CorpusStage: AnyObject, SendableMetatype {
    /// The parallel half of the stage; ``NoPreparation`` (the default) when there is nothing to precompute.
    associatedtype Preparer: DocumentPreparer = NoPreparation
    /// Work done per document on the worker threads, before `consume`, e.g. computing signatures. The
    /// runner hands the result to `consume` with the same document. `nil` when there is nothing to precompute.
    var preparer: Preparer? { get }
    /// Called once before the first document: open outputs, load indexes.
    func start() throws(StageError)
    /// Handles the next document in input order, with what `preparer` computed for it (`nil` when the
    /// caller prepared nothing, e.g. a test calling the stage directly: the stage then computes it itself).
    func consume(_ document: Document, prepared: Preparer.Prepared?, into output: inout some CorpusOutput) throws(StageError)
    /// Called once after the last document: flush, emit held documents, write outputs under temporary
    /// names. What it emits goes downstream at once, so a stage holding many documents can stream them.
    func finish(into output: inout some CorpusOutput) throws(StageError)
    /// Called once after every stage of the run has finished without error: move outputs and indexes
    /// into place (rename temporary files). A run that fails earlier calls `abort` instead.
    func commit() throws(StageError)
    /// Called instead of `commit` when the run fails: remove temporary files, keep earlier outputs intact.
    func abort()
    /// Stage-specific counts for the run report (e.g. `"near": 12`), read after `finish`.
    var counters: [String: Int] { get }
}

extension CorpusStage {
    public func start() throws(StageError) {}
    public func commit() throws(StageError) {}
    public func abort() {}
    public var counters: [String: Int] { [:] }
}

extension CorpusStage where Preparer == NoPreparation {
    public var preparer: NoPreparation? { nil }
}
