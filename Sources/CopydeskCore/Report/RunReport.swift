import Foundation

/// What a run did: the accounting (in = out + dropped + rejected), per-stage stats, outputs, timings.
public struct RunReport: Sendable {
    public var pipeline: String
    /// The directory the run started in: relative paths in the report are relative to it.
    public var directory = FileManager.default.currentDirectoryPath
    /// How the run ended; written as `"ok"`, `"interrupted"` or `"failed"`.
    public var status: RunStatus = .ok
    public var error: String?
    public var workers = 1
    public var input = InputStats()
    /// Documents that left the last stage.
    public var documentsOut = 0
    public var dropped = 0
    public var rejected = 0
    public var stages: [StageStats] = []
    public var outputs: [String: String] = [:]
    /// The SHA-256 of every file the run committed besides the report (exports, index, drops, rejects),
    /// by path: what `sha256sum` prints for them as long as they are this run's outputs.
    public var outputHashes: [String: String] = [:]
    public var wallSeconds = 0.0
    public var cpuSeconds = 0.0

    public init(pipeline: String) { self.pipeline = pipeline }

    /// Every input item: documents read plus records rejected while reading.
    public var documentsIn: Int { input.documents + input.rejected }

    /// Whether every input item is accounted for.
    public var balanced: Bool { documentsIn == documentsOut + dropped + rejected }

    /// The report as JSON.
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("pipeline", pipeline)
        w.string("directory", directory)
        w.string("status", status.rawValue)
        w.string("error", error)
        w.int("workers", workers)
        w.beginObject("documents")
        w.int("in", documentsIn)
        w.int("out", documentsOut)
        w.int("dropped", dropped)
        w.int("rejected", rejected)
        w.bool("balanced", balanced)
        w.endObject()
        w.beginObject("input")
        w.int("files", input.files)
        w.int("bytes", Int(input.bytes))
        w.int("documents", input.documents)
        w.int("rejected", input.rejected)
        w.int("invalid_utf8_repaired_documents", input.repairedDocuments)
        w.int("invalid_utf8_repaired_sequences", input.repairedSequences)
        w.beginArray("skipped_files")
        for skipped in input.skippedFiles {
            w.beginObject()
            w.string("path", skipped.path)
            w.string("reason", skipped.reason)
            w.endObject()
        }
        w.endArray()
        w.beginObject("skipped_records")
        for kind in input.skippedRecords.keys.sorted() { w.int(kind, input.skippedRecords[kind]) }
        w.endObject()
        w.int("duplicate_keys", input.duplicateKeys)
        w.beginObject("field_misses")
        for field in input.fieldMisses.keys.sorted() { w.int(field, input.fieldMisses[field]) }
        w.endObject()
        w.endObject()
        w.beginArray("stages")
        for stage in stages {
            w.beginObject()
            w.string("id", stage.id)
            w.string("kind", stage.kind.rawValue)
            w.int("in", stage.documentsIn)
            w.int("out", stage.documentsOut)
            w.int("dropped", stage.dropped)
            w.int("rejected", stage.rejected)
            w.double("wall_seconds", stage.wallSeconds)
            w.double("busy_seconds", stage.busySeconds)
            w.double("cpu_seconds", stage.cpuSeconds)
            w.int("threads", stage.threads)
            if !stage.counters.isEmpty {
                w.beginObject("counters")
                for key in stage.counters.keys.sorted() { w.int(key, stage.counters[key]) }
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.beginObject("outputs")
        for key in outputs.keys.sorted() { w.string(key, outputs[key]) }
        w.endObject()
        w.beginObject("output_sha256")
        for key in outputHashes.keys.sorted() { w.string(key, outputHashes[key]) }
        w.endObject()
        w.double("wall_seconds", wallSeconds)
        w.double("cpu_seconds", cpuSeconds)
        w.endObject()
        var bytes = w.bytes
        bytes.append(0x0A)
        return bytes
    }

    /// A table for people: one line per stage, then the accounting.
    public func summary() -> String {
        func seconds(_ value: Double) -> String {
            let rounded = (value * 1000).rounded() / 1000
            return "\(rounded)s"
        }
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        var lines = ["\(pad("stage", 12)) \(pad("in", 9)) \(pad("out", 9)) \(pad("dropped", 8)) \(pad("rejected", 9)) \(pad("wall", 9)) cpu"]
        lines.append("\(pad("input", 12)) \(pad(String(documentsIn), 9)) \(pad(String(input.documents), 9)) \(pad("0", 8)) \(pad(String(input.rejected), 9))")
        for stage in stages {
            lines.append("\(pad(stage.id, 12)) \(pad(String(stage.documentsIn), 9)) \(pad(String(stage.documentsOut), 9)) \(pad(String(stage.dropped), 8)) \(pad(String(stage.rejected), 9)) \(pad(seconds(stage.wallSeconds), 9)) \(seconds(stage.cpuSeconds))")
        }
        lines.append("documents: \(documentsIn) in = \(documentsOut) out + \(dropped) dropped + \(rejected) rejected"
            + (balanced ? "" : "  (UNBALANCED: this is a bug, please report it)")
            + "; \(seconds(wallSeconds)) wall, \(seconds(cpuSeconds)) cpu, \(workers) worker\(workers == 1 ? "" : "s")")
        for stage in stages where !stage.counters.isEmpty {
            let counts = stage.counters.keys.sorted().map { "\($0) \(stage.counters[$0]!)" }.joined(separator: ", ")
            lines.append("\(stage.id): \(counts)")
        }
        if input.repairedDocuments > 0 {
            lines.append("invalid UTF-8 repaired in \(input.repairedDocuments) document(s) (\(input.repairedSequences) sequences)")
        }
        if !input.skippedRecords.isEmpty {
            let kinds = input.skippedRecords.keys.sorted().map { "\($0) \(input.skippedRecords[$0]!)" }.joined(separator: ", ")
            lines.append("WARC records that are not documents, skipped: \(kinds)")
        }
        if input.duplicateKeys > 0 {
            lines.append("\(input.duplicateKeys) JSON key(s) given twice in an input record; the last value was kept")
        }
        if !input.fieldMisses.isEmpty {
            let misses = input.fieldMisses.keys.sorted().map { "\($0) \(input.fieldMisses[$0]!)" }.joined(separator: ", ")
            lines.append("input.fields paths missing from records: \(misses)")
        }
        if !input.skippedFiles.isEmpty {
            lines.append("\(input.skippedFiles.count) file(s) skipped while reading directories (listed in the report)")
        }
        return lines.joined(separator: "\n")
    }
}
