import CopydeskCore
import CopydeskTesting
import Exec
import Foundation
import Testing

/// A per-document stage after exec: drops ids ending in 3, appends a mark, sleeps a little to shuffle
/// completion order.
private struct MarkStage: DocumentStage {
    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        usleep(UInt32(document.id.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) % 400 }))
        if document.id.hasSuffix("3") { return .drop(reason: "ends in 3") }
        document.text += " (marked)"
        return .keep
    }
}

@Suite("per-document stages after exec")
struct StagesAfterExecTests {
    @Test("a per-document stage after exec runs on every worker and the output is the same for 1, 2 and 4 workers")
    func sameForAnyWorkers() throws {
        let documents = (0..<120).map { makeDocument("d\($0)", text: "text \($0)") }
        let mark = StageDescriptor(id: "mark", summary: "test", options: []) { _, _ throws(ConfigError) in MarkStage() }
        var outputs: [[Document]] = []
        for workers in [1, 2, 4] {
            let (output, report) = try runInMemory(
                [.corpus(ExecStage(command: ["cat"], timeout: 20, window: 16)), .document(MarkStage())],
                descriptors: [ExecStage.descriptor, mark], documents: documents, workers: workers, batchSize: 3)
            #expect(report.balanced && report.dropped == 12)
            #expect(report.stages[1].threads == workers)
            outputs.append(output)
        }
        #expect(outputs[0].count == 108 && outputs[0].allSatisfy { $0.text.hasSuffix(" (marked)") })
        #expect(outputs[1] == outputs[0] && outputs[2] == outputs[0])
    }
}
