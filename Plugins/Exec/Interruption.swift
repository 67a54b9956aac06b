import Synchronization

/// Carries Ctrl-C from the signal-handling thread to the exec stage: once fired, the program running
/// now (and any started later) has `grace` seconds to answer what it was given; then every wait on it
/// returns and the stage ends it.
final class Interruption: Sendable {
    let grace: Double
    private let state = Mutex<(fired: Bool, child: ChildProcess?)>((false, nil))

    init(grace: Double) { self.grace = grace }

    /// The program now running (`nil` when none); given its grace at once when the run is already interrupted.
    func attach(_ child: ChildProcess?) {
        let fired = state.withLock { state in
            state.child = child
            return state.fired
        }
        if fired { child?.interrupt(grace: grace) }
    }

    /// Interrupts the program; idempotent, callable from any thread.
    func fire() {
        let child = state.withLock { state in
            state.fired = true
            return state.child
        }
        child?.interrupt(grace: grace)
    }

    var fired: Bool { state.withLock { $0.fired } }
}
