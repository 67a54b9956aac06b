import CopydeskCore
import CopydeskTesting
import Foundation
import Testing

/// A per-document stage for segment tests: drops ids ending in `dropDigit`, rejects ids ending in
/// `rejectDigit`, appends `mark` to the text, counts what it saw, and sleeps a little to shuffle completion order.
struct DigitRuleStage: DocumentStage {
    var dropDigit: Character
    var rejectDigit: Character
    var mark: String

    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        var counters: [String: Int] = [:]
        return try process(&document, counters: &counters)
    }

    func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict {
        counters["seen", default: 0] += 1
        usleep(UInt32(document.id.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) % 500 }))
        if document.id.last == dropDigit { return .drop(reason: "id ends in \(dropDigit)") }
        if document.id.last == rejectDigit { throw DocumentRejection("id ends in \(rejectDigit)") }
        document.text += mark
        return .keep
    }

    static func descriptor(_ id: String, drop: Character, reject: Character, mark: String) -> StageDescriptor {
        StageDescriptor(id: id, summary: "Drops and rejects by the id's last digit (test stage).", options: []) { _, _ throws(ConfigError) in
            DigitRuleStage(dropDigit: drop, rejectDigit: reject, mark: mark)
        }
    }
}

@Suite("runner segments")
struct SegmentedRunnerTests {
    let documents = (0..<300).map { makeDocument("d\($0)", text: "text \($0)") }

    func run(workers: Int, batchSize: Int = 4) throws -> (output: [Document], report: RunReport) {
        try runInMemory(
            [
                .document(DigitRuleStage(dropDigit: "1", rejectDigit: "2", mark: " a")), .corpus(HoldingStage()),
                .document(DigitRuleStage(dropDigit: "3", rejectDigit: "4", mark: " b")),
                .document(DigitRuleStage(dropDigit: "5", rejectDigit: "6", mark: " c")),
            ],
            descriptors: [
                DigitRuleStage.descriptor("first", drop: "1", reject: "2", mark: " a"), HoldingStage.descriptor,
                DigitRuleStage.descriptor("second", drop: "3", reject: "4", mark: " b"),
                DigitRuleStage.descriptor("third", drop: "5", reject: "6", mark: " c"),
            ],
            documents: documents, workers: workers, batchSize: batchSize)
    }

    @Test("per-document stages after a corpus-wide stage run on every worker, with the same output for 1, 2 and 4 workers")
    func afterCorpusStage() throws {
        let one = try run(workers: 1)
        #expect(one.output.allSatisfy { $0.text.hasSuffix(" a b c") })
        #expect(one.report.balanced)
        #expect(one.report.stages[2].counters["seen"] == one.report.stages[1].documentsOut)
        #expect(one.report.stages[3].dropped > 0 && one.report.stages[3].rejected > 0)
        for workers in [2, 4] {
            let many = try run(workers: workers, batchSize: workers == 4 ? 1 : 7)
            #expect(many.output == one.output, "output with \(workers) workers")
            #expect(many.report.stages[2].threads == workers && many.report.stages[3].threads == workers)
            for (a, b) in zip(one.report.stages, many.report.stages) {
                #expect(a.documentsIn == b.documentsIn && a.documentsOut == b.documentsOut && a.dropped == b.dropped && a.rejected == b.rejected)
                #expect(a.counters == b.counters)
            }
        }
    }

    @Test("the drops and rejects files are byte-identical for 1, 2 and 4 workers")
    func outcomeFilesIdentical() throws {
        let registry = StageRegistry([
            DigitRuleStage.descriptor("first", drop: "1", reject: "2", mark: " a"), HoldingStage.descriptor,
            DigitRuleStage.descriptor("second", drop: "3", reject: "4", mark: " b"),
        ])
        var input = ""
        for document in documents { input += "{\"id\":\"\(document.id)\",\"text\":\"\(document.text)\"}\n" }
        var files: [[String]] = []
        for workers in [1, 2, 4] {
            let dir = temporaryDirectory()
            write(input, to: dir + "/in.jsonl")
            let yaml = """
                input:
                  paths: [\(dir)/in.jsonl]
                run:
                  workers: \(workers)
                  batch_size: 5
                stages:
                  - use: first
                  - use: holding
                    path: \(dir)/x.jsonl
                  - use: second
                  - use: holding
                    path: \(dir)/y.jsonl

                """
            let pipeline = try Pipeline.parse(yaml: yaml, file: "p.yaml", registry: registry)
            let report = try PipelineRunner(pipeline: pipeline, context: StageContext()).run()
            #expect(report.balanced && report.dropped > 0 && report.rejected > 0)
            files.append(try ["drops", "rejects"].map { try String(contentsOfFile: "\(dir)/y.\($0).jsonl", encoding: .utf8).replacingOccurrences(of: dir, with: "DIR") })
        }
        #expect(files[0][0].split(separator: "\n").count > 20)
        #expect(files[1] == files[0] && files[2] == files[0])
    }
}
