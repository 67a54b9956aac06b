/// What a per-document stage decided about one document.
public enum Verdict: Sendable, Equatable {
    /// Keep the (possibly changed) document.
    case keep
    /// Remove the document from the stream; it goes to the drops output with this reason.
    case drop(reason: String)
}

/// A document a stage could not process: it goes to the rejects output with this reason.
public struct DocumentRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, in words a user can act on.
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// A stage that transforms one document at a time. The runner calls it from several threads at once
/// and restores input order afterwards, so it must not depend on the order of calls.
public protocol DocumentStage: Sendable {
    /// Transforms `document` in place. Return `.drop(reason:)` to remove it, or throw a
    /// ``DocumentRejection`` when the document cannot be processed.
    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict
    /// Like ``process(_:)``, adding stage-specific counts for the run report to `counters` (e.g.
    /// `"no_letters": 1`). The runner calls this one; the default adds nothing.
    func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict
}

extension DocumentStage {
    public func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict {
        try process(&document)
    }
}

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
    /// The order in which people read ``counters`` in the end summary (most telling first); counters
    /// not named here follow in name order.
    var counterOrder: [String] { get }
}

extension CorpusStage {
    public func start() throws(StageError) {}
    public func commit() throws(StageError) {}
    public func abort() {}
    public var counters: [String: Int] { [:] }
    public var counterOrder: [String] { [] }
}

extension CorpusStage where Preparer == NoPreparation {
    public var preparer: NoPreparation? { nil }
}

/// The parallel half of a corpus-wide stage.
public protocol DocumentPreparer: Sendable {
    /// What `prepare` computes for one document and `consume` receives.
    associatedtype Prepared: Sendable
    /// Computes what `consume` needs for `document`; called from several threads at once.
    func prepare(_ document: Document) -> Prepared
}

/// The preparer of a corpus-wide stage that precomputes nothing; such a stage's `consume` takes
/// `prepared: Void?` and ignores it.
public struct NoPreparation: DocumentPreparer {
    public init() {}
    public func prepare(_ document: Document) {}
}

/// A failure that stops the run: an output that cannot be written, a corrupt index.
public struct StageError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, which decides the exit code.
    public enum Kind: Sendable { case io, badData, configuration }
    public var kind: Kind
    /// What went wrong and what to do next.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// A stage instance as the runner holds it: one of the two kinds.
public enum StageInstance {
    case document(any DocumentStage)
    case corpus(any CorpusStage)
}
