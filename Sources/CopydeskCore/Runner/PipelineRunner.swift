import Foundation
import Logging

/// Runs a pipeline: reads inputs in order; every maximal run of per-document stages (with the parallel
/// part of the corpus-wide stage after it) runs on worker threads in batches, wherever it stands, with
/// input order restored before the next corpus-wide stage, which runs in order (see ``Execution``). Memory is bounded by the number of batches in flight. Every input item
/// ends as output, a drop or a rejection, and the report proves it.
public final class PipelineRunner {
    public let pipeline: Pipeline
    public let context: StageContext
    /// Called from the driver thread about every quarter second.
    public var onProgress: ((RunProgress) -> Void)?
    /// Set to stop the run early; the run then ends with status "interrupted" and exit code 130.
    public var cancellation: CancellationFlag?

    public init(pipeline: Pipeline, context: StageContext) {
        self.pipeline = pipeline
        self.context = context
    }

    /// Where the report, drops and rejects go: next to the last output file, or next to `report:`.
    /// When the last output is stdout (`-`), a device or a pipe (`/dev/stdout`, `/dev/full`, a FIFO), there
    /// is no directory to put them in: without `report:` (`--report`) the run writes no report, and drops
    /// and rejects go to stderr as warnings.
    public struct OutputPaths: Sendable {
        public var report: String?
        public var drops: String?
        public var rejects: String?
        /// Where a failed run's report goes, so that the previous good report stays beside the previous outputs.
        public var failedReport: String?
        /// The commit journal (see ``CommitJournal``).
        public var journal: String?
    }

    public var outputPaths: OutputPaths {
        let base: String
        if let report = pipeline.report {
            base = Self.stem(report, removing: [".report.json", ".json"])
            return OutputPaths(
                report: report, drops: base + ".drops.jsonl", rejects: base + ".rejects.jsonl",
                failedReport: Self.stem(report, removing: [".json"]) + ".failed.json", journal: CommitJournal.path(forReport: report))
        }
        guard let output = pipeline.lastOutputPath, !AtomicFile.isStream(output) else { return OutputPaths() }
        base = Self.stem(
            output,
            removing: [".jsonl.gz", ".jsonl.zst", ".jsonl", ".ndjson.gz", ".ndjson.zst", ".ndjson", ".csv.gz", ".csv.zst", ".csv", ".sqlite", ".db",
                       ".json", ".html"])
        let report = base + ".report.json"
        return OutputPaths(
            report: report, drops: base + ".drops.jsonl", rejects: base + ".rejects.jsonl", failedReport: base + ".report.failed.json",
            journal: CommitJournal.path(forReport: report))
    }

    /// The files the all-or-nothing commit covers: every output and state file that is a real file
    /// (not stdout, a device or a pipe), the report last.
    var committedFiles: [String] {
        let paths = outputPaths
        return OutputCheck.outputs(of: pipeline, paths: paths).map(\.path).filter { $0 != paths.report && !AtomicFile.isStream($0) }
            + (paths.report.map { [$0] } ?? [])
    }

    /// What ``recover()`` did.
    public struct Recovery: Sendable {
        /// The process whose unfinished commit was rolled back, if any.
        public var rolledBack: Int32?
        /// Temporary files and backups of runs that are gone, removed.
        public var removed: [String] = []
    }

    /// Rolls back a commit a killed run left unfinished, then removes the temporary files and backups of
    /// runs that are gone, beside every output. Called before a run opens anything.
    @discardableResult
    public func recover() throws(CopydeskError) -> Recovery {
        var result = Recovery()
        let paths = outputPaths
        if let journal = paths.journal {
            do { result.rolledBack = try CommitJournal.recover(journal: journal, logger: context.logger)?.stamp.pid } catch {
                throw CopydeskError(error)
            }
            result.removed += StaleFiles.sweep(beside: journal)
        }
        for path in committedFiles + (paths.failedReport.map { [$0] } ?? []) {
            result.removed += StaleFiles.sweep(beside: path)
        }
        for removed in result.removed { context.logger.info("removed \(removed), left by a run that was killed") }
        return result
    }

    /// Test-only: milliseconds to pause after writing the commit journal and after each rename of the
    /// commit (`COPYDESK_TEST_COMMIT_PAUSE_MS`), so that a kill test can land inside the commit.
    static let commitPauseMicroseconds: UInt32 = {
        guard let text = ProcessInfo.processInfo.environment["COPYDESK_TEST_COMMIT_PAUSE_MS"], let ms = UInt32(text) else { return 0 }
        return min(ms, 60_000) * 1000
    }()

    static func pauseInCommit() {
        if commitPauseMicroseconds > 0 { usleep(commitPauseMicroseconds) }
    }

    static func stem(_ path: String, removing suffixes: [String]) -> String {
        for suffix in suffixes where path.hasSuffix(suffix) && path.count > suffix.count {
            return String(path.dropLast(suffix.count))
        }
        return path
    }

    /// Runs the pipeline over its `input:` paths to the end. Throws a ``CopydeskError`` carrying the exit code.
    @discardableResult
    public func run() throws(CopydeskError) -> RunReport {
        let plan: InputPlan
        do { plan = try InputPlan.expand(pipeline.input.paths, format: pipeline.input.format) } catch { throw CopydeskError(error) }
        do { try OutputCheck.check(pipeline, paths: outputPaths, inputs: plan.files.map(\.path)) } catch { throw CopydeskError(error) }
        return try run(source: InputReader(plan: plan, options: pipeline.input))
    }

    /// Runs the pipeline over any source of documents (in-memory sources in tests). `instances`, when
    /// given, replaces building the stages from their descriptors (one per configured stage).
    @discardableResult
    public func run<Source: DocumentSource>(source: Source, instances given: [StageInstance]? = nil) throws(CopydeskError) -> RunReport {
        let started = StageClock.wall()
        let startedCPU = StageClock.processCPU()
        var report = RunReport(pipeline: pipeline.file)
        var metadata = context.run ?? RunMetadata.starting(pipeline)
        report.run = metadata
        let instances: [StageInstance]
        if let given {
            precondition(given.count == pipeline.stages.count, "one instance per configured stage")
            instances = given
        } else {
            var context = context
            context.cancellation = context.cancellation ?? cancellation
            context.run = metadata
            do { instances = try pipeline.instantiate(context: context) } catch { throw CopydeskError(error) }
        }

        let paths = outputPaths
        try recover()
        let outcomes: OutcomeLog
        do {
            outcomes = try OutcomeLog(dropsPath: paths.drops, rejectsPath: paths.rejects, logger: context.logger)
        } catch {
            throw CopydeskError(error)
        }
        let execution = Execution(
            pipeline: pipeline, instances: instances, outcomes: outcomes, logger: context.logger, onProgress: onProgress,
            cancellation: cancellation)
        defer { execution.shutdown() }
        report.workers = execution.workers
        var reader = source
        var journal: CommitJournal?
        do throws(CopydeskError) {
            try execution.startStages()
            try execution.process(&reader, started: started)
            try execution.finishStages()
            do { try outcomes.seal() } catch { throw CopydeskError(error) }
            report.input = execution.inputStats(reader.stats)
            if let path = paths.journal {
                do { journal = try CommitJournal.begin(journal: path, outputs: committedFiles) } catch { throw CopydeskError(error) }
                Self.pauseInCommit()
            }
            try execution.commitStages()
            do { try outcomes.commit() } catch { throw CopydeskError(error) }
            Self.pauseInCommit()
            // A stage blocked in `finish` (an exec program) may have been woken by an interruption after reading ended.
            if cancellation?.isCancelled == true { execution.interrupted = true }
            execution.fill(&report)
            if let drops = paths.drops { report.outputs["drops"] = drops }
            if let rejects = paths.rejects { report.outputs["rejects"] = rejects }
            if let output = pipeline.lastOutputPath { report.outputs["records"] = output }
            if let path = paths.report { report.outputs["report"] = path }
            if journal != nil {
                for path in committedFiles where path != paths.report {
                    if let hash = SHA256.file(path) { report.outputHashes[path] = hash }
                }
            }
            report.wallSeconds = StageClock.wall() - started
            report.cpuSeconds = StageClock.processCPU() - startedCPU
            metadata.finished = RunMetadata.timestamp()
            report.run = metadata
            if execution.interrupted {
                report.status = .interrupted
                report.error = "interrupted: stopped reading after \(report.documentsIn) input items; everything read was processed and written"
            }
            if let path = paths.report {
                do { try AtomicFile.write(report.json(), to: path) } catch { throw CopydeskError(error) }
                Self.pauseInCommit()
            }
            do { try journal?.complete() } catch { throw CopydeskError(error) }
            if let failed = paths.failedReport { unlink(failed) }
        } catch {
            report.input = execution.inputStats(reader.stats)
            execution.collectCounters()
            execution.abortStages()
            outcomes.abort()
            journal?.rollBack()
            report.status = .failed
            report.error = error.message
            report.outputs = [:]
            report.outputHashes = [:]
            execution.fill(&report)
            report.wallSeconds = StageClock.wall() - started
            report.cpuSeconds = StageClock.processCPU() - startedCPU
            metadata.finished = RunMetadata.timestamp()
            report.run = metadata
            // Beside the previous outputs, the previous report stays: this one goes under its own name.
            if let path = paths.failedReport { try? AtomicFile.write(report.json(), to: path) }
            throw error
        }
        return report
    }
}
