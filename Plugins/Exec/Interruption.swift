import Synchronization

/// Carries Ctrl-C from the signal-handling thread to the exec stage: once fired, the program running
/// now, and any started later, is ended at once and every wait on it returns.
final class Interruption: Sendable {
    private let state = Mutex<(fired: Bool, child: ChildProcess?)>((false, nil))

    /// The program now running (`nil` when none); ended at once when the run is already interrupted.
    func attach(_ child: ChildProcess?) {
        let fired = state.withLock { state in
            state.child = child
            return state.fired
        }
        if fired { child?.interrupt() }
    }

    /// Interrupts the program; idempotent, callable from any thread.
    func fire() {
        let child = state.withLock { state in
            state.fired = true
            return state.child
        }
        child?.interrupt()
    }

    var fired: Bool { state.withLock { $0.fired } }
}
