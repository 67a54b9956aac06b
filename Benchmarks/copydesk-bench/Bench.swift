import ArgumentParser
import CopydeskCore
import CopydeskTesting
import Foundation
import Normalise

/// Benchmark and evaluation commands; each prints a table. Build in release mode:
/// `swift build -c release --product copydesk-bench && .build/release/copydesk-bench --help`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk-bench",
        abstract: "copydesk benchmarks and evaluations (run from the package root, release build).",
        subcommands: [NormaliseThroughput.self, Scaling.self, StripEvaluation.self, StripTitles.self, BuildWARC.self, ReadWARC.self,
                      DedupeReuters.self, DedupeSynth.self, DedupeSpeed.self, EntitiesEvaluation.self,
                      EntityNames.self, FilterSpeed.self, LanguageEvaluation.self, ParagraphsEvaluation.self,
                      PlainTextStripSpeed.self, OptionTables.self])
}

/// Default location of the Reuters JSONL (research-only data; never shipped).
let defaultReuters = "../shared/data/reuters21578/docs.jsonl"

/// Loads the Reuters texts (or any JSONL with a `text` field), failing with a clear message when absent.
func loadTexts(_ path: String, limit: Int? = nil) throws -> [Document] {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("\(path) not found: this benchmark needs the Reuters-21578 JSONL from ../shared/data (pass --data PATH)")
    }
    let plan = try InputPlan.expand([path], format: .jsonl)
    var reader = InputReader(plan: plan, options: InputOptions(format: .jsonl))
    var documents: [Document] = []
    while let item = try reader.next() {
        if case .document(let document) = item, !document.text.isEmpty { documents.append(document) }
        if let limit, documents.count >= limit { break }
    }
    return documents
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

/// `copydesk-bench normalise`: normalise throughput on one core over the Reuters texts.
struct NormaliseThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalise",
        abstract: "Normalise throughput (MB/s and docs/s on one thread) over the Reuters JSONL.")

    @Option(help: "JSONL with a 'text' field.") var data = defaultReuters
    @Option(help: "Passes over the data; the best pass is reported.") var passes = 5

    func run() throws {
        let documents = try loadTexts(data)
        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count + ($1.title?.utf8.count ?? 0) }
        print("normalise over \(documents.count) documents, \(format(Double(bytes) / 1e6)) MB (text + title), one thread, best of \(passes) passes")
        print("\(pad("options", 28)) \(pad("MB/s", 10)) \(pad("docs/s", 12)) changed")
        let configurations: [(String, [String: OptionValue])] = [
            ("defaults (nfc, auto)", [:]),
            ("nfkc", ["unicode": .string("nfkc")]),
            ("ascii punctuation", ["punctuation": .string("ascii")]),
            ("paragraphs: keep", ["paragraphs": .string("keep")]),
        ]
        for (label, overrides) in configurations {
            let options = try NormaliseStage.descriptor.defaultOptions(overriding: overrides)
            guard case .document(let stage) = try NormaliseStage.descriptor.make(options, StageContext()) else { continue }
            var best = Double.infinity
            var changed = 0
            for _ in 0..<passes {
                changed = 0
                let start = StageClock.threadCPU()
                for original in documents {
                    var document = original
                    _ = try stage.process(&document)
                    if !document.text.utf8.elementsEqual(original.text.utf8) { changed += 1 }
                }
                best = min(best, StageClock.threadCPU() - start)
            }
            print("\(pad(label, 28)) \(pad(format(Double(bytes) / 1e6 / best), 10)) \(pad(format(Double(documents.count) / best, 0), 12)) \(changed)")
        }
    }
}

/// A deliberately CPU-bound per-document stage: hashes the text repeatedly.
struct BusyStage: DocumentStage {
    var rounds: Int

    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for _ in 0..<rounds {
            for byte in document.text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        document.site = String(hash & 0xff)
        return .keep
    }

    static let descriptor = StageDescriptor(
        id: "busy", summary: "CPU-bound benchmark stage.", options: [],
        make: { _, _ throws(ConfigError) in BusyStage(rounds: 20) })
}

/// `copydesk-bench scaling`: the runner's speed-up from 1 to N workers on CPU-bound per-document stages.
struct Scaling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling",
        abstract: "Runner speed-up from 1 to 2 (or more) workers on CPU-bound per-document stages, through the real runner.")

    @Option(help: "JSONL with a 'text' field.") var data = defaultReuters
    @Option(help: "Worker counts to compare.") var workers = "1,2"
    @Option(help: "Hash rounds per document for the busy stage.") var rounds = 20
    @Option(help: "Repetitions of the corpus (more work per run).") var repeat_ = 2

    func run() throws {
        let base = try loadTexts(data)
        var documents: [Document] = []
        for r in 0..<repeat_ { documents.append(contentsOf: base.map { var d = $0; d.id += "-\(r)"; return d }) }
        let counts = workers.split(separator: ",").compactMap { Int($0) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("runner scaling over \(documents.count) in-memory documents; \(cores) cores available")
        print("\(pad("stage", 22)) \(pad("workers", 8)) \(pad("seconds", 9)) \(pad("docs/s", 10)) speed-up")
        let normaliseOptions = try NormaliseStage.descriptor.defaultOptions()
        guard case .document(let normalise) = try NormaliseStage.descriptor.make(normaliseOptions, StageContext()) else { return }
        let stages: [(String, StageDescriptor, any DocumentStage)] = [
            ("busy (\(rounds) hash rounds)", BusyStage.descriptor, BusyStage(rounds: rounds)),
            ("normalise", NormaliseStage.descriptor, normalise),
        ]
        for (label, descriptor, stage) in stages {
            var baseline: Double?
            for count in counts {
                let start = StageClock.wall()
                let (output, report) = try runInMemory([.document(stage)], descriptors: [descriptor], documents: documents, workers: count, batchSize: 64)
                let seconds = StageClock.wall() - start
                precondition(output.count == documents.count && report.balanced)
                if baseline == nil { baseline = seconds }
                print("\(pad(label, 22)) \(pad(String(count), 8)) \(pad(format(seconds, 3), 9)) \(pad(format(Double(documents.count) / seconds, 0), 10)) \(format(baseline! / seconds, 2))×")
            }
        }
    }
}
