import CopydeskCore
import Foundation
import Testing

/// The seeds through pipelines/news.yaml against the expected output checked in under Expected/.
/// To regenerate deliberately: `COPYDESK_UPDATE_GOLDEN=1 swift test --filter GoldenTests`.
@Suite("golden end-to-end")
struct GoldenTests {
    static let expected = CLI.root + "/Tests/EndToEndTests/Expected"

    func check(_ actual: String, against name: String) throws {
        let path = Self.expected + "/" + name
        if ProcessInfo.processInfo.environment["COPYDESK_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "output differs from \(path); regenerate deliberately with COPYDESK_UPDATE_GOLDEN=1")
    }

    @Test("the seeds through pipelines/news.yaml give the expected records")
    func seeds() throws {
        let dir = CLI.temporaryDirectory()
        let result = try CLI.run(["run", "pipelines/news.yaml", "--output", dir + "/news.jsonl", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let output = try String(contentsOfFile: dir + "/news.jsonl", encoding: .utf8)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 5)
        for (line, id) in zip(lines, ["000_25294a5b17a435c4", "001_ff0d523c67cc992b", "002_e87e003ce796c16f", "003_5a179f3654ad3111", "004_9350e1d35c184a65"]) {
            let record = try JSONParser.parse(String(line))
            #expect(record["id"] == .string(id))
            #expect(record["source"]?["path"] == .string("seeds/\(id).txt"))
            #expect(record["title"]?.stringValue?.isEmpty == false)
            #expect(record["text"]?.stringValue?.contains("\n\n") == true)
        }
        try check(output, against: "news.jsonl")
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/news.report.json", encoding: .utf8))
        #expect(report["documents"]?["in"] == .number(5))
        #expect(report["documents"]?["out"] == .number(5))
        #expect(report["documents"]?["balanced"] == .bool(true))
    }

    @Test("the registry's contents are pinned: `copydesk stages` prints every stage, option, type and default")
    func registrySnapshot() throws {
        let result = try CLI.run(["stages"])
        #expect(result.status == 0)
        try check(result.stdout, against: "stages.txt")
    }

    @Test("output to stdout carries records only, and re-running gives byte-identical output")
    func stdoutAndDeterminism() throws {
        let first = try CLI.run(["run", "pipelines/news.yaml", "--output", "-", "--quiet"])
        let second = try CLI.run(["run", "pipelines/news.yaml", "--output", "-", "--quiet", "--workers", "1"])
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout == second.stdout)
        for line in first.stdout.split(separator: "\n") {
            #expect(line.hasPrefix("{\"id\":"))
        }
        #expect(first.stdout.split(separator: "\n").count == 5)
    }
}
