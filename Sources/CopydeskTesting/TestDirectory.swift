import Foundation

/// Temporary directories for tests. Every directory lives under one folder per test process,
/// `$TMPDIR/copydesk-tests-<pid>`, which is removed when the process exits; folders left by test
/// processes that were killed are removed the first time a later process asks for a directory.
public enum TestDirectory {
    /// A new, empty directory whose name starts with `prefix`.
    public static func make(_ prefix: String = "test") -> String {
        let path = root + "/" + prefix + "-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create the test directory \(path): \(error)")
        }
        return path
    }

    /// This process's folder: created once, stale siblings removed, removal at exit registered.
    private static let root: String = {
        let base = NSTemporaryDirectory()
        removeStaleRoots(in: base)
        let path = base + "copydesk-tests-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        atexit {
            try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "copydesk-tests-\(getpid())")
        }
        return path
    }()

    /// Removes `copydesk-tests-<pid>` folders whose process no longer exists.
    private static func removeStaleRoots(in base: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for name in names where name.hasPrefix("copydesk-tests-") {
            guard let pid = Int32(name.dropFirst("copydesk-tests-".count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: base + name)
            }
        }
    }
}
