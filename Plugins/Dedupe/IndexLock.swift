import CopydeskCore
import Foundation

/// An advisory `flock` on `<index>.lock`, held for a run's whole duration so that two runs never read
/// and rewrite one index at once (the later one would silently lose the other's documents). Exclusive
/// for a run that updates the index, shared for one that only reads it (`update_index: false`).
/// The lock file itself stays on disk (removing it would let two runs lock different files); the lock
/// goes with the descriptor, so a crashed run never leaves the index locked.
final class IndexLock {
    private var fd: Int32 = -1

    deinit { release() }

    /// Whether the lock is held.
    var isHeld: Bool { fd >= 0 }

    /// Takes the lock on `index + ".lock"` at once or fails with an error naming the index.
    func acquire(index: String, exclusive: Bool) throws(StageError) {
        guard fd < 0 else { return }
        let path = index + ".lock"
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw StageError(.io, "cannot open the dedupe index lock file \(path): \(String(cString: strerror(errno))); "
                + "check the directory's permissions, or choose another 'index:' path")
        }
        guard flock(opened, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            let code = errno
            close(opened)
            if code == EWOULDBLOCK {
                throw StageError(.io, "the dedupe index \(index) is in use: another copydesk run holds it (lock file \(path)); "
                    + "wait for that run to finish, or choose another 'index:' path")
            }
            throw StageError(.io, "cannot lock the dedupe index \(index) (lock file \(path)): \(String(cString: strerror(code)))")
        }
        fd = opened
    }

    /// Releases the lock (idempotent).
    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }
}
