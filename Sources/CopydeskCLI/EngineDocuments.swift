import ArgumentParser
import CopydeskCore
import Foundation

extension CopydeskCommand {
    /// `copydesk engine plan PIPELINE [--input PATH]…`: the input files in order and how the pipeline splits.
    struct EnginePlan: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Print the pipeline's input files in order and its parts, as one JSON object (refuses what cannot run distributed).")

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Option(name: .long, help: ArgumentHelp("Replace the pipeline's inputs (repeatable).", valueName: "path"))
        var input: [String] = []

        func run(registry: StageRegistry) throws {
            do throws(CopydeskError) {
                let split = try EnginePipeline(path: pipeline, registry: registry)
                let paths = input.isEmpty ? split.pipeline.input.paths : input
                if paths.contains("-") {
                    throw CopydeskError(exitCode: CopydeskError.usage, message: "a distributed run reads files, not standard input ('-'); give file or directory paths")
                }
                let plan: InputPlan
                do { plan = try InputPlan.expand(paths, format: split.pipeline.input.format) } catch { throw CopydeskError(error) }
                var writer = JSONWriter()
                writer.beginObject()
                writer.beginArray("files")
                for file in plan.files { writer.string(nil, file.path) }
                writer.endArray()
                writer.beginArray("skipped")
                for skipped in plan.skipped {
                    writer.beginObject()
                    writer.string("path", skipped.path)
                    writer.string("reason", skipped.reason)
                    writer.endObject()
                }
                writer.endArray()
                let ids = split.pipeline.stages.map(\.descriptor.id)
                writer.beginArray("before")
                for id in ids[split.before] { writer.string(nil, id) }
                writer.endArray()
                writer.beginArray("after")
                for id in ids[split.after] { writer.string(nil, id) }
                writer.endArray()
                if split.corpus != nil {
                    let stage = try split.distributedStage()
                    writer.beginObject("dedupe")
                    writer.string("stage", ids[split.corpus ?? 0])
                    writer.int("band_cap", stage.candidateRules.bandCap)
                    writer.int("anchor_cap", stage.candidateRules.anchorCap)
                    writer.string("settings", stage.signatureSettings)
                    writer.endObject()
                } else {
                    writer.null("dedupe")
                }
                writer.endObject()
                print(String(decoding: writer.bytes, as: UTF8.self))
            } catch {
                fail(error)
            }
        }
    }

    /// `copydesk engine documents PIPELINE --part before|after`
    struct EngineDocuments: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "documents",
            abstract: "Run the per-document part of a pipeline on this partition.",
            discussion: """
                --part before: stdin lists input files, 'NUMBER<TAB>PATH' (numbers from 'engine plan'), or \
                'NUMBER<TAB>PATH<TAB>COPY' for a file PATH (an hdfs:// URI, say) whose bytes are read from the \
                local file COPY (documents, drops and rejects still name PATH); runs the stages before dedupe; \
                stdout has 'FILE<TAB>POSITION<TAB>RECORD' per document (RECORD: the document as JSON, HTML \
                included).

                --part after: stdin has such lines (after 'engine apply'), in input order; runs the stages after \
                dedupe and the export; stdout has the export's JSONL records.

                Drops and rejects go to --outcomes as 'FILE<TAB>POSITION<TAB>drop|reject<TAB>JSON'.
                """)

        enum Part: String, ExpressibleByArgument { case before, after }

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Option(name: .long, help: "before: the stages before dedupe, on files; after: the stages after it and the export.")
        var part: Part

        @Option(name: .long, help: ArgumentHelp("Where drops and rejects go.", valueName: "path"))
        var outcomes: String

        @Option(name: .long, help: ArgumentHelp("Read relative input paths from this directory (the driver's).", valueName: "dir"))
        var directory: String?

        @Option(name: .long, help: "Worker threads (default: one per core).")
        var workers: Int?

        func run(registry: StageRegistry) throws {
            do throws(CopydeskError) {
                if let directory, !FileManager.default.changeCurrentDirectoryPath(directory) {
                    throw CopydeskError(exitCode: CopydeskError.ioError, message: "cannot enter --directory \(directory); inputs must be readable at the same paths on every executor")
                }
                let split = try EnginePipeline(path: pipeline, registry: registry)
                let scratch = try EngineScratch()
                defer { scratch.remove() }
                var part = split.pipeline
                part.stages = Array(split.pipeline.stages[self.part == .before ? split.before : split.after])
                part.report = scratch.path + "/part.report.json"
                if let workers { part.run.workers = workers }
                var files: [String: Int] = [:]
                let report: RunReport
                var written: Int?
                switch self.part {
                case .before:
                    var input = EngineInput()
                    var plan = InputPlan()
                    try input.forEach { (line, lineNumber) throws(CopydeskError) in
                        let fields = try EngineInput.fields(line, 2...3, line: lineNumber)
                        let number = try EngineInput.int(fields[0], line: lineNumber)
                        let path = String(decoding: fields[1], as: UTF8.self)
                        files[path] = number
                        if fields.count == 3 {
                            // A file read elsewhere (by the driver's filesystem), copied here: named by PATH.
                            let format = split.pipeline.input.format
                            plan.files.append(InputFile(
                                path: path, format: format == .auto ? (InputPlan.format(ofPath: path) ?? .auto) : format,
                                copy: String(decoding: fields[2], as: UTF8.self)))
                            return
                        }
                        do throws(InputError) {
                            let expanded = try InputPlan.expand([path], format: split.pipeline.input.format)
                            plan.files += expanded.files
                        } catch {
                            plan.files.append(InputFile(path: path, format: split.pipeline.input.format, problem: error.message))
                        }
                    }
                    part.input.paths = plan.files.map(\.path)
                    let sink = EngineSink(files: files)
                    part.stages.append(ConfiguredStage(descriptor: EngineSink.descriptor, options: StageOptions(values: [:])))
                    var instances: [StageInstance]
                    do { instances = try Array(split.pipeline.instantiate(context: split.context)[split.before]) } catch { throw CopydeskError(error) }
                    instances.append(.corpus(sink))
                    report = try PipelineRunner(pipeline: part, context: split.context)
                        .run(source: InputReader(plan: plan, options: split.pipeline.input), instances: instances)
                    try sink.finishOutput()
                    written = sink.written
                case .after:
                    do { try part.overrideOutput("-") } catch { throw CopydeskError(error) }
                    let source = KeyedRecords()
                    report = try PipelineRunner(pipeline: part, context: split.context).run(source: source)
                    files = source.files.numbers
                }
                let counts = try EngineOutcomes.copy(from: scratch.path + "/part", to: outcomes, files: files)
                var stages: [(String, JSONValue)] = []
                for stage in report.stages where stage.id != "engine-output" {
                    stages.append((stage.id, .object([
                        ("in", .number(JSONNumber(stage.documentsIn))), ("out", .number(JSONNumber(stage.documentsOut))),
                        ("dropped", .number(JSONNumber(stage.dropped))), ("rejected", .number(JSONNumber(stage.rejected))),
                        ("counters", EngineStats.counters(stage.counters)),
                    ])))
                }
                EngineStats.write(mode: "documents-\(self.part.rawValue)", [
                    ("in", .number(JSONNumber(report.documentsIn))), ("out", .number(JSONNumber(written ?? report.documentsOut))),
                    ("dropped", .number(JSONNumber(counts.drops))), ("rejected", .number(JSONNumber(counts.rejects))),
                    ("files", .number(JSONNumber(report.input.files))), ("bytes", .number(JSONNumber(report.input.bytes))),
                    ("stages", .object(stages)),
                ])
            } catch {
                fail(error)
            }
        }
    }
}

/// A private temporary directory for one engine call (the run's report, drops and rejects).
struct EngineScratch {
    let path: String

    init() throws(CopydeskError) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((base + "/copydesk-engine-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CopydeskError(exitCode: temporaryFailure, message: "cannot create a temporary directory in \(base): \(String(cString: strerror(errno))); retry, or set TMPDIR")
        }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Copies a part run's drops and rejects to the outcomes file, each line keyed by its input position.
enum EngineOutcomes {
    static func copy(from stem: String, to destination: String, files: [String: Int]) throws(CopydeskError) -> (drops: Int, rejects: Int) {
        guard let out = fopen(destination, "w") else {
            throw CopydeskError(exitCode: CopydeskError.ioError, message: "cannot write --outcomes \(destination): \(String(cString: strerror(errno)))")
        }
        defer { fclose(out) }
        var output = EngineOutput(file: out)
        var counts = (drops: 0, rejects: 0)
        for (kind, suffix) in [("drop", ".drops.jsonl"), ("reject", ".rejects.jsonl")] {
            guard let data = FileManager.default.contents(atPath: stem + suffix) else { continue }
            for line in data.split(separator: 0x0A) where !line.isEmpty {
                let value: JSONValue
                do { value = try line.withUnsafeBytes { (raw) throws(JSONParseError) in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) } } catch {
                    throw CopydeskError(exitCode: CopydeskError.ioError, message: "the part run's \(kind)s file is damaged: \(error)")
                }
                let source = value["source"]
                let location = SourceLocation(
                    path: source?["path"]?.stringValue ?? "", line: source?["line"]?.intValue, record: source?["record"]?.intValue)
                try output.write(EngineKey(location, files: files).text + "\t" + kind + "\t")
                try output.write(line)
                try output.write([0x0A])
                if kind == "drop" { counts.drops += 1 } else { counts.rejects += 1 }
            }
        }
        try output.flush()
        return counts
    }
}

/// The last stage of `documents --part before`: writes each document, keyed, to stdout in input order.
final class EngineSink: CorpusStage {
    private let files: [String: Int]
    private var output = EngineOutput()
    /// Documents written so far.
    private(set) var written = 0

    init(files: [String: Int]) { self.files = files }

    /// How the sink appears in the part run's stage list (the run is given the instance; `make` is unused).
    static let descriptor: StageDescriptor = {
        StageDescriptor(id: "engine-output", summary: "Writes documents for the next engine mode.", options: []) { _, _ in EngineSink(files: [:]) }
    }()

    func consume(_ document: Document, prepared: Void?, into output: inout some CorpusOutput) throws(StageError) {
        do {
            try self.output.write(EngineKey(document.source, files: files).text + "\t")
            try self.output.write(DocumentRecord.line(document, includeHTML: true))
            written += 1
        } catch {
            throw StageError(.io, error.message)
        }
    }

    func finish(into output: inout some CorpusOutput) throws(StageError) {}

    func finishOutput() throws(CopydeskError) { try output.flush() }
}

/// `FILE<TAB>POSITION<TAB>RECORD` lines from stdin as documents, in order.
struct KeyedRecords: DocumentSource {
    private var lines = EngineLineReader()
    private(set) var stats = InputStats()
    /// Input paths met, by file number, for keying drops and rejects (shared by the runner's copy).
    let files = FileNumbers()

    mutating func next() throws(InputError) -> InputItem? {
        guard let (number, bytes) = lines.next() else { return nil }
        stats.documents += 1
        return bytes.withUnsafeBufferPointer { (buffer) -> InputItem in
            do throws(CopydeskError) {
                let fields = try EngineInput.fields(buffer, 3, line: number)
                let file = try EngineInput.int(fields[0], line: number)
                let value = try EngineInput.json(fields[2], line: number)
                let document: Document
                do throws(DocumentRejection) {
                    document = try DocumentRecord.read(value, source: SourceLocation(path: "-", line: number))
                } catch {
                    throw EngineInput.malformed(number, error.reason)
                }
                files.numbers[document.source.path] = file
                return .document(document)
            } catch {
                stats.documents -= 1
                stats.rejected += 1
                return .rejected(Rejection(source: SourceLocation(path: "-", line: number), stage: "input", reason: error.message))
            }
        }
    }
}

/// Input paths by file number, filled while reading.
final class FileNumbers {
    var numbers: [String: Int] = [:]
}

/// Standard input's lines, one at a time.
struct EngineLineReader {
    private var line: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var number = 0
    private let input = fdopen(0, "r")

    mutating func next() -> (Int, [UInt8])? {
        var length = getline(&line, &capacity, input)
        guard length >= 0, let line else { return nil }
        number += 1
        if length > 0, line[length - 1] == 0x0A { length -= 1 }
        return (number, line.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) })
    }
}
