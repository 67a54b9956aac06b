import Foundation

/// Who ran what, where and when: the run report's `run` object (`run.version`, `run.started`,
/// `run.finished`, `run.host`, `run.pipeline`, `run.inputs`, `run.workers`) and what an output that
/// describes its run (the SQLite export's `runs` table) records. Times are ISO 8601 in UTC, to the second.
public struct RunMetadata: Sendable, Equatable {
    /// The copydesk version that ran.
    public var version: String
    /// When the run started.
    public var started: String
    /// When the run ended (`nil` while it runs).
    public var finished: String?
    /// The machine's host name.
    public var host: String
    /// The pipeline file (as given on the command line; `""` for a pipeline built in code).
    public var pipeline: String
    /// The input paths as the run was given them (`--input` or the pipeline's `input.paths`).
    public var inputs: [String]
    /// Worker threads for per-document stages.
    public var workers: Int

    public init(
        version: String = CopydeskVersion.current, started: String, finished: String? = nil, host: String = RunMetadata.hostName(),
        pipeline: String, inputs: [String], workers: Int
    ) {
        self.version = version
        self.started = started
        self.finished = finished
        self.host = host
        self.pipeline = pipeline
        self.inputs = inputs
        self.workers = workers
    }

    /// The metadata of a run of `pipeline` starting now.
    public static func starting(_ pipeline: Pipeline) -> RunMetadata {
        RunMetadata(started: timestamp(), pipeline: pipeline.file, inputs: pipeline.input.paths, workers: pipeline.run.effectiveWorkers)
    }

    /// A time (seconds since 1970; now when `nil`) as ISO 8601 in UTC to the second: `2026-12-03T04:05:06Z`.
    public static func timestamp(_ secondsSince1970: Int? = nil) -> String {
        var seconds = secondsSince1970.map { time_t($0) } ?? time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// This machine's host name (`gethostname`), `"unknown"` when it has none.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name
    }

    /// Writes the `run` object under `key`.
    public func write(into writer: inout JSONWriter, key: String? = "run") {
        writer.beginObject(key)
        writer.string("version", version)
        writer.string("started", started)
        writer.string("finished", finished)
        writer.string("host", host)
        writer.string("pipeline", pipeline)
        writer.beginArray("inputs")
        for input in inputs { writer.string(nil, input) }
        writer.endArray()
        writer.int("workers", workers)
        writer.endObject()
    }
}
