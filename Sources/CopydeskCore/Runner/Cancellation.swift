import Synchronization

/// A request to stop a run early (SIGINT): the runner stops reading, finishes what is in flight, writes
/// the complete outputs and the report, and marks the run interrupted. Safe to set from any thread.
/// A stage that can block for long (an exec stage waiting on its program) registers a handler to be
/// woken at once.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    private let handlers = Mutex<(next: Int, actions: [Int: @Sendable () -> Void])>((0, [:]))

    public init() {}

    /// Asks the run to stop, and runs the registered handlers on this thread.
    public func cancel() {
        flag.store(true, ordering: .sequentiallyConsistent)
        let actions = handlers.withLock { Array($0.actions.values) }
        for action in actions { action() }
    }

    public var isCancelled: Bool { flag.load(ordering: .sequentiallyConsistent) }

    /// Registers `action` to run when the run is cancelled (at once, on this thread, when it already
    /// is). It may run on any thread and more than once, so it must be quick and idempotent. Returns a
    /// token for ``removeHandler(_:)``.
    @discardableResult
    public func onCancel(_ action: @escaping @Sendable () -> Void) -> Int {
        let token = handlers.withLock { state in
            let token = state.next
            state.next += 1
            state.actions[token] = action
            return token
        }
        if isCancelled { action() }
        return token
    }

    /// Removes a handler registered with ``onCancel(_:)``.
    public func removeHandler(_ token: Int) {
        handlers.withLock { _ = $0.actions.removeValue(forKey: token) }
    }
}
