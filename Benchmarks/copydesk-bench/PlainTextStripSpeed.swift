import ArgumentParser
import CopydeskCore
import Foundation
import Strip

/// `copydesk-bench strip-text`: strip's plain-text path (paragraphs by shape, then the line filter) on
/// one core over the Reuters texts.
struct PlainTextStripSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strip-text",
        abstract: "Plain-text strip throughput (docs/s and MB/s on one thread, CPU time) over the Reuters JSONL.")

    @Option(help: "JSONL with a 'text' field.") var data = defaultReuters
    @Option(help: "Passes over the data; the best pass is reported.") var passes = 5

    func run() throws {
        let documents = try loadTexts(data)
        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
        let stage = StripStage()
        var best = Double.infinity
        var changed = 0
        var dropped = 0
        for _ in 0..<passes {
            changed = 0
            dropped = 0
            let start = StageClock.threadCPU()
            for original in documents {
                var document = original
                if (try? stage.process(&document)) != .keep { dropped += 1 }
                if !document.text.utf8.elementsEqual(original.text.utf8) { changed += 1 }
            }
            best = min(best, StageClock.threadCPU() - start)
        }
        print("strip (plain text) over \(documents.count) documents, \(format(Double(bytes) / 1e6)) MB, one thread, best of \(passes) passes")
        print("\(format(Double(documents.count) / best, 0)) docs/s, \(format(Double(bytes) / 1e6 / best)) MB/s; \(changed) texts changed, \(dropped) dropped")
    }
}
