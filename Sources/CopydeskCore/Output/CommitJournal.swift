import Foundation
public import Logging

/// The all-or-nothing commit of a run's outputs (records, exports, dedupe index, drops, rejects, report).
///
/// A run writes every output under a temporary name first. Then, before the first rename:
/// 1. each output that already exists is hard-linked to a backup beside it (`.<name>.prev-<pid>-<start>`);
/// 2. the journal (`<report>.commit`: this process's stamp and every output with its backup, or none)
///    is written under a temporary name, synced and renamed into place, and the directories synced.
///
/// The temporary files are then renamed over the final names, the report last. Removing the journal
/// (and syncing its directory) is the commit point; the backups are removed after it. A run that fails
/// during the renames rolls back at once; a run killed during them leaves the journal, and the next run
/// on the same outputs (or `copydesk recover`) rolls back before doing anything else: every backup is
/// renamed back over its output, and every output that had none is removed. So the outputs on disk are
/// either all from the previous run or all from the new one, once no journal is present.
public final class CommitJournal {
    /// One output of the run, and the backup of its previous version (`nil` when it had none).
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var backup: String?
    }

    /// The journal file.
    public let path: String
    /// Who wrote it.
    public let stamp: ProcessStamp
    public let entries: [Entry]
    private var open = true

    private init(path: String, stamp: ProcessStamp, entries: [Entry]) {
        self.path = path
        self.stamp = stamp
        self.entries = entries
    }

    /// The journal of the run whose report is `report` (`nil` for stdout or a device: no commit set).
    public static func path(forReport report: String?) -> String? {
        guard let report, !AtomicFile.isStream(report) else { return nil }
        return report + ".commit"
    }

    /// Backs up the outputs that exist and writes the journal durably: after this returns, a kill at any
    /// point leaves enough on disk to roll back.
    public static func begin(journal: String, outputs: [String]) throws(StageError) -> CommitJournal {
        let stamp = ProcessStamp.current()
        var entries: [Entry] = []
        for output in outputs.map(absolute) {
            var status = stat()
            guard lstat(output, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                entries.append(Entry(path: output, backup: nil))
                continue
            }
            let backup = StaleFiles.name(for: output, kind: "prev", stamp: stamp)
            unlink(backup)
            if link(output, backup) != 0 {
                // A file system without hard links: copy instead.
                do { try FileManager.default.copyItem(atPath: output, toPath: backup) } catch {
                    for entry in entries { if let b = entry.backup { unlink(b) } }
                    throw StageError(.io, "cannot back up \(output) before replacing it: \(error.localizedDescription); check the directory's permissions")
                }
            }
            entries.append(Entry(path: output, backup: backup))
        }
        let journalPath = absolute(journal)
        let result = CommitJournal(path: journalPath, stamp: stamp, entries: entries)
        do {
            try AtomicFile.write(result.json(), to: journalPath)
        } catch {
            for entry in entries { if let b = entry.backup { unlink(b) } }
            throw error
        }
        Self.syncDirectories(entries.map(\.path) + [journalPath])
        return result
    }

    /// The commit point: syncs the outputs' directories, removes the journal, then the backups.
    public func complete() throws(StageError) {
        guard open else { return }
        Self.syncDirectories(entries.map(\.path))
        if unlink(path) != 0, errno != ENOENT {
            let reason = String(cString: strerror(errno))
            throw StageError(.io, "cannot remove the commit journal \(path): \(reason); remove it by hand once the run ends")
        }
        open = false
        Self.syncDirectories([path])
        for entry in entries { if let backup = entry.backup { unlink(backup) } }
    }

    /// Puts every output back as it was before the run (previous version, or no file) and removes the journal.
    public func rollBack() {
        guard open else { return }
        for entry in entries {
            if let backup = entry.backup {
                // A missing backup was already put back (by a recovery interrupted in its turn). When the
                // output was not replaced yet, both names are links to one file and rename does nothing:
                // the backup name is then removed, the output keeps the same (previous) content.
                if rename(backup, entry.path) == 0 { unlink(backup) }
            } else {
                unlink(entry.path)
            }
        }
        Self.syncDirectories(entries.map(\.path))
        unlink(path)
        Self.syncDirectories([path])
        open = false
    }

    /// Rolls back what a killed run left: when `journal` exists and its writer no longer runs. Returns the
    /// journal that was rolled back, if any; throws when a live run is committing these outputs or the
    /// journal is unreadable (it is never half-written, so that means someone else wrote it).
    @discardableResult
    public static func recover(journal: String, logger: Logger? = nil) throws(StageError) -> CommitJournal? {
        let journalPath = absolute(journal)
        guard let data = FileManager.default.contents(atPath: journalPath) else { return nil }
        let found: CommitJournal
        do { found = try parse(Array(data), path: journalPath) } catch {
            throw StageError(.io, "\(journalPath) is not a copydesk commit journal (\(error.message)); move it away and run again")
        }
        if found.stamp.isRunning, found.stamp != ProcessStamp.current() {
            throw StageError(.io, "the outputs named in \(journalPath) are being committed by another copydesk run (pid \(found.stamp.pid)); "
                + "wait for it to finish, or choose other output paths")
        }
        found.rollBack()
        logger?.warning("rolled back the interrupted commit of an earlier run (pid \(found.stamp.pid)): its outputs are back as they were before it")
        return found
    }

    func json() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("copydesk_commit_journal", "1")
        w.int("pid", Int(stamp.pid))
        w.string("start", String(stamp.start))
        w.beginArray("outputs")
        for entry in entries {
            w.beginObject()
            w.string("path", entry.path)
            w.string("backup", entry.backup)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        var bytes = w.bytes
        bytes.append(0x0A)
        return bytes
    }

    static func parse(_ bytes: [UInt8], path: String) throws(StageError) -> CommitJournal {
        let value: JSONValue
        do { value = try bytes.withUnsafeBufferPointer { (raw) throws(JSONParseError) in try JSONParser.parse(raw) } } catch {
            throw StageError(.badData, error.description)
        }
        guard value["copydesk_commit_journal"]?.stringValue == "1", let pid = value["pid"]?.doubleValue,
            let start = value["start"]?.stringValue.flatMap({ UInt64($0) }), case .array(let items)? = value["outputs"]
        else { throw StageError(.badData, "fields missing") }
        var entries: [Entry] = []
        for item in items {
            guard let output = item["path"]?.stringValue, output.hasPrefix("/") else { throw StageError(.badData, "an output without an absolute path") }
            entries.append(Entry(path: output, backup: item["backup"]?.stringValue))
        }
        return CommitJournal(path: path, stamp: ProcessStamp(pid: Int32(pid), start: start), entries: entries)
    }

    /// The absolute, standardised form of `path` (the journal must mean the same files from any directory).
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Syncs each distinct parent directory, so renames, links and removals in it survive a crash.
    static func syncDirectories(_ paths: [String]) {
        var done = Set<String>()
        for path in paths {
            let directory = (path as NSString).deletingLastPathComponent
            guard done.insert(directory).inserted else { continue }
            let fd = Foundation.open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 {
                fsync(fd)
                close(fd)
            }
        }
    }
}
