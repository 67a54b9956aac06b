import ArgumentParser
import CopydeskCore
import Dedupe
import Foundation

/// News-like documents from real Reuters paragraphs, generated in a fixed order: each new story is
/// 4–8 random paragraphs in which every fifth word is replaced by a pseudo-word of its own (so stories
/// that reuse a paragraph do not share its 5-grams); about one in four documents is another outlet's
/// version of a recent story (part of its paragraphs, one of its own, changed quotes) and one in twenty
/// an exact copy.
struct SpeedCorpus {
    let paragraphs: [String]
    let total: Int
    private var rng: SplitMix
    private var produced = 0
    private var recent: [[String]] = []

    init(paragraphs: [String], total: Int, seed: UInt64 = 7) {
        self.paragraphs = paragraphs
        self.total = total
        rng = SplitMix(state: seed)
    }

    private mutating func fresh() -> String {
        let words = paragraphs[rng.below(paragraphs.count)].split(separator: " ")
        var out: [Substring] = []
        out.reserveCapacity(words.count)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for (i, w) in words.enumerated() {
            if i % 5 == 2 {
                var v = rng.next()
                var s = ""
                for _ in 0..<(4 + Int(v % 5)) { v /= 26; s.append(letters[Int(v % 26)]) }
                out.append(Substring(s))
            } else {
                out.append(w)
            }
        }
        return out.joined(separator: " ")
    }

    mutating func next() -> Document? {
        guard produced < total else { return nil }
        defer { produced += 1 }
        var body: [String]
        let roll = rng.below(100)
        if roll < 5, let base = recent.randomElement(using: &rng) {
            body = base
        } else if roll < 30, let base = recent.randomElement(using: &rng) {
            body = base.filter { _ in rng.chance(0.7) }
            if body.isEmpty { body = [base[0]] }
            if body.first != base.first, rng.chance(0.8) { body.insert(base[0], at: 0) }
            body.insert(fresh(), at: min(body.count, 1 + rng.below(max(1, body.count))))
            if rng.chance(0.5) { body = body.map(SyntheticSyndication.curly) }
        } else {
            body = (0..<(4 + rng.below(5))).map { _ in fresh() }
            if recent.count < 256 { recent.append(body) } else { recent[rng.below(256)] = body }
        }
        return Document(id: "doc-\(produced)", source: SourceLocation(path: "generated", line: produced + 1), text: body.joined(separator: "\n\n"))
    }
}

/// Counts what reaches the end of the pipeline without keeping it.
final class CountingSink: CorpusStage {
    var count = 0
    var clusters = Set<String>()
    func consume(_ document: Document, prepared: Void?, into output: inout some CorpusOutput) throws(StageError) {
        count += 1
        output.emit(document)
    }
    func finish(into output: inout some CorpusOutput) throws(StageError) {}
}

func peakRSSMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// `copydesk-bench dedupe-speed`: the dedupe stage at scale through the real runner (generated input, 1 and
/// 2 workers, each in a fresh process so peak memory is its own), with the index file's bytes per document.
struct DedupeSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe-speed",
        abstract: "Dedupe docs/s, peak RSS and index bytes/doc at 100,000 documents (and 1,000,000 with --million), 1 and 2 workers.")

    @Option(help: "Reuters JSONL (paragraph source).") var data = defaultReuters
    @Option(help: "Document counts (comma-separated); --million adds 1,000,000.") var docs = "100000"
    @Flag(help: "Also run 1,000,000 documents (minutes; not a test).") var million = false
    @Option(help: "Worker counts.") var workers = "1,2"
    @Option(help: "Write the generated corpus of this many documents as JSONL to --corpus-out and exit (for Benchmarks/dedupe-peers).") var write: Int?
    @Option(help: "Where --write puts the corpus.") var corpusOut: String?
    @Option(help: "Internal: run one configuration as PATH:WORKERS and print one line.") var child: String?
    @Option(help: "Internal: time the stage alone on one thread over this JSONL.") var stageAlone: String?

    func run() throws {
        if let stageAlone {
            let documents = try loadTexts(stageAlone)
            let (_, seconds) = try runDedupeOnOneThread(documents, options: DedupeOptions(), keep: false)
            print("stage alone, one core, \(documents.count) documents in memory (tokenise, shingle, MinHash, LSH, verify, cluster, emit): "
                + "\(format(seconds, 2)) s = \(format(Double(documents.count) / seconds, 0)) docs/s")
            return
        }
        if let child {
            let parts = child.split(separator: ":")
            try runOne(path: String(parts[0]), workers: Int(parts[1]) ?? 1)
            return
        }
        let source = try loadTexts(data)
        var paragraphs: [String] = []
        for d in source { paragraphs.append(contentsOf: ParagraphSource.paragraphs(d.text)) }
        if let write, let corpusOut {
            try writeCorpus(paragraphs: paragraphs, count: write, to: corpusOut)
            print("wrote \(write) documents to \(corpusOut)")
            return
        }
        var counts = docs.split(separator: ",").compactMap { Int($0) }
        if million, !counts.contains(1_000_000) { counts.append(1_000_000) }
        print("dedupe speed: copydesk's runner reading the generated JSONL (news-like documents from Reuters paragraphs), dedupe, a counting sink;")
        print("each configuration in a fresh process pinned with taskset to as many cores as workers")
        print("\(pad("documents", 10)) \(pad("cores", 6)) \(pad("wall s", 8)) \(pad("docs/s", 9)) \(pad("cpu s", 8)) \(pad("peak RSS MB", 12)) \(pad("index B/doc", 12)) \(pad("MB of text", 11)) clusters")
        fflush(nil)
        for count in counts {
            let path = corpusDirectory + "/copydesk-dedupe-speed-\(count).jsonl"
            if !FileManager.default.fileExists(atPath: path) { try writeCorpus(paragraphs: paragraphs, count: count, to: path) }
            for w in workers.split(separator: ",").compactMap({ Int($0) }) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
                process.arguments = ["-c", (0..<w).map(String.init).joined(separator: ","), CommandLine.arguments[0],
                                     "dedupe-speed", "--data", data, "--child", "\(path):\(w)"]
                try process.run()
                process.waitUntilExit()
            }
        }
        // The stage alone on one thread (documents already in memory), the scope datasketch's figure has.
        if let smallest = counts.min() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            process.arguments = ["-c", "0", CommandLine.arguments[0], "dedupe-speed", "--data", data,
                                 "--stage-alone", corpusDirectory + "/copydesk-dedupe-speed-\(smallest).jsonl"]
            try process.run()
            process.waitUntilExit()
        }
        print("corpora kept in \(corpusDirectory) for Benchmarks/dedupe-peers (delete them when done)")
    }

    var corpusDirectory: String { ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp" }

    func writeCorpus(paragraphs: [String], count: Int, to path: String) throws {
        var corpus = SpeedCorpus(paragraphs: paragraphs, total: count)
        _ = FileManager.default.createFile(atPath: path + ".part", contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + ".part"))
        var buffer: [UInt8] = []
        while let d = corpus.next() {
            buffer += DocumentRecord.line(d)
            if buffer.count > 1 << 22 { handle.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
        }
        handle.write(Data(buffer))
        try handle.close()
        try FileManager.default.moveItem(atPath: path + ".part", toPath: path)
    }

    func runOne(path: String, workers: Int) throws {
        let directory = NSTemporaryDirectory() + "copydesk-dedupe-speed-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = DedupeOptions()
        options.index = directory + "/dedupe.index"
        let stage = DedupeStage(options: options)
        let sink = CountingSink()
        let sinkDescriptor = StageDescriptor(id: "count", summary: "counts", options: []) { _, _ throws(ConfigError) -> CountingSink in
            throw ConfigError("built in code")
        }
        let pipeline = Pipeline(
            file: "<speed>", run: RunOptions(workers: workers, batchSize: 64),
            stages: [ConfiguredStage(descriptor: DedupeStage.descriptor, options: StageOptions(values: [:])),
                     ConfiguredStage(descriptor: sinkDescriptor, options: StageOptions(values: [:]))])
        let wall0 = StageClock.wall(), cpu0 = StageClock.processCPU()
        let plan = try InputPlan.expand([path], format: .jsonl)
        let report = try PipelineRunner(pipeline: pipeline, context: StageContext())
            .run(source: InputReader(plan: plan, options: InputOptions(format: .jsonl)), instances: [.corpus(stage), .corpus(sink)])
        let count = sink.count
        let wall = StageClock.wall() - wall0, cpu = StageClock.processCPU() - cpu0
        precondition(report.balanced)
        let indexBytes = (try? FileManager.default.attributesOfItem(atPath: options.index!)[.size] as? NSNumber)?.doubleValue ?? 0
        let clusters = stage.counters["clusters"] ?? 0
        print("\(pad(String(count), 10)) \(pad(String(workers), 8)) \(pad(format(wall, 1), 8)) \(pad(format(Double(count) / wall, 0), 9)) \(pad(format(cpu, 1), 8)) \(pad(format(peakRSSMB(), 0), 12)) \(pad(format(indexBytes / Double(count), 0), 12)) \(pad(format(Double(report.input.bytes) / 1e6, 0), 11)) \(clusters)")
    }
}
