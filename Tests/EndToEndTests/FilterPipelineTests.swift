import CopydeskCore
import Foundation
import Testing

/// The filter in whole runs of the `copydesk` binary: every input document is accounted for, and the
/// drops output carries the filter's reasons.
@Suite("filter pipelines")
struct FilterPipelineTests {
    static let reuters = CLI.root + "/../shared/data/reuters21578/docs.jsonl"

    struct Outcome {
        var report: JSONValue
        var out: [JSONValue]
        var drops: [JSONValue]
        var rejects: [JSONValue]
    }

    func run(_ arguments: [String], output: String) throws -> Outcome {
        let result = try CLI.run(arguments + ["--output", output, "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let base = String(output.dropLast(".jsonl".count))
        func records(_ path: String) throws -> [JSONValue] {
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        }
        return Outcome(
            report: try JSONParser.parse(String(contentsOfFile: base + ".report.json", encoding: .utf8)),
            out: try records(output), drops: try records(base + ".drops.jsonl"), rejects: try records(base + ".rejects.jsonl"))
    }

    func expectBalanced(_ o: Outcome, inputs: Int) {
        let documents = o.report["documents"]
        #expect(documents?["in"] == .number(JSONNumber(inputs)))
        #expect(documents?["balanced"] == .bool(true))
        #expect(documents?["out"] == .number(JSONNumber(o.out.count)))
        #expect(documents?["dropped"] == .number(JSONNumber(o.drops.count)))
        #expect(documents?["rejected"] == .number(JSONNumber(o.rejects.count)))
        #expect(o.out.count + o.drops.count + o.rejects.count == inputs)
    }

    @Test("pipelines/filter-news.yaml keeps prose and drops short items, tables, corrections and templates with their reasons")
    func filterNews() throws {
        let dir = CLI.temporaryDirectory()
        let story = (1...6).map { "Paragraph \($0) of the story: the council voted on Tuesday to approve the budget for schools, roads and the new library, officials said." }
            .joined(separator: "\n\n")
        let table = (1...30).map { "STOCK\($0) 1,2\($0).50 +0.\($0) 3,4\($0)5,000" }.joined(separator: "\n")
        let template = (1...10).map { _ in "Markets closed higher on the day as investors weighed the outlook." }.joined(separator: "\n\n") + "\n\n" + story
        func line(_ id: String, _ title: String, _ text: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "title": title, "text": text]), as: UTF8.self)
        }
        let lines = [
            try line("story", "Council approves budget", story),
            try line("short", "Brief", "Only a few words here."),
            try line("table", "Stock prices", table),
            try line("correction", "CORRECTION: council budget", story),
            try line("template", "Newsletter", template),
            "{not json",
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in.jsonl"))
        let o = try run(["run", "pipelines/filter-news.yaml", "--input", dir + "/in.jsonl"], output: dir + "/out.jsonl")
        expectBalanced(o, inputs: 6)
        #expect(o.out.map { $0["id"]?.stringValue } == ["story"])
        #expect(o.rejects.count == 1)
        let reasons = Dictionary(uniqueKeysWithValues: o.drops.map { ($0["id"]?.stringValue ?? "?", $0["dropped"]?["reason"]?.stringValue ?? "") })
        #expect(o.drops.allSatisfy { $0["dropped"]?["stage"] == .string("filter") })
        #expect(reasons["short"]?.contains("words, fewer than 80") == true)
        #expect(reasons["table"] == "mostly figures (a table or list)")
        #expect(reasons["correction"] == "a correction or advisory, not a story")
        #expect(reasons["template"]?.hasPrefix("share of repeated lines") == true)
    }

    @Test("pipelines/english-news.yaml keeps English stories of 80 words or more; German and short stories are dropped with their reasons")
    func englishNews() throws {
        let dir = CLI.temporaryDirectory()
        let english = (1...5).map { "In paragraph \($0), the council voted on Tuesday to approve the budget for schools, roads and the new library, officials said after a long meeting." }
            .joined(separator: "\n\n")
        let german = (1...5).map { "Im Absatz \($0) hat der Stadtrat am Dienstag den Haushalt für Schulen, Straßen und die neue Bibliothek beschlossen, teilten die Behörden nach einer langen Sitzung mit." }
            .joined(separator: "\n\n")
        func line(_ id: String, _ text: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "title": "Council budget", "text": text]), as: UTF8.self)
        }
        let lines = [try line("en", english), try line("de", german), try line("short", "The council met on Tuesday and approved the budget, officials said.")]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in.jsonl"))
        let o = try run(["run", "pipelines/english-news.yaml", "--input", dir + "/in.jsonl"], output: dir + "/out.jsonl")
        expectBalanced(o, inputs: 3)
        #expect(o.out.map { $0["id"]?.stringValue } == ["en"])
        #expect(o.out.first?["language"] == .string("en"))
        let reasons = Dictionary(uniqueKeysWithValues: o.drops.map { ($0["id"]?.stringValue ?? "?", $0["dropped"]?["reason"]?.stringValue ?? "") })
        #expect(reasons["de"] == "language de not in [en]")
        #expect(reasons["short"]?.contains("words, fewer than 80") == true)
    }

    @Test(
        "a five-condition filter over the Reuters JSONL: in = out + dropped + rejected, every drop with the filter's reason",
        .enabled(if: FileManager.default.fileExists(atPath: reuters), "needs ../shared/data/reuters21578/docs.jsonl"))
    func reutersAccounting() throws {
        let dir = CLI.temporaryDirectory()
        let pipeline = dir + "/reuters.yaml"
        try Data("""
            input:
              paths: [\(Self.reuters)]
            stages:
              - use: filter
                min_words: 50
                max_words: 2000
                conditions:
                  - max_digit_share: 0.2
                  - min_letter_share: 0.6
                  - field: title
                    exclude: '(?i)\\b(correction|corrected)\\b'
              - use: export
                path: \(dir)/out.jsonl
            """.utf8).write(to: URL(fileURLWithPath: pipeline))
        let inputs = try String(contentsOfFile: Self.reuters, encoding: .utf8).split(separator: "\n").count
        let o = try run(["run", pipeline], output: dir + "/out.jsonl")
        expectBalanced(o, inputs: inputs)
        #expect(o.out.count > inputs / 4, "most Reuters stories are prose of 50+ words")
        #expect(o.drops.count > 1000)
        #expect(o.drops.allSatisfy { $0["dropped"]?["stage"] == .string("filter") && !($0["dropped"]?["reason"]?.stringValue ?? "").isEmpty })
        let reasons = o.drops.compactMap { $0["dropped"]?["reason"]?.stringValue }
        #expect(reasons.contains { $0.contains("words, fewer than 50") })
        #expect(reasons.contains { $0.hasPrefix("digit share") })
    }
}
