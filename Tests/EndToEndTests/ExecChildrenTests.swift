import CopydeskCore
import CopydeskTesting
import Foundation
import Glibc
import Testing

/// The exec stage run through the `copydesk` binary: crashing programs, restart limits, Ctrl-C with a
/// hung program, and programs outliving copydesk.
@Suite("exec children end to end")
struct ExecChildrenTests {
    /// A directory with `count` JSONL documents (`d0`…) in `in.jsonl` and a pipeline running `command` (a
    /// YAML flow list) with `options` before an export to `out.jsonl`.
    func setUp(command: String, options: String = "", count: Int = 6, onBadRecord: String = "skip") throws -> String {
        let dir = CLI.temporaryDirectory()
        var input = ""
        for i in 0..<count { input += "{\"id\":\"d\(i)\",\"text\":\"Text of document \(i).\"}\n" }
        try Data(input.utf8).write(to: URL(fileURLWithPath: dir + "/in.jsonl"))
        let pipeline = """
            input:
              paths: [\(dir)/in.jsonl]
            run:
              on_bad_record: \(onBadRecord)
            stages:
              - use: exec
                command: \(command)
            \(options.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
              - use: export
                path: \(dir)/out.jsonl

            """
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: dir + "/exec.yaml"))
        return dir
    }

    func start(_ dir: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", dir + "/exec.yaml", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func lines(_ path: String) throws -> [JSONValue] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    func execStage(_ report: JSONValue) -> JSONValue? {
        guard case .array(let stages)? = report["stages"] else { return nil }
        return stages.first { $0["id"] == .string("exec") }
    }

    /// Waits up to `seconds` for `path` to hold a line; its first line.
    func firstLine(of path: String, within seconds: Double = 10) -> String? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        repeat {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") {
                return text.split(separator: "\n").first.map(String.init)
            }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }


    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("on_error: reject — a Python program crashing on one document: it is in the rejects output with the traceback's last line, the run completes and the report counts the restart",
          .enabled(if: python != nil))
    func crashRejectedThroughCLI() throws {
        let dir = try setUp(command: "[\(Self.python!), -u, stage.py]", options: "on_error: reject\nmax_restarts: 2")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("""
            import json, sys
            for line in sys.stdin:
                record = json.loads(line)
                if record["id"] == "d3":
                    raise ValueError("cannot handle " + record["id"])
                record["text"] = record["text"].upper()
                print(json.dumps(record), flush=True)

            """.utf8).write(to: URL(fileURLWithPath: dir + "/stage.py"))
        let result = try CLI.run(["run", dir + "/exec.yaml", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = try lines(dir + "/out.jsonl")
        #expect(out.map { $0["id"]?.stringValue ?? "" } == ["d0", "d1", "d2", "d4", "d5"])
        #expect(out.first?["text"] == .string("TEXT OF DOCUMENT 0."))
        let rejects = try lines(dir + "/out.rejects.jsonl")
        try #require(rejects.count == 1)
        let reason = rejects[0]["rejected"]?["reason"]?.stringValue ?? ""
        #expect(rejects[0]["id"] == .string("d3"))
        #expect(reason.contains("exited with status 1"))
        #expect(reason.contains("ValueError: cannot handle d3"))
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out.report.json", encoding: .utf8))
        #expect(report["documents"]?["balanced"] == .bool(true))
        #expect(execStage(report)?["rejected"] == .number(1))
        #expect(execStage(report)?["counters"]?["restarts"] == .number(1))
        #expect(execStage(report)?["counters"]?["rejected_crashed"] == .number(1))
    }

    @Test("a program crashing on every document stops at max_restarts: exit 74, the failed report counts the rejections and restarts, the error names the document")
    func restartLimitThroughCLI() throws {
        let dir = try setUp(command: #"[sh, -c, 'IFS= read -r line; echo "no luck" >&2; kill -KILL $$']"#, options: "on_error: reject\nmax_restarts: 2")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["run", dir + "/exec.yaml"], in: dir)
        #expect(result.status == 74)
        #expect(result.stderr.contains("max_restarts: 2"))
        #expect(result.stderr.contains("document 'd2'"))
        #expect(result.stderr.contains("no luck"))
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out.report.failed.json", encoding: .utf8))
        #expect(report["status"] == .string("failed"))
        #expect(execStage(report)?["rejected"] == .number(2))
        #expect(execStage(report)?["counters"]?["restarts"] == .number(2))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.jsonl"))
    }

    @Test(
        "Ctrl-C with a hung program exits 130 at once, with the answered documents written and the others rejected as interrupted (also when bad records fail the run)",
        arguments: ["skip", "fail"])
    func interruptHungProgram(onBadRecord: String) throws {
        let dir = try setUp(
            command: #"[sh, -c, 'head -n 2; echo hung > "$0"; exec sleep 300', hung.flag]"#, options: "timeout_seconds: 60",
            onBadRecord: onBadRecord)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try start(dir)
        try #require(firstLine(of: dir + "/hung.flag") == "hung")
        usleep(300_000)
        let clock = ContinuousClock()
        let interrupted = clock.now
        process.interrupt()
        process.waitUntilExit()
        #expect(clock.now - interrupted < .seconds(5))
        #expect(process.terminationStatus == 130)
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out.report.json", encoding: .utf8))
        #expect(report["status"] == .string("interrupted"))
        #expect(report["documents"]?["balanced"] == .bool(true))
        #expect(try lines(dir + "/out.jsonl").map { $0["id"]?.stringValue ?? "" } == ["d0", "d1"])
        let rejects = try lines(dir + "/out.rejects.jsonl")
        #expect(rejects.map { $0["id"]?.stringValue ?? "" } == ["d2", "d3", "d4", "d5"])
        #expect(rejects.allSatisfy { $0["rejected"]?["reason"]?.stringValue?.contains("interrupted") == true })
    }

    @Test("when copydesk is killed with SIGKILL, its exec program dies with it (PR_SET_PDEATHSIG)")
    func programDiesWithCopydesk() throws {
        let dir = try setUp(command: #"[sh, -c, 'echo $$ > "$0"; exec sleep 300', program.pid]"#, options: "timeout_seconds: 60")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try start(dir)
        let pid = try #require(firstLine(of: dir + "/program.pid").flatMap { Int32($0) })
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let alive = !processIsGone(pid)
        if alive { Glibc.kill(pid, SIGKILL) }
        #expect(!alive, "the program \(pid) outlived copydesk")
    }
}
