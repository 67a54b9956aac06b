/// How a run ended, as the run report's `status` says it.
public enum RunStatus: String, Sendable, CaseIterable {
    /// Every document was read and every output committed.
    case ok
    /// A stop request (SIGINT, SIGTERM) ended the run early; the outputs hold what was read before it.
    case interrupted
    /// An error ended the run; the report's `error` says what, and earlier outputs are intact.
    case failed
}
