import Foundation

/// What a run did: the accounting (in = out + dropped + rejected), per-stage stats, outputs, timings.
public struct RunReport: Sendable {
    public var pipeline: String
    /// Version, start and end time, host, pipeline, inputs and workers of the run (`run` in the JSON).
    public var run: RunMetadata?
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
        run?.write(into: &w)
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
}
