import CopydeskCore
import CopydeskTesting
import Export
import Foundation
import Testing

@Suite("export")
struct ExportStageTests {
    func temporaryDirectory() -> String {
        TestDirectory.make("export")
    }

    func documents() -> [Document] {
        var a = makeDocument("a", text: "First \"quoted\" paragraph.\n\nSecond, with a comma.", title: "Title A", path: "in/a.txt")
        a.links = ["https://twitter.com/x/status/1"]
        a.entities = [Entity(type: "PERSON", name: "Jackie Walker", mentions: [Mention(text: "Walker", start: 0, end: 6)])]
        a.duplicate = DuplicateInfo(cluster: "a", canonical: "a", similarity: 1.0)
        return [a, makeDocument("b", text: "Only text")]
    }

    @Test("writes one JSONL record per document, in order, exactly the design's record")
    func jsonl() throws {
        let dir = temporaryDirectory()
        let path = dir + "/out/x.jsonl"
        let (output, report) = try runInMemory(
            [.corpus(ExportStage(path: path))], descriptors: [ExportStage.descriptor], documents: documents())
        #expect(output.map(\.id) == ["a", "b"])
        #expect(report.balanced)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0] == #"{"id":"a","source":{"path":"in/a.txt"},"url":null,"title":"Title A","published":null,"author":null,"site":null,"language":null,"text":"First \"quoted\" paragraph.\n\nSecond, with a comma.","links":["https://twitter.com/x/status/1"],"entities":[{"type":"PERSON","name":"Jackie Walker","mentions":[{"text":"Walker","start":0,"end":6}]}],"duplicate":{"cluster":"a","canonical":"a","relation":null,"similarity":1.0,"containment":null}}"#)
        #expect(lines[1] == #"{"id":"b","source":{"path":"memory/b"},"url":null,"title":null,"published":null,"author":null,"site":null,"language":null,"text":"Only text","links":[],"entities":null,"duplicate":null}"#)
    }

    @Test("writes CSV with a header and RFC 4180 quoting")
    func csv() throws {
        let dir = temporaryDirectory()
        let path = dir + "/x.csv"
        _ = try runInMemory([.corpus(ExportStage(path: path, format: .csv))], descriptors: [ExportStage.descriptor], documents: documents())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows[0].hasPrefix("id,source_path,source_line,url,title"))
        #expect(rows[1].contains(#""First ""quoted"" paragraph."#))
        #expect(rows[1].contains("PERSON:Jackie Walker"))
        #expect(rows[2].hasPrefix("b,memory/b,"))
    }

    @Test("a failed run leaves no half-written file under the final name and keeps the previous one")
    func failedRunKeepsPrevious() throws {
        let dir = temporaryDirectory()
        let path = dir + "/x.jsonl"
        try Data("previous run\n".utf8).write(to: URL(fileURLWithPath: path))
        let stage = ExportStage(path: path)
        try stage.start()
        var sink = Discard()
        try stage.consume(documents()[0], prepared: nil, into: &sink)
        stage.abort()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous run\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.jsonl"])
    }

    @Test("the descriptor requires a path, marks it as the output path, and takes the format from the path's ending")
    func descriptor() throws {
        #expect(throws: ConfigError.self) { try ExportStage.descriptor.defaultOptions() }
        let options = try ExportStage.descriptor.defaultOptions(overriding: ["path": .string("o.jsonl")])
        #expect(options.optionalString("format") == nil)
        for (path, format) in [("o.jsonl", ExportStage.Format.jsonl), ("o.csv.gz", .csv), ("o.db", .sqlite), ("o.txt", .jsonl)] {
            let given = try ExportStage.descriptor.defaultOptions(overriding: ["path": .string(path)])
            guard case .corpus(let stage) = try ExportStage.descriptor.make(given, StageContext()) else {
                Issue.record("export is a corpus-wide stage")
                continue
            }
            #expect((stage as? ExportStage)?.format == format, "\(path)")
        }
        #expect(ExportStage.descriptor.options.first { $0.role == .outputPath }?.name == "path")
    }
}

struct Discard: CorpusOutput {
    mutating func emit(_ document: Document) {}
    mutating func drop(_ document: Document, reason: String) {}
}

/// An export is what its name says: the path's ending decides format and compression unless
/// `format:` says otherwise, and a contradiction is refused.
@Suite("export format from the path")
struct ExportFormatChoiceTests {
    func choose(_ path: String, _ given: ExportStage.Format? = nil) -> ExportFormatChoice? {
        try? ExportFormatChoice.resolve(path: path, given: given).get()
    }

    @Test("endings decide when format is not given")
    func endings() {
        #expect(choose("out/x.jsonl") == ExportFormatChoice(format: .jsonl, compression: .none))
        #expect(choose("out/x.jsonl.gz") == ExportFormatChoice(format: .jsonl, compression: .gzip))
        #expect(choose("out/x.JSONL.ZST") == ExportFormatChoice(format: .jsonl, compression: .zstd))
        #expect(choose("out/x.csv") == ExportFormatChoice(format: .csv, compression: .none))
        #expect(choose("out/x.csv.gz") == ExportFormatChoice(format: .csv, compression: .gzip))
        #expect(choose("out/x.sqlite") == ExportFormatChoice(format: .sqlite, compression: .none))
        #expect(choose("out/x.db") == ExportFormatChoice(format: .sqlite, compression: .none))
        #expect(choose("out/x.txt") == ExportFormatChoice(format: .jsonl, compression: .none))
        #expect(choose("-") == ExportFormatChoice(format: .jsonl, compression: .none))
        #expect(choose("/dev/stdout", .csv) == ExportFormatChoice(format: .csv, compression: .none))
    }

    @Test("a format that agrees, or a neutral ending, is accepted")
    func agreeing() {
        #expect(choose("out/x.csv", .csv)?.format == .csv)
        #expect(choose("out/x.out", .sqlite)?.format == .sqlite)
    }

    @Test("a contradiction names both the ending and the format, and the option to change")
    func contradictions() throws {
        let refusal = try #require(ExportFormatChoice.resolve(path: "out/x.csv", given: .jsonl).failure)
        #expect(refusal.option == "format")
        #expect(refusal.message.contains("out/x.csv ends like a csv file but 'format: jsonl' is set"))
        #expect(refusal.message.contains("out/x.jsonl"))
        #expect(ExportFormatChoice.resolve(path: "out/x.sqlite", given: .jsonl).failure != nil)
        #expect(ExportFormatChoice.resolve(path: "out/x.jsonl.gz", given: .csv).failure?.message.contains("out/x.csv.gz") == true)
        #expect(ExportFormatChoice.resolve(path: "out/x.sqlite.gz", given: nil).failure?.option == "path")
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
