import CopydeskCore
import Foundation
import Glibc
import Testing

/// Outputs are what their names say, and a run commits all its outputs or none (docs/outputs.md).
@Suite("outputs: formats, all-or-nothing commit, leftovers")
struct OutputCommitTests {
    static let hasTools = ["/usr/bin/gzip", "/usr/bin/zstd"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func sha256(_ path: String) throws -> String {
        var hasher = SHA256()
        hasher.update(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        return hasher.hexDigest()
    }

    /// A pipeline with every kind of output: dedupe index, drops, rejects, report.
    func pipeline(in dir: String, input: String) throws -> String {
        let path = dir + "/p.yaml"
        try Data("""
            input:
              paths: [\(input)]
            stages:
              - use: normalise
              - use: dedupe
                index: \(dir)/out/news.index
                action: drop
              - use: export
                path: \(dir)/out/news.jsonl
            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func input(in dir: String, run: Int, lines: Int = 2000) throws -> String {
        var text = ""
        for i in 0..<lines {
            let base = i - (i % 4 == 3 ? 1 : 0)
            text += "{\"id\":\"d\(i)\",\"text\":\"Story \(base) of the day: the council voted on plan \(base * 7 % 13) and the market moved.\"}\n"
        }
        text += "{\"id\": broken\n{\"id\":\"run\(run)\",\"text\":\"Only in run \(run).\"}\n"
        let path = dir + "/in.jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func outputs(_ dir: String) -> [String] {
        ["news.jsonl", "news.index", "news.drops.jsonl", "news.rejects.jsonl", "news.report.json"].map { dir + "/out/" + $0 }
    }

    func state(_ dir: String) throws -> [String] { try outputs(dir).map(sha256) }

    @Test("the export format and compression follow the path's ending; gzip -dc, zstd -dc and copydesk read them back",
          .enabled(if: hasTools))
    func formatsByEnding() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["x.jsonl.gz", "x.jsonl.zst", "x.csv", "x.sqlite"] {
            let result = try CLI.run(["run", "pipelines/news.yaml", "--output", "\(dir)/\(name)", "-q"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let plain = try CLI.run(["run", "pipelines/news.yaml", "--output", "-", "-q"]).stdout
        for (name, tool) in [("x.jsonl.gz", "/usr/bin/gzip"), ("x.jsonl.zst", "/usr/bin/zstd")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-dc", "\(dir)/\(name)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(String(decoding: data, as: UTF8.self) == plain, "\(tool) -dc \(name)")
            // copydesk reads its own compressed output as input.
            let again = try CLI.run(["run", "pipelines/news.yaml", "--input", "\(dir)/\(name)", "--output", "-", "-q"])
            #expect(again.status == 0)
            #expect(again.stdout.split(separator: "\n").count == plain.split(separator: "\n").count)
        }
        #expect(try text(dir + "/x.csv").hasPrefix("id,source_path,"))
        let database = try Data(contentsOf: URL(fileURLWithPath: dir + "/x.sqlite"))
        #expect(database.starts(with: Array("SQLite format 3\0".utf8)))
        #expect(FileManager.default.fileExists(atPath: dir + "/x.report.json") && FileManager.default.fileExists(atPath: dir + "/x.csv.report.json") == false)
    }

    @Test("an ending that contradicts 'format:' is refused before any work, by run and by validate (exit 64)")
    func contradiction() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = dir + "/p.yaml"
        try Data("input:\n  paths: [\(CLI.root)/seeds]\nstages:\n  - use: export\n    path: \(dir)/out/x.csv\n    format: jsonl\n".utf8)
            .write(to: URL(fileURLWithPath: pipeline))
        for arguments in [["validate", pipeline], ["run", pipeline], ["run", pipeline, "--output", dir + "/out/y.sqlite"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("'format: jsonl' is set"))
            #expect(result.stderr.contains("p.yaml:6"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test("a .jsonl.gz output past the file-size limit: exit 74, no half file, the failed report under its own name",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func compressedFullDisk() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try CrashSafetyTests.bigInput(dir, lines: 100_000)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        let result = try CLI.run(
            ["run", "pipelines/news.yaml", "--input", input, "--output", dir + "/out/news.jsonl.gz", "--report", dir + "/out/r.json", "-q"],
            fileSizeLimit: 200_000)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("File too large"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["r.failed.json"])
    }

    @Test("SIGKILL inside the commit: after recovery every output is the previous run's; a finished run's report names its outputs' SHA-256")
    func killDuringCommit() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir, input: try input(in: dir, run: 0))
        let first = try CLI.run(["run", pipeline, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONParser.parse(try text(dir + "/out/news.report.json"))
        for path in outputs(dir).dropLast() {
            #expect(report["output_sha256"]?[path]?.stringValue == (try sha256(path)), "\(path)")
        }
        #expect(try text(dir + "/out/news.drops.jsonl").isEmpty == false)
        #expect(try text(dir + "/out/news.rejects.jsonl").isEmpty == false)
        let before = try state(dir)

        _ = try input(in: dir, run: 1)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", pipeline, "-q"]
        process.environment = ["COPYDESK_TEST_COMMIT_PAUSE_MS": "400"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let journal = dir + "/out/news.report.json.commit"
        var waited = 0
        while !FileManager.default.fileExists(atPath: journal), waited < 3000 {
            usleep(5000)
            waited += 1
        }
        usleep(900_000)  // past the export's and the index's renames, before the report's
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: journal))
        #expect(try state(dir) != before, "the kill landed after some renames")
        let recovered = try CLI.run(["recover", pipeline])
        #expect(recovered.status == 0)
        #expect(recovered.stdout.contains("rolled back the unfinished commit of pid \(process.processIdentifier)"))
        #expect(try state(dir) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".") || $0.hasSuffix(".commit") }
        #expect(left.isEmpty, "\(left)")

        let next = try CLI.run(["run", pipeline, "-q"])
        #expect(next.status == 0)
        #expect(try text(dir + "/out/news.jsonl").contains("\"run1\""))
    }

    @Test("a run removes the temporary files a killed run left beside its outputs, and keeps a live run's")
    func staleTemporariesRemoved() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir, input: try input(in: dir, run: 0))
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = gone.processIdentifier
        let leftovers = [".news.jsonl.tmp-\(dead)-99", ".news.index.tmp-\(dead)-99", ".news.drops.jsonl.tmp-\(dead)-99", ".news.jsonl.prev-\(dead)-99"]
        for name in leftovers { try Data(repeating: 0x41, count: 1000).write(to: URL(fileURLWithPath: dir + "/out/" + name)) }
        let live = ".news.jsonl.tmp-1-0"  // pid 1 runs: its start time is not known here, so it counts as running
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/out/" + live))
        let result = try CLI.run(["run", pipeline, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".") }
        #expect(hidden == [live])
    }

    @Test("a failed run keeps the previous report beside the previous outputs and writes its own as .report.failed.json")
    func failedRunKeepsReport() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir, input: try input(in: dir, run: 0))
        #expect(try CLI.run(["run", pipeline, "-q"]).status == 0)
        let before = try state(dir)
        // The index is damaged: the next run must fail (exit 65) without touching anything.
        let index = dir + "/out/news.index"
        let good = try Data(contentsOf: URL(fileURLWithPath: index))
        try Data(good.prefix(40)).write(to: URL(fileURLWithPath: index))
        let damaged = try state(dir)
        #expect(damaged != before)
        let failed = try CLI.run(["run", pipeline, "-q"])
        #expect(failed.status != 0)
        #expect(try state(dir) == damaged)
        let failedReport = try JSONParser.parse(try text(dir + "/out/news.report.failed.json"))
        #expect(failedReport["status"] == .string("failed"))
        #expect(try JSONParser.parse(try text(dir + "/out/news.report.json"))["status"] == .string("ok"))
        // Once the index is good again, a successful run removes the failed report.
        try good.write(to: URL(fileURLWithPath: index))
        #expect(try CLI.run(["run", pipeline, "-q"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/news.report.failed.json"))
    }

    /// Runs copydesk with its standard output on `path`, opened as the shell opens `> path` (or `>> path`
    /// with `append`), and returns the exit status.
    func runWithStdout(on path: String, append: Bool, _ arguments: [String], in directory: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
        #expect(fd >= 0)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("records to /dev/stdout when the shell sent stdout to a file (> and >>): they land in that file and /dev/stdout stays a link")
    func stdoutRedirectedToFile() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Renaming a finished file over /dev/stdout would replace the link for every later process: put it
        // back if this test finds it broken, so one failure does not spread to the rest of the run.
        func devStdoutIsLink() -> Bool { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout")) != nil }
        let linkBefore = devStdoutIsLink()
        let devBefore = try FileManager.default.contentsOfDirectory(atPath: "/dev").sorted()
        defer {
            if linkBefore && !devStdoutIsLink() {
                try? FileManager.default.removeItem(atPath: "/dev/stdout")
                try? FileManager.default.createSymbolicLink(atPath: "/dev/stdout", withDestinationPath: "/proc/self/fd/1")
            }
            let strays = (try? FileManager.default.contentsOfDirectory(atPath: "/dev"))?.filter { $0.hasPrefix("stdout.") && !devBefore.contains($0) }
            for name in strays ?? [] { try? FileManager.default.removeItem(atPath: "/dev/" + name) }
        }
        // 40 stories, a broken line (rejected) and one more story: 41 records.
        let input = try input(in: dir, run: 0, lines: 40)
        let out = dir + "/out.jsonl"
        for target in ["/dev/stdout", "/proc/self/fd/1", "-"] {
            let status = try runWithStdout(
                on: out, append: false, ["run", CLI.root + "/pipelines/news.yaml", "--input", input, "--output", target, "-q"], in: dir)
            #expect(status == 0)
            #expect(try text(out).split(separator: "\n").count == 41, "\(target): every record in the file the shell opened")
            #expect(devStdoutIsLink() == linkBefore, "\(target): /dev/stdout is still a link")
            #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").sorted() == devBefore, "\(target): nothing written into /dev")
        }
        // `>>` appends: what the file held stays, the records follow it.
        try Data("kept line\n".utf8).write(to: URL(fileURLWithPath: out))
        let status = try runWithStdout(
            on: out, append: true, ["run", CLI.root + "/pipelines/news.yaml", "--input", input, "--output", "/dev/stdout", "-q"], in: dir)
        #expect(status == 0)
        let lines = try text(out).split(separator: "\n")
        #expect(lines.first == "kept line" && lines.count == 42)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["in.jsonl", "out.jsonl"], "no report beside a stream")
    }

    @Test("records to /dev/stdout: no report, drops or rejects next to the device; with --report they go beside it")
    func deviceOutput() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try input(in: dir, run: 0)
        let devBefore = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains(".jsonl") || $0.contains(".json") }
        let plain = try CLI.run(["run", CLI.root + "/pipelines/news.yaml", "--input", input, "--output", "/dev/stdout", "-q"], in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.split(separator: "\n").count > 100)
        #expect(plain.stderr.contains("rejected"), "rejects go to stderr as warnings")
        let devAfter = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains(".jsonl") || $0.contains(".json") }
        #expect(devAfter == devBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["in.jsonl"])
        let reported = try CLI.run(
            ["run", CLI.root + "/pipelines/news.yaml", "--input", input, "--output", "/dev/stdout", "--report", dir + "/side/r.json", "-q"], in: dir)
        #expect(reported.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/side").sorted() == ["r.drops.jsonl", "r.json", "r.rejects.jsonl"])
    }

    @Test("deleting the index's lock file during a run: the run fails instead of committing an index another run may have used")
    func lockFileDeleted() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pipeline = try pipeline(in: dir, input: try input(in: dir, run: 0))
        #expect(try CLI.run(["run", pipeline, "-q"]).status == 0)
        let before = try state(dir)
        _ = try input(in: dir, run: 1)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", pipeline, "-q"]
        process.environment = ["COPYDESK_TEST_COMMIT_PAUSE_MS": "1500"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        var waited = 0
        while !FileManager.default.fileExists(atPath: dir + "/out/news.report.json.commit"), waited < 3000 {
            usleep(5000)
            waited += 1
        }
        // A second run can now lock a new file of the same name: the first must not commit its index.
        unlink(dir + "/out/news.index.lock")
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
        #expect(message.contains("lock file") && message.contains("removed or replaced during this run"))
        #expect(try state(dir) == before)
    }
}
