import CopydeskCore
import Foundation
import Testing

/// Each bad input of the foundation issue ends in a clear message (file, line or record, reason) and a
/// non-zero exit, or in a rejects record: never a crash, never a silent loss.
@Suite("bad input through the command line")
struct BadInputTests {
    func pipeline(_ dir: String, input: String, extra: String = "") -> String {
        let path = dir + "/p.yaml"
        try! Data("input:\n  paths: [\(input)]\n\(extra)stages:\n  - use: normalise\n  - use: export\n    path: \(dir)/out/o.jsonl\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("outputs that would destroy something are refused before any work (exit 64): no export, a shared path, the input itself, an empty path, a directory")
    func dangerousOutputs() throws {
        let dir = CLI.temporaryDirectory()
        let input = dir + "/in.jsonl"
        try Data("{\"id\":\"a\",\"text\":\"Some text.\"}\n".utf8).write(to: URL(fileURLWithPath: input))
        func write(_ name: String, _ yaml: String) throws -> String {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
            return dir + "/" + name
        }
        let noExport = try write("none.yaml", "input:\n  paths: [\(input)]\nstages:\n  - use: normalise\n")
        var result = try CLI.run(["run", noExport])
        #expect(result.status == 64 && result.stderr.contains("no stage writes the documents anywhere"), "\(result.stderr)")
        result = try CLI.run(["validate", noExport])
        #expect(result.status == 64 && result.stderr.contains("add '- use: export'"))

        let two = try write("two.yaml", "input:\n  paths: [\(input)]\nstages:\n  - use: export\n    path: \(dir)/o.jsonl\n  - use: export\n    path: \(dir)/o.jsonl\n")
        result = try CLI.run(["run", two])
        #expect(result.status == 64 && result.stderr.contains("would both write"), "\(result.stderr)")

        result = try CLI.run(["run", "pipelines/news.yaml", "--input", input, "--output", dir + "/same.jsonl", "--report", dir + "/same.jsonl"])
        #expect(result.status == 64 && result.stderr.contains("would both write"), "\(result.stderr)")

        // `-` and /dev/stdout are one descriptor: two outputs there would interleave.
        let twoStdout = try write(
            "stdout.yaml", "input:\n  paths: [\(input)]\nstages:\n  - use: export\n    path: '-'\n  - use: export\n    path: /dev/stdout\n")
        result = try CLI.run(["run", twoStdout])
        #expect(result.status == 64 && result.stderr.contains("both write to stdout"), "\(result.stderr)")

        result = try CLI.run(["run", "pipelines/news.yaml", "--input", input, "--output", input])
        #expect(result.status == 64 && result.stderr.contains("also an input"), "\(result.stderr)")
        #expect(try String(contentsOfFile: input, encoding: .utf8).contains("Some text."))

        let empty = try write("empty.yaml", "input:\n  paths: [\(input)]\nstages:\n  - use: export\n    path: \"\"\n")
        result = try CLI.run(["run", empty, "--report", dir + "/r.json"])
        #expect(result.status == 64 && result.stderr.contains("empty path"), "\(result.stderr)")

        result = try CLI.run(["run", "pipelines/news.yaml", "--input", input, "--output", dir])
        #expect(result.status == 64 && result.stderr.contains("existing directory"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["empty.yaml", "in.jsonl", "none.yaml", "stdout.yaml", "two.yaml"])
    }

    @Test("a missing input path exits 66 naming the path")
    func missingInput() throws {
        let result = try CLI.run(["run", "pipelines/news.yaml", "--input", "/no/such/dir"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/no/such/dir"))
    }

    @Test("an empty directory exits 66 saying nothing was found")
    func emptyDirectory() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let result = try CLI.run(["run", "pipelines/news.yaml", "--input", dir + "/empty", "--output", dir + "/o.jsonl"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no input documents in directory"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/o.jsonl"))
    }

    @Test("a directory with unreadable files: each is a rejection or a skipped entry named in the report, the rest is written",
          .enabled(if: geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs setpriv to drop root"))
    func unreadableFiles() throws {
        let dir = CLI.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/in/locked", withIntermediateDirectories: true)
        try Data("Title A\nBody A".utf8).write(to: URL(fileURLWithPath: dir + "/in/a.txt"))
        try Data("Title B\nBody B".utf8).write(to: URL(fileURLWithPath: dir + "/in/b.txt"))
        try Data("Title C\nBody C".utf8).write(to: URL(fileURLWithPath: dir + "/in/locked/c.txt"))
        try fm.createSymbolicLink(atPath: dir + "/in/d.txt", withDestinationPath: dir + "/nowhere.txt")
        let yaml = pipeline(dir, input: dir + "/in")
        chmod(dir + "/in/b.txt", 0)
        chmod(dir + "/in/locked", 0)
        for path in [dir, dir + "/in", dir + "/in/a.txt", yaml] { chmod(path, path.hasSuffix(".txt") || path.hasSuffix(".yaml") ? 0o644 : 0o777) }
        defer { chmod(dir + "/in/locked", 0o755) }
        let result = try CLI.run(["run", yaml], unprivileged: true)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try String(contentsOfFile: dir + "/out/o.jsonl", encoding: .utf8)
        #expect(output.contains("\"id\":\"a\"") && !output.contains("\"id\":\"b\""))
        let rejects = try String(contentsOfFile: dir + "/out/o.rejects.jsonl", encoding: .utf8)
        #expect(rejects.contains("in/b.txt") && rejects.contains("Permission denied"))
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out/o.report.json", encoding: .utf8))
        #expect(report["documents"]?["balanced"] == .bool(true))
        #expect(report["documents"]?["rejected"] == .number(1))
        let skipped = "\(report["input"]?["skipped_files"] ?? .null)"
        #expect(skipped.contains("locked") && skipped.contains("cannot be read"))
        #expect(skipped.contains("d.txt") && skipped.contains("broken symbolic link"))
    }

    @Test("a binary file among text files becomes a rejects record; the others are written")
    func binaryAmongText() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        try Data("Title A\nBody A".utf8).write(to: URL(fileURLWithPath: dir + "/in/a.txt"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]).write(to: URL(fileURLWithPath: dir + "/in/b.txt"))
        try Data("Title C\nBody C".utf8).write(to: URL(fileURLWithPath: dir + "/in/c.txt"))
        let result = try CLI.run(["run", pipeline(dir, input: dir + "/in")])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try String(contentsOfFile: dir + "/out/o.jsonl", encoding: .utf8).split(separator: "\n").count == 2)
        let rejects = try String(contentsOfFile: dir + "/out/o.rejects.jsonl", encoding: .utf8)
        #expect(rejects.contains("b.txt") && rejects.contains("binary"))
        #expect(result.stderr.contains("3 in = 2 out + 0 dropped + 1 rejected"))
    }

    @Test("invalid UTF-8 is repaired by default and rejected when the pipeline says so")
    func invalidUTF8() throws {
        let dir = CLI.temporaryDirectory()
        try Data(Array("T\nna".utf8) + [0xFF] + Array("ve".utf8)).write(to: URL(fileURLWithPath: dir + "/x.txt"))
        let repaired = try CLI.run(["run", pipeline(dir, input: dir + "/x.txt")])
        #expect(repaired.status == 0)
        #expect(try String(contentsOfFile: dir + "/out/o.jsonl", encoding: .utf8).contains("na\u{FFFD}ve"))
        #expect(repaired.stderr.contains("invalid UTF-8 repaired in 1 document"))
        let strict = try CLI.run(["run", pipeline(dir, input: dir + "/x.txt", extra: "  invalid_utf8: reject\n"), "--on-bad-record", "fail"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("x.txt") && strict.stderr.contains("invalid UTF-8 at byte offset 4"))
    }

    @Test("JSONL lines that are not JSON or have no text become rejects records naming the line")
    func badJSONL() throws {
        let dir = CLI.temporaryDirectory()
        try Data("{\"id\":\"a\",\"text\":\"fine\"}\n{oops\n{\"id\":\"c\"}\n".utf8).write(to: URL(fileURLWithPath: dir + "/d.jsonl"))
        let result = try CLI.run(["run", pipeline(dir, input: dir + "/d.jsonl")])
        #expect(result.status == 0)
        let rejects = try String(contentsOfFile: dir + "/out/o.rejects.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(rejects.count == 2)
        #expect(rejects[0].contains("\"line\":2") && rejects[0].contains("not valid JSON"))
        #expect(rejects[1].contains("\"line\":3") && rejects[1].contains("no text"))
        // An empty id is no id: the record gets the stable id of its file and line.
        try Data("{\"id\":\"\",\"text\":\"fine\"}\n".utf8).write(to: URL(fileURLWithPath: dir + "/e.jsonl"))
        let empty = try CLI.run(["run", pipeline(dir, input: dir + "/e.jsonl")])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(try String(contentsOfFile: dir + "/out/o.jsonl", encoding: .utf8).contains("\"text\":\"fine\""))
    }

    @Test("a document over the size limit becomes a rejects record with the limit named")
    func sizeLimit() throws {
        let dir = CLI.temporaryDirectory()
        try Data(("{\"id\":\"big\",\"text\":\"" + String(repeating: "a", count: 5000) + "\"}\n").utf8).write(to: URL(fileURLWithPath: dir + "/d.jsonl"))
        let result = try CLI.run(["run", pipeline(dir, input: dir + "/d.jsonl", extra: "  max_document_bytes: 1000\n")])
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: dir + "/out/o.rejects.jsonl", encoding: .utf8).contains("over input.max_document_bytes (1000)"))
    }

    @Test("pipeline-file errors exit 64 with file:line:column and the nearest valid name")
    func pipelineErrors() throws {
        let dir = CLI.temporaryDirectory()
        let cases: [(String, String)] = [
            ("stages:\n  - use: normalise\n   x: [\n", "YAML syntax error"),
            ("stages:\n  - use: normalize\n", "did you mean 'normalise'?"),
            ("stages:\n  - use: normalise\n    unicod: nfc\n", "did you mean 'unicode'?"),
            ("stages:\n  - use: normalise\n    unicode: 7\n", "must be one of"),
            ("stages:\n  - use: normalise\n    whitespace: maybe\n", "must be true or false"),
        ]
        for (yaml, message) in cases {
            let path = dir + "/bad.yaml"
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
            for command in ["validate", "run"] {
                let result = try CLI.run([command, path])
                #expect(result.status == 64, "\(command) \(yaml)")
                #expect(result.stderr.contains(path + ":"), "\(result.stderr)")
                #expect(result.stderr.contains(message), "\(result.stderr)")
            }
        }
        let ok = try CLI.run(["validate", "pipelines/news.yaml"])
        #expect(ok.status == 0 && ok.stdout.contains("ok"))
    }

    @Test("an output directory that cannot be written exits 74 and names it")
    func unwritableOutput() throws {
        let dir = CLI.temporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let result = try CLI.run(["run", "pipelines/news.yaml", "--output", dir + "/file/sub/news.jsonl"])
        #expect(result.status == 74)
        #expect(result.stderr.contains(dir + "/file"))
    }

    @Test("JSONL on stdin with '-' works as an input, and --help shows examples")
    func stdinAndHelp() throws {
        let result = try CLI.run(["run", "pipelines/news.yaml", "--input", "-", "--output", "-", "--quiet"],
                                 stdin: "{\"id\":\"s1\",\"title\":\"T\",\"text\":\"Hello\\u00a0world\"}\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\"id\":\"s1\""))
        #expect(result.stdout.contains("\"text\":\"Hello world\""))
        let help = try CLI.run(["run", "--help"])
        #expect(help.stdout.contains("copydesk run pipelines/news.yaml"))
        let version = try CLI.run(["--version"])
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == CopydeskVersion.current)
    }
}
