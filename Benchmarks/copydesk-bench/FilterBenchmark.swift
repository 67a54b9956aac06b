import ArgumentParser
import CopydeskCore
import CopydeskStages
import Filter
import Foundation

/// `copydesk-bench filter`: filter throughput on one thread over the Reuters JSONL — the stage alone on
/// pre-parsed documents, then the whole run (read, parse, filter) through the real runner on one worker.
struct FilterSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Filter throughput (docs/s on one thread) for a five-condition filter over the Reuters JSONL; the stage alone and the whole run.")

    @Option(help: "JSONL with a 'text' field.") var data = defaultReuters
    @Option(help: "Passes over the data; the best pass is reported.") var passes = 5
    @Option(help: "Copies of the corpus per pass (longer passes time better).") var copies = 4

    /// The five-condition filter measured: word bounds, digit share, letter share, a title exclude and a
    /// text exclude (both literal alternations, matched on bytes).
    static let fiveConditions = """
        min_words: 50
        max_words: 2000
        conditions:
          - max_digit_share: 0.2
            reason: mostly figures (a table or list)
          - min_letter_share: 0.6
          - field: title
            exclude: '(?i)\\b(correction|corrected|repeat)\\b'
          - exclude: '(?i)\\b(advisory|test message)\\b'
        """

    /// The same with a pattern that needs ICU (`\\d`), to show what a general regular expression costs.
    static let withICU = fiveConditions.replacingOccurrences(of: "(?i)\\b(advisory|test message)\\b", with: "(?i)\\d+ (mln|billion) dlrs of advisory")

    static func stage(_ options: String) throws -> any DocumentStage {
        let yaml = "stages:\n  - use: filter\n" + options.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
        let pipeline = try Pipeline.parse(yaml: yaml, file: "<bench>", registry: BuiltInStages.registry)
        guard case .document(let stage) = try pipeline.instantiate(context: StageContext())[0] else {
            throw ValidationError("filter did not build a per-document stage")
        }
        return stage
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: data) else {
            throw ValidationError("\(data) not found: this benchmark needs the Reuters-21578 JSONL from ../shared/data (pass --data PATH)")
        }
        var documents: [Document] = []
        var reader = InputReader(plan: try InputPlan.expand([data], format: .jsonl), options: InputOptions(format: .jsonl))
        while let item = try reader.next() {
            if case .document(let document) = item { documents.append(document) }
        }
        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count + ($1.title?.utf8.count ?? 0) }
        print("filter over \(documents.count) documents × \(copies), \(format(Double(bytes) / 1e6)) MB (text + title) per copy, one thread, best of \(passes) passes")
        print("\(pad("configuration", 46)) \(pad("docs/s", 12)) \(pad("MB/s", 8)) \(pad("kept", 7)) dropped")
        let configurations: [(String, String)] = [
            ("five conditions, literal patterns", Self.fiveConditions),
            ("five conditions, one ICU pattern", Self.withICU),
            ("min_words: 80 alone", "min_words: 80"),
        ]
        for (label, options) in configurations {
            let stage = try Self.stage(options)
            var best = Double.infinity
            var kept = 0, dropped = 0
            for _ in 0..<passes {
                kept = 0; dropped = 0
                let start = StageClock.threadCPU()
                for _ in 0..<copies {
                    for original in documents {
                        var document = original
                        switch try stage.process(&document) {
                        case .keep: kept += 1
                        case .drop: dropped += 1
                        }
                    }
                }
                best = min(best, StageClock.threadCPU() - start)
            }
            let total = documents.count * copies
            print("\(pad(label, 46)) \(pad(format(Double(total) / best, 0), 12)) \(pad(format(Double(bytes * copies) / 1e6 / best), 8)) \(pad(String(kept / copies), 7)) \(dropped / copies)")
        }
        try wholeRun()
    }

    /// Read + parse + filter through the runner on one worker (drops written to a file, as in a real run),
    /// against read + parse alone.
    func wholeRun() throws {
        let directory = NSTemporaryDirectory() + "copydesk-filter-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print("\nwhole run through the runner (JSONL read and parsed, drops written, one worker), wall seconds, best of \(passes)")
        print("\(pad("stages", 50)) \(pad("docs/s", 12)) \(pad("seconds", 8)) in = out + dropped + rejected")
        for (label, options) in [("read + parse only", nil), ("read + parse + filter keeping all (min_words: 0)", "min_words: 0"),
                                ("read + parse + five-condition filter", Self.fiveConditions)] as [(String, String?)] {
            var best = Double.infinity
            var line = ""
            var inputs = 0
            for _ in 0..<passes {
                let sink = CountingSink()
                let sinkDescriptor = StageDescriptor(id: "count", summary: "counts", options: []) { _, _ throws(ConfigError) -> CountingSink in
                    throw ConfigError("built in code")
                }
                var stages = [ConfiguredStage(descriptor: sinkDescriptor, options: StageOptions(values: [:]))]
                var instances: [StageInstance] = [.corpus(sink)]
                if let options {
                    stages.insert(ConfiguredStage(descriptor: FilterStage.descriptor, options: StageOptions(values: [:])), at: 0)
                    instances.insert(.document(try Self.stage(options)), at: 0)
                }
                let pipeline = Pipeline(file: "<bench>", run: RunOptions(workers: 1, batchSize: 64), report: directory + "/bench.report.json", stages: stages)
                let start = StageClock.wall()
                let report = try PipelineRunner(pipeline: pipeline, context: StageContext())
                    .run(source: InputReader(plan: try InputPlan.expand([data], format: .jsonl), options: InputOptions(format: .jsonl)), instances: instances)
                let seconds = StageClock.wall() - start
                precondition(report.balanced, "the run does not balance")
                if seconds < best {
                    best = seconds
                    inputs = report.documentsIn
                    line = "\(report.documentsIn) = \(report.documentsOut) + \(report.dropped) + \(report.rejected)"
                }
            }
            print("\(pad(label, 50)) \(pad(format(Double(inputs) / best, 0), 12)) \(pad(format(best, 3), 8)) \(line)")
        }
    }
}
