import Foundation

/// Leftovers of killed runs beside an output: temporary files (`.<name>.tmp-<pid>-<start>`) and backups
/// of an interrupted commit (`.<name>.prev-<pid>-<start>`) whose process no longer runs. A run removes
/// them for each of its outputs when it starts, after recovering any interrupted commit.
public enum StaleFiles {
    /// The kinds of leftover, as they appear in names.
    static let kinds = ["tmp", "prev"]

    /// The hidden name of a leftover of `kind` for `path`, stamped with `stamp`.
    static func name(for path: String, kind: String, stamp: ProcessStamp) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".\(name).\(kind)-\(stamp)"
    }

    /// Removes leftovers of `path` whose process is gone; returns the paths removed. Files of runs that
    /// are still going are left alone.
    @discardableResult
    public static func sweep(beside path: String) -> [String] {
        guard path != "-" else { return [] }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return [] }
        var removed: [String] = []
        for entry in entries {
            for kind in kinds {
                let prefix = ".\(name).\(kind)-"
                guard entry.hasPrefix(prefix), let stamp = ProcessStamp(entry.dropFirst(prefix.count)), !stamp.isRunning else { continue }
                let full = (directory.isEmpty ? "" : directory + "/") + entry
                if unlink(full) == 0 { removed.append(full) }
            }
        }
        return removed
    }
}
