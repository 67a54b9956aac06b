import ArgumentParser
import CopydeskCore
import Foundation

extension CopydeskCommand {
    /// `copydesk engine plan|documents|signatures|verify|cluster|apply`: the modes a distributed engine
    /// (spark/copydesk-spark) runs per partition. Each is a stdin→stdout filter over tab-separated lines
    /// (docs/spark.md), writes a last stats line on stderr (`copydesk-engine-stats {…}`), and exits 0, 64
    /// (usage, pipeline file), 65 (a line the engine did not write), 74 (I/O) or 75 (temporary: retry).
    struct Engine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Modes for running a pipeline on a distributed engine (Spark): streaming stdin→stdout filters.",
            discussion: """
                A distributed run (spark/copydesk-spark, docs/spark.md) calls, in order:
                  plan        the input files in order, and how the pipeline splits
                  documents   --part before: the per-document stages before dedupe, on a manifest of files
                  signatures  each document's dedupe signature (band keys, anchors, sample, facts)
                  verify      judges candidate pairs from their signatures
                  cluster     replays the judgments in input order: every document's cluster and canonical
                  apply       fills 'duplicate' (and drops per 'action')
                  documents   --part after: the stages after dedupe and the export, JSONL records out
                Exit codes: 0; 64 usage or pipeline file; 65 a malformed engine line; 74 I/O; 75 temporary (retry).
                """,
            subcommands: [EnginePlan.self, EngineDocuments.self, EngineSignatures.self, EngineVerify.self, EngineCluster.self, EngineApply.self])
    }
}

/// Exit code of a temporary failure the engine should retry (EX_TEMPFAIL).
let temporaryFailure: Int32 = 75

/// A pipeline as the engine modes split it: the per-document stages before the distributed corpus-wide
/// stage (dedupe), that stage, and what follows it up to the one export that ends the pipeline.
struct EnginePipeline {
    let pipeline: Pipeline
    let context: StageContext
    /// Stage indices of each part.
    let before: Range<Int>
    let corpus: Int?
    let after: Range<Int>

    /// Loads and splits `path`; refuses (exit 64) a pipeline whose shape cannot run distributed.
    init(path: String, registry: StageRegistry, verbose: Bool = false) throws(CopydeskError) {
        let logger = LoggingSetup.bootstrap(verbose: verbose)
        context = StageContext(pipelineFile: path, logger: logger)
        do { pipeline = try Pipeline.load(path: path, registry: registry) } catch { throw CopydeskError(error) }
        let instances: [StageInstance]
        do { instances = try pipeline.instantiate(context: context) } catch { throw CopydeskError(error) }
        var corpus: Int?
        var exportAt: Int?
        for (i, stage) in pipeline.stages.enumerated() {
            let where_ = "\(path): stage \(i + 1) ('\(stage.descriptor.id)')"
            if exportAt != nil {
                throw CopydeskError(exitCode: CopydeskError.usage, message: "\(where_) comes after the export; on a distributed engine the export must be the last stage")
            }
            if !stage.outputOptionNames.isEmpty {
                exportAt = i
                continue
            }
            guard case .corpus(let instance) = instances[i] else { continue }
            guard instance is any DistributedCorpusStage else {
                throw CopydeskError(exitCode: CopydeskError.usage, message: "\(where_) is corpus-wide and cannot run on a distributed engine; run it with `copydesk run`")
            }
            if corpus != nil {
                throw CopydeskError(exitCode: CopydeskError.usage, message: "\(where_): a distributed run takes one dedupe stage; split the pipeline in two runs")
            }
            corpus = i
        }
        guard let exportAt else {
            throw CopydeskError(exitCode: CopydeskError.usage, message: "\(path) has no export stage; a distributed run writes the last export's records: add '- use: export'")
        }
        self.corpus = corpus
        before = 0..<(corpus ?? exportAt)
        after = (corpus.map { $0 + 1 } ?? exportAt)..<pipeline.stages.count
    }

    /// The distributed corpus-wide stage, built; refuses a pipeline without one (exit 64).
    func distributedStage() throws(CopydeskError) -> any DistributedCorpusStage {
        guard let corpus else {
            throw CopydeskError(exitCode: CopydeskError.usage, message: "\(pipeline.file) has no dedupe stage; this engine mode has nothing to do")
        }
        let instance: StageInstance
        do { instance = try pipeline.stages[corpus].descriptor.make(pipeline.stages[corpus].options, context) } catch { throw CopydeskError(error) }
        guard case .corpus(let stage) = instance, let distributed = stage as? any DistributedCorpusStage else {
            throw CopydeskError(exitCode: CopydeskError.usage, message: "\(pipeline.file): stage \(corpus + 1) cannot run distributed")
        }
        return distributed
    }
}

/// Standard input line by line (without the newline), with bounded memory.
struct EngineInput {
    private var line: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var number = 0
    private let input = fdopen(0, "r")

    /// Calls `body` with each line's bytes.
    mutating func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(CopydeskError) -> Void) throws(CopydeskError) {
        defer { free(line) }
        while true {
            var length = getline(&line, &capacity, input)
            if length < 0 {
                if ferror(input) != 0 { throw CopydeskError(exitCode: CopydeskError.ioError, message: "cannot read standard input: \(String(cString: strerror(errno)))") }
                return
            }
            number += 1
            guard let line else { return }
            if length > 0, line[length - 1] == 0x0A { length -= 1 }
            try line.withMemoryRebound(to: UInt8.self, capacity: length) { (bytes) throws(CopydeskError) in
                try body(UnsafeBufferPointer(start: bytes, count: length), number)
            }
        }
    }

    /// Splits a line at its first `count - 1` tabs into `count` fields (the last keeps any further tabs).
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ count: Int, line: Int) throws(CopydeskError) -> [UnsafeBufferPointer<UInt8>] {
        try fields(bytes, count...count, line: line)
    }

    /// Splits a line at its tabs into as many fields as `counts` allows at most (the last keeps any
    /// further tabs); refuses a line with fewer than `counts.lowerBound`.
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ counts: ClosedRange<Int>, line: Int) throws(CopydeskError) -> [UnsafeBufferPointer<UInt8>] {
        var result: [UnsafeBufferPointer<UInt8>] = []
        var start = 0
        for i in 0..<bytes.count where result.count < counts.upperBound - 1 && bytes[i] == 0x09 {
            result.append(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            start = i + 1
        }
        result.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        guard counts.contains(result.count) else {
            let expected = counts.count == 1 ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
            throw malformed(line, "expected \(expected) tab-separated fields, found \(result.count)")
        }
        return result
    }

    static func int(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(CopydeskError) -> Int {
        guard let value = Int(String(decoding: bytes, as: UTF8.self)) else {
            throw malformed(line, "expected a number, found '\(String(decoding: bytes.prefix(40), as: UTF8.self))'")
        }
        return value
    }

    static func json(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(CopydeskError) -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch { throw malformed(line, "\(error)") }
    }

    static func malformed(_ line: Int, _ reason: String) -> CopydeskError {
        CopydeskError(exitCode: CopydeskError.badData, message: "standard input line \(line): \(reason); engine lines must come from the previous copydesk engine mode (docs/spark.md)")
    }
}

/// Standard output, buffered; a failed write is an I/O error (exit 74).
struct EngineOutput {
    private var buffer: [UInt8] = []
    private let file: UnsafeMutablePointer<FILE>?

    init(file: UnsafeMutablePointer<FILE>? = fdopen(1, "w")) {
        self.file = file
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ text: String) throws(CopydeskError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func write(_ bytes: some Sequence<UInt8>) throws(CopydeskError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(CopydeskError) {
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count, fflush(file) == 0 else {
            throw CopydeskError(exitCode: CopydeskError.ioError, message: "cannot write the engine output: \(String(cString: strerror(errno)))")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The last line a mode writes on stderr: its counts, as JSON after a fixed prefix.
enum EngineStats {
    static func write(mode: String, _ counts: [(String, JSONValue)]) {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("mode", mode)
        for (key, value) in counts { writer.value(key, value) }
        writer.endObject()
        FileHandle.standardError.write(Data(("copydesk-engine-stats " + String(decoding: writer.bytes, as: UTF8.self) + "\n").utf8))
    }

    static func counters(_ counters: [String: Int]) -> JSONValue {
        .object(counters.sorted { $0.key < $1.key }.map { ($0.key, .number(JSONNumber($0.value))) })
    }
}

/// A document's place in the input: the file's number in the plan, and its line or record (0 for a
/// one-document file). Sorting by it gives input order.
struct EngineKey: Hashable {
    var file: Int
    var position: Int

    init(file: Int, position: Int) {
        self.file = file
        self.position = position
    }

    init(_ source: SourceLocation, files: [String: Int]) {
        file = files[source.path] ?? -1
        position = source.line ?? source.record ?? 0
    }

    var text: String { "\(file)\t\(position)" }
}
