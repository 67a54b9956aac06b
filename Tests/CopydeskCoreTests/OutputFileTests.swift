import CopydeskCore
import Foundation
import Testing

/// Output files: compressed streaming writes, content hashes, temporary names a later run can clean
/// up, and the all-or-nothing commit journal.
@Suite("output files and the commit journal")
struct OutputFileTests {
    func scratch() -> String {
        let path = NSTemporaryDirectory() + "copydesk-outputs-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func write(_ text: String, to path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    /// A process id that is certainly not running: a child that has exited and been reaped.
    func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("SHA-256 matches the FIPS 180-4 examples, fed in one piece or byte by byte")
    func sha256() {
        var empty = SHA256()
        empty.update([])
        #expect(empty.hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = SHA256()
        abc.update(Array("abc".utf8))
        #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let two = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        var bytewise = SHA256()
        for byte in two { bytewise.update([byte]) }
        #expect(bytewise.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(chunk) }
        #expect(million.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("gzip and zstd outputs are written streaming and read back whole", arguments: [OutputCompression.gzip, .zstd])
    func compressedRoundTrip(compression: OutputCompression) throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.jsonl" + compression.suffix
        #expect(OutputCompression(path: path) == compression)
        let file = try AtomicFile(path: path, compression: compression)
        var expected: [UInt8] = []
        for i in 0..<40_000 {
            let line = Array("{\"id\":\"d\(i)\",\"text\":\"line \(i) \(i * 7919 % 1000)\"}\n".utf8)
            expected += line
            try file.write(line)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing under the final name before the commit")
        try file.commit()
        let stored = try read(path)
        #expect(stored.count < expected.count / 3)
        let restored = compression == .gzip
            ? try Gzip.decompress(stored, limit: 1 << 30) : try Zstd.decompress(stored, limit: 1 << 30)
        #expect(restored == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.jsonl" + compression.suffix])
    }

    @Test("temporary names carry the process stamp; leftovers of dead processes are swept, a live run's are kept")
    func staleTemporaries() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/news.jsonl"
        let live = try AtomicFile.temporaryPath(for: output)
        #expect(live.hasSuffix(".news.jsonl.tmp-\(ProcessStamp.current())"))
        try write("half", to: live)
        let dead = try deadPID()
        try write("half", to: dir + "/.news.jsonl.tmp-\(dead)-12345")
        try write("old backup", to: dir + "/.news.jsonl.prev-\(dead)-12345")
        try write("same pid, other start time", to: dir + "/.news.jsonl.tmp-\(getpid())-1")
        try write("another output's", to: dir + "/.other.jsonl.tmp-\(dead)-12345")
        let removed = StaleFiles.sweep(beside: output).map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(removed == [".news.jsonl.prev-\(dead)-12345", ".news.jsonl.tmp-\(dead)-12345", ".news.jsonl.tmp-\(getpid())-1"].sorted())
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: dir + "/.other.jsonl.tmp-\(dead)-12345"))
    }

    @Test("a journal rolls every output back: previous versions return, outputs that had none go")
    func rollBack() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let records = dir + "/out.jsonl", report = dir + "/out.report.json", fresh = dir + "/out.drops.jsonl"
        try write("old records\n", to: records)
        try write("old report\n", to: report)
        let journal = try CommitJournal.begin(journal: report + ".commit", outputs: [records, fresh, report])
        #expect(FileManager.default.fileExists(atPath: report + ".commit"))
        try write("new records\n", to: records + ".new")
        rename(records + ".new", records)
        try write("new drops\n", to: fresh)
        journal.rollBack()
        #expect(try String(contentsOfFile: records, encoding: .utf8) == "old records\n")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "old report\n")
        #expect(!FileManager.default.fileExists(atPath: fresh))
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(listing == ["out.jsonl", "out.report.json"], "\(listing)")
    }

    @Test("completing removes the journal (the commit point) and the backups; the new outputs stay")
    func complete() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let records = dir + "/out.jsonl", report = dir + "/out.report.json"
        try write("old\n", to: records)
        let journal = try CommitJournal.begin(journal: report + ".commit", outputs: [records, report])
        try write("new\n", to: records + ".new")
        rename(records + ".new", records)
        try write("new report\n", to: report)
        try journal.complete()
        #expect(try String(contentsOfFile: records, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out.jsonl", "out.report.json"])
    }

    @Test("recovery rolls back a dead run's journal, refuses a live run's and a foreign file")
    func recovery() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let records = dir + "/out.jsonl", journalPath = dir + "/out.report.json.commit"
        try write("old\n", to: records)
        _ = try CommitJournal.begin(journal: journalPath, outputs: [records])
        try write("new\n", to: records + ".new")
        rename(records + ".new", records)
        // This process is alive: its journal is another run's commit in progress… unless it is ours.
        let text = try String(contentsOfFile: journalPath, encoding: .utf8)
        let dead = try deadPID()
        try write(text.replacingOccurrences(of: "\"pid\":\(getpid())", with: "\"pid\":\(dead)"), to: journalPath)
        let recovered = try #require(try CommitJournal.recover(journal: journalPath))
        #expect(recovered.stamp.pid == dead)
        #expect(try String(contentsOfFile: records, encoding: .utf8) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: journalPath))
        #expect(try CommitJournal.recover(journal: journalPath) == nil)

        // A journal of a process that runs (pid 1, with its real start time) is left alone.
        let initStart = try #require(ProcessStamp(pid: 1, start: 0).isRunning ? readStart(1) : nil)
        try write("{\"copydesk_commit_journal\":\"1\",\"pid\":1,\"start\":\"\(initStart)\",\"outputs\":[]}\n", to: journalPath)
        #expect(throws: StageError.self) { try CommitJournal.recover(journal: journalPath) }
        #expect(FileManager.default.fileExists(atPath: journalPath))
        try write("not json", to: journalPath)
        #expect(throws: StageError.self) { try CommitJournal.recover(journal: journalPath) }
    }

    func readStart(_ pid: Int32) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"), let close = data.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = data[(close + 1)...].split(separator: UInt8(ascii: " "))
        return UInt64(String(decoding: fields[19], as: UTF8.self))
    }
}
