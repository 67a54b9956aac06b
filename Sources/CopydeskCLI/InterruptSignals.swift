import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM for a run, taken by one thread of their own.
///
/// Both signals are blocked in the calling thread before any other thread exists, so every thread
/// created later (workers, exec pipes, Dispatch's pool) inherits the block and none of them can take a
/// signal and drop it; one thread takes them with `sigwait`. (A Dispatch signal source on Linux blocks
/// the signal only in the thread that registers it, so a signal the kernel hands to another thread that
/// ignores it would be lost.) Programs started by the exec stage get an empty mask and default
/// dispositions (`CProcess`), so they are not affected.
enum InterruptSignals {
    /// Blocks SIGINT and SIGTERM in this thread and every thread it creates from now on, and calls
    /// `handler` on a dedicated thread for each one that arrives. Call first, before anything starts a
    /// thread.
    static func watch(_ handler: @escaping @Sendable (Int32) -> Void) {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        // Ignored as well: should some thread still take one, it is dropped rather than killing the run
        // half-way through writing its outputs.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let waited = signals
        let thread = Thread {
            var set = waited
            while true {
                var number: Int32 = 0
                if sigwait(&set, &number) == 0 { handler(number) }
            }
        }
        thread.name = "copydesk-signals"
        thread.start()
    }
}
