import Synchronization

/// A request to stop a run early (SIGINT): the runner stops reading, finishes what is in flight, writes
/// the complete outputs and the report, and marks the run interrupted. Safe to set from any thread.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the run to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
