import CopydeskCore
import Foundation
import Glibc
import Testing

/// Interrupted, killed and disk-full runs never leave half a file under a final name.
@Suite("crash safety")
struct CrashSafetyTests {
    /// A JSONL dump big enough that a run is still going after a fraction of a second.
    static func bigInput(_ dir: String, lines: Int = 400_000) throws -> String {
        let path = dir + "/big.jsonl"
        var text = ""
        text.reserveCapacity(lines * 64)
        for i in 0..<lines { text += "{\"id\":\"d\(i)\",\"text\":\"Document number \(i) of the dump.\"}\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Waits until the run in `dir` has opened its outputs (a temporary file is there), so that a signal
    /// sent next reaches a run that is working, not one still starting or already finished.
    func waitUntilWriting(_ dir: String, within seconds: Double = 60) throws {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if try FileManager.default.contentsOfDirectory(atPath: dir).contains(where: { $0.contains(".tmp-") }) { return }
            usleep(10_000)
        }
        Issue.record("the run in \(dir) wrote no temporary file within \(seconds) s")
    }

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGINT stops cleanly: exit 130, complete records written, the report says interrupted and balances")
    func interrupt() throws {
        let dir = CLI.temporaryDirectory()
        let input = try Self.bigInput(dir)
        let process = try start(["run", "pipelines/news.yaml", "--input", input, "--output", dir + "/out.jsonl", "--workers", "1"])
        try waitUntilWriting(dir)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out.report.json", encoding: .utf8))
        let lines = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(report["documents"]?["balanced"] == .bool(true))
        #expect(report["documents"]?["out"] == .number(JSONNumber(lines.count)))
        #expect(report["status"] == .string("interrupted"))
        #expect(lines.count < 400_000)
        for line in lines.suffix(3) { #expect((try? JSONParser.parse(String(line))) != nil) }
    }

    @Test("Ctrl-C at a terminal (SIGINT to the whole process group) with an exec stage, and SIGTERM, stop cleanly: exit 130, interrupted, balanced",
          arguments: [true, false])
    func interruptWithExec(terminalGroup: Bool) throws {
        let dir = CLI.temporaryDirectory()
        let input = try Self.bigInput(dir)
        let pipeline = dir + "/exec.yaml"
        try Data("stages:\n  - use: exec\n    command: [cat]\n  - use: export\n    path: \(dir)/out.jsonl\n".utf8)
            .write(to: URL(fileURLWithPath: pipeline))
        let process = try start(["run", pipeline, "--input", input, "--quiet"])
        // Foundation starts copydesk as the leader of its own process group, as a shell starts a
        // foreground job, so the group SIGINT reaches copydesk itself (the exec program leads a group of
        // its own). (Through /usr/bin/setsid, which forks when its caller leads a group, the signal went
        // to setsid instead and the test passed without interrupting anything.)
        try #require(getpgid(process.processIdentifier) == process.processIdentifier)
        // The signal reaches a run that is writing its outputs, with most of the 400,000 documents to go.
        try waitUntilWriting(dir)
        if terminalGroup { Glibc.kill(-process.processIdentifier, SIGINT) } else { Glibc.kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out.report.json", encoding: .utf8))
        let lines = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(report["status"] == .string("interrupted"))
        #expect(report["documents"]?["balanced"] == .bool(true))
        #expect(report["documents"]?["out"] == .number(JSONNumber(lines.count)))
        #expect(lines.count < 400_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test("SIGKILL leaves nothing half-written under the final names; the previous output stays")
    func kill() throws {
        let dir = CLI.temporaryDirectory()
        let input = try Self.bigInput(dir)
        try Data("previous run\n".utf8).write(to: URL(fileURLWithPath: dir + "/out.jsonl"))
        let process = try start(["run", "pipelines/news.yaml", "--input", input, "--output", dir + "/out.jsonl"])
        try waitUntilWriting(dir)
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8) == "previous run\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.report.json"))
    }

    @Test("re-running after a kill gives byte-identical output, whatever the number of workers")
    func rerunIdentical() throws {
        let dir = CLI.temporaryDirectory()
        let input = try Self.bigInput(dir, lines: 3000)
        var outputs: [Data] = []
        for workers in ["1", "2", "4"] {
            let result = try CLI.run(["run", "pipelines/news.yaml", "--input", input, "--output", dir + "/out.jsonl", "--workers", workers, "-q"])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/out.jsonl")))
        }
        #expect(outputs[0].count > 100_000)
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
    }

    @Test("a full disk ends the run with exit 74 and says so", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func diskFull() throws {
        let result = try CLI.run(["run", "pipelines/news.yaml", "--output", "/dev/full", "--report", CLI.temporaryDirectory() + "/r.json"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("No space left on device"))
        #expect(result.stderr.contains("free disk space"))
    }

    @Test(
        "a size-limited output (RLIMIT_FSIZE) ends the run with exit 74, a failed report naming it, and no half-written file",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "needs /usr/bin/prlimit"))
    func fileSizeLimit() throws {
        let dir = CLI.temporaryDirectory()
        let result = try CLI.run(
            ["run", "pipelines/news.yaml", "--output", dir + "/news.jsonl", "--report", dir + "/r.json", "--quiet"], fileSizeLimit: 12_000)
        #expect(result.status == 74, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("File too large"))
        #expect(result.stderr.contains("file-size limit"))
        // A failed run's report goes under its own name, so an earlier good report would stay beside its outputs.
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/r.failed.json", encoding: .utf8))
        #expect(report["status"] == .string("failed"))
        #expect(report["error"]?.stringValue?.contains("news.jsonl") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.failed.json"])
    }
}
