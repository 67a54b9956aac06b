import CopydeskCore
import Foundation

/// An advisory `flock` on `<index>.lock`, held for a run's whole duration so that two runs never read
/// and rewrite one index at once (the later one would silently lose the other's documents). Exclusive
/// for a run that updates the index, shared for one that only reads it (`update_index: false`).
/// The lock file itself stays on disk; the lock goes with the descriptor, so a crashed run never leaves
/// the index locked.
///
/// A lock on a file is only as good as the file's name: if `<index>.lock` is deleted (or replaced)
/// while a run holds it, a second run creates a new file and locks that. So the lock remembers the
/// file's identity (device and inode): `acquire` retries when the name was swapped between opening and
/// locking, and `verify` — called before the index is committed — fails the run when the name no longer
/// leads to the locked file, because another run may then have used the index at the same time.
final class IndexLock {
    private var fd: Int32 = -1
    private var path = ""
    private var identity: (dev: UInt64, ino: UInt64) = (0, 0)

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
        for _ in 0..<16 {
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
            // Locked: make sure the name still leads to this file (it may have been removed meanwhile).
            var held = stat()
            fstat(opened, &held)
            if let named = Self.identity(of: path), named == (UInt64(held.st_dev), UInt64(held.st_ino)) {
                fd = opened
                self.path = path
                identity = named
                return
            }
            close(opened)
        }
        throw StageError(.io, "cannot lock the dedupe index \(index): its lock file \(path) keeps being replaced; stop whatever removes it")
    }

    /// Fails when `<index>.lock` no longer names the locked file: someone removed or replaced it during
    /// the run, so another run may have locked a new file and used the index at the same time.
    func verify() throws(StageError) {
        guard fd >= 0 else { return }
        guard let named = Self.identity(of: path), named == identity else {
            throw StageError(.io, "the dedupe index lock file \(path) was removed or replaced during this run, so another run may have "
                + "used the index at the same time; the index was not updated (this run's outputs are rolled back): run again")
        }
    }

    /// Releases the lock (idempotent).
    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    private static func identity(of path: String) -> (UInt64, UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}
