import CopydeskCore
import CopydeskTesting
import Foundation
import Testing

@Suite("runner")
struct RunnerTests {
    @Test("per-document stages run on several workers and output keeps input order")
    func order() throws {
        let documents = (0..<500).map { makeDocument("d\($0)", text: "text \($0)") }
        let (output, report) = try runInMemory(
            [.document(UppercaseStage(jitter: true))], descriptors: [UppercaseStage.descriptor], documents: documents, workers: 4, batchSize: 3)
        #expect(output.map(\.id) == documents.map(\.id))
        #expect(output.allSatisfy { $0.text.hasPrefix("TEXT ") })
        #expect(report.balanced)
        #expect(report.stages[0].documentsIn == 500 && report.stages[0].documentsOut == 500)
    }

    @Test("drops and rejections are counted per stage and in = out + dropped + rejected")
    func accounting() throws {
        let documents = [
            makeDocument("a", text: "keep"), makeDocument("b", text: "drop me"), makeDocument("c", text: "reject me"),
            makeDocument("x1", text: "dropped by the corpus stage"), makeDocument("d", text: "keep too"), makeDocument("e", text: "last"),
        ]
        let (output, report) = try runInMemory(
            [.document(UppercaseStage()), .corpus(HoldingStage())], descriptors: [UppercaseStage.descriptor, HoldingStage.descriptor],
            documents: documents)
        #expect(Set(output.map(\.id)) == ["a", "d", "e"])
        #expect(report.documentsIn == 6 && report.documentsOut == 3 && report.dropped == 2 && report.rejected == 1)
        #expect(report.balanced)
        #expect(report.stages[0].dropped == 1 && report.stages[0].rejected == 1)
        #expect(report.stages[1].dropped == 1 && report.stages[1].documentsOut == 3)
    }

    @Test("what a corpus stage emits from finish goes downstream at once; commits run last stage first; counters reach the report")
    func streamingFinishAndCommit() throws {
        let log = CallLog()
        let documents = [makeDocument("a", text: "one"), makeDocument("b", text: "two")]
        let (output, report) = try runInMemory(
            [.corpus(LoggingStage("hold", log: log, holds: true)), .corpus(LoggingStage("pass", log: log, holds: false))],
            descriptors: [HoldingStage.descriptor, HoldingStage.descriptor], documents: documents)
        #expect(output.map(\.id) == ["a", "b"])
        #expect(log.events == [
            "hold.consume a", "hold.consume b",
            "hold.emit a", "pass.consume a", "hold.emit b", "pass.consume b", "hold.finish",
            "pass.finish", "pass.commit", "hold.commit",
        ])
        #expect(report.stages[0].counters == ["seen": 2] && report.stages[1].counters == ["seen": 2])
        #expect(String(decoding: report.json(), as: UTF8.self).contains("\"counters\":{\"seen\":2}"))
    }

    @Test("with on_bad_record: fail the first rejection stops the run with exit code 65 naming the record")
    func failOnBadRecord() {
        let documents = [makeDocument("a", text: "ok"), makeDocument("c", text: "reject me", path: "in/c.txt")]
        do {
            _ = try runInMemory([.document(UppercaseStage())], descriptors: [UppercaseStage.descriptor], documents: documents, onBadRecord: .fail)
            Issue.record("expected failure")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.message.contains("in/c.txt"))
            #expect(error.message.contains("asked to be rejected"))
        }
    }

    @Test("the same input gives the same output whatever the number of workers")
    func deterministic() throws {
        let documents = (0..<200).map { makeDocument("d\($0)", text: $0 % 7 == 0 ? "drop me" : "t\($0)") }
        let one = try runInMemory([.document(UppercaseStage(jitter: true))], descriptors: [UppercaseStage.descriptor], documents: documents, workers: 1)
        let four = try runInMemory([.document(UppercaseStage(jitter: true))], descriptors: [UppercaseStage.descriptor], documents: documents, workers: 4, batchSize: 1)
        #expect(one.output == four.output)
    }

    @Test("report, drops and rejects are written next to the output, and the report balances")
    func reportFiles() throws {
        let dir = temporaryDirectory()
        write("{\"id\":\"a\",\"text\":\"keep\"}\n{\"id\":\"b\",\"text\":\"drop me\"}\nnot json\n", to: dir + "/in.jsonl")
        let yaml = "input:\n  paths: [\(dir)/in.jsonl]\nstages:\n  - use: uppercase\n  - use: holding\n    path: \(dir)/out/x.jsonl\n"
        let pipeline = try Pipeline.parse(yaml: yaml, file: "p.yaml", registry: testRegistry)
        let report = try PipelineRunner(pipeline: pipeline, context: StageContext()).run()
        #expect(report.balanced && report.documentsIn == 3)
        let reportJSON = try JSONParser.parse(String(contentsOfFile: dir + "/out/x.report.json", encoding: .utf8))
        #expect(reportJSON["documents"]?["balanced"] == .bool(true))
        #expect(reportJSON["stages"] != nil)
        let drops = try String(contentsOfFile: dir + "/out/x.drops.jsonl", encoding: .utf8)
        #expect(drops.contains("\"dropped\":{\"stage\":\"uppercase\",\"reason\":\"asked to be dropped\"}"))
        let rejects = try String(contentsOfFile: dir + "/out/x.rejects.jsonl", encoding: .utf8)
        #expect(rejects.contains("\"line\":3"))
        #expect(rejects.contains("not valid JSON"))
    }

    @Test("an output directory that cannot be written ends the run with exit code 74 and leaves nothing behind")
    func unwritableOutput() throws {
        let dir = temporaryDirectory()
        write("T\nbody", to: dir + "/a.txt")
        write("a file, not a directory", to: dir + "/blocker")
        let yaml = "input:\n  paths: [\(dir)/a.txt]\nstages:\n  - use: holding\n    path: \(dir)/blocker/out.jsonl\n"
        let pipeline = try Pipeline.parse(yaml: yaml, file: "p.yaml", registry: testRegistry)
        do {
            try PipelineRunner(pipeline: pipeline, context: StageContext()).run()
            Issue.record("expected failure")
        } catch {
            #expect(error.exitCode == 74)
            #expect(error.message.contains("blocker"))
        }
    }
}

@Suite("atomic files")
struct AtomicFileTests {
    @Test("an aborted write leaves the previous file intact and no temporary file")
    func abortKeepsPrevious() throws {
        let dir = temporaryDirectory()
        let path = dir + "/out.jsonl"
        write("previous\n", to: path)
        let file = try AtomicFile(path: path)
        try file.write(Array("new content".utf8))
        try file.flush()
        file.abort()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.jsonl"])
    }

    @Test("commit replaces the final file in one rename")
    func commitReplaces() throws {
        let dir = temporaryDirectory()
        let path = dir + "/sub/out.jsonl"
        try AtomicFile.write(Array("one\n".utf8), to: path)
        try AtomicFile.write(Array("two\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/sub") == ["out.jsonl"])
    }
}
