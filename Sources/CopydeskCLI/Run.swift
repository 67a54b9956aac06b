import ArgumentParser
import CopydeskCore
import Foundation

extension CopydeskCommand {
    /// `copydesk run PIPELINE.yaml [--input PATH]… [--output PATH]`
    struct Run: RegistryCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline file over its inputs.",
            discussion: """
                Examples:
                  copydesk run pipelines/news.yaml
                  copydesk run pipelines/news.yaml --input articles/ --output out/articles.jsonl
                  cat dump.jsonl | copydesk run pipelines/news.yaml --input - --output - > clean.jsonl

                The run report (<output>.report.json) and the drops and rejects outputs
                (<output>.drops.jsonl, <output>.rejects.jsonl) are written next to the last export's file;
                when that is stdout, a device or a pipe, only with --report (else drops and rejects are
                logged to stderr). The export's format follows the ending (.jsonl, .jsonl.gz, .jsonl.zst,
                .csv, .sqlite, .db) unless the pipeline sets 'format'. Outputs are committed all or none
                (docs/outputs.md); a failed run's report is <report>.failed.json.
                """)

        @Argument(help: "The pipeline file (YAML), e.g. pipelines/news.yaml.")
        var pipeline: String

        @Option(name: .long, help: ArgumentHelp("Replace the pipeline's inputs (repeatable); '-' reads JSONL from stdin.", valueName: "path"))
        var input: [String] = []

        @Option(name: .long, help: ArgumentHelp("Replace the path of the pipeline's last export; '-' writes JSONL to stdout.", valueName: "path"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("Write the run report here (drops and rejects go beside it).", valueName: "path"))
        var report: String?

        @Option(name: .long, help: "Worker threads for per-document stages (default: one per core).")
        var workers: Int?

        @Option(name: .customLong("on-bad-record"), help: "skip: bad records go to the rejects output; fail: stop with exit code 65.")
        var onBadRecord: String?

        @Option(name: .customLong("progress-interval"), help: ArgumentHelp(
            "When stderr is not a terminal (nohup, cron, CI), log progress every this many seconds; 0: never. On a terminal the progress line is live.",
            valueName: "seconds"))
        var progressInterval: Double = 30

        @Flag(name: .shortAndLong, help: "Print no progress and no summary at the end.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "Log debugging detail to stderr.")
        var verbose = false

        func run(registry: StageRegistry) throws {
            // SIGINT or SIGTERM (Ctrl-C, a service manager, `timeout`, `kill`) stops reading; what is in
            // flight finishes and is written with the report. A second one exits at once (outputs stay
            // under their temporary names, never half-written finals). Set up before any thread starts.
            let cancellation = CancellationFlag()
            InterruptSignals.watch { _ in
                if cancellation.isCancelled {
                    FileHandle.standardError.write(Data("\ncopydesk: interrupted twice; stopping now without writing outputs\n".utf8))
                    Foundation.exit(130)
                }
                cancellation.cancel()
                FileHandle.standardError.write(Data(
                    "\ncopydesk: interrupted; finishing the documents in flight and writing outputs (Ctrl-C again to stop now)\n".utf8))
            }
            let logger = LoggingSetup.bootstrap(verbose: verbose)
            var loaded: Pipeline
            do {
                loaded = try Pipeline.load(path: pipeline, registry: registry)
                if !input.isEmpty { loaded.input.paths = input }
                if let output { try loaded.overrideOutput(output) }
            } catch {
                fail(CopydeskError(error))
            }
            if let report { loaded.report = report }
            if let workers {
                guard (0...1024).contains(workers) else {
                    fail(CopydeskError(exitCode: CopydeskError.usage, message: "--workers must be 0 (all cores) to 1024, not \(workers)"))
                }
                loaded.run.workers = workers
            }
            guard progressInterval >= 0, progressInterval.isFinite else {
                fail(CopydeskError(exitCode: CopydeskError.usage, message: "--progress-interval must be a number of seconds, 0 or more (0: no progress lines), not \(progressInterval)"))
            }
            if let onBadRecord {
                guard let policy = RunOptions.BadRecordPolicy(rawValue: onBadRecord) else {
                    fail(CopydeskError(exitCode: CopydeskError.usage, message: "--on-bad-record must be 'skip' or 'fail', not '\(onBadRecord)'"))
                }
                loaded.run.onBadRecord = policy
            }
            let runner = PipelineRunner(pipeline: loaded, context: StageContext(pipelineFile: pipeline, logger: logger))
            runner.cancellation = cancellation
            // Past a file-size limit (ulimit -f) a write fails with EFBIG and the run ends with a clear
            // error and exit 74, instead of the default SIGXFSZ killing the process mid-write.
            signal(SIGXFSZ, SIG_IGN)
            // On a terminal a live line; otherwise a log line every --progress-interval seconds.
            var display: ProgressDisplay?
            if !quiet {
                if isatty(2) == 1 {
                    display = ProgressDisplay(mode: .live)
                } else if progressInterval > 0 {
                    display = ProgressDisplay(mode: .log(interval: progressInterval, logger: logger))
                }
            }
            if display != nil {
                runner.onProgress = { progress in display?.show(progress) }
            }
            let result: RunReport
            do {
                result = try runner.run()
            } catch {
                display?.end(failed: true)
                fail(error)
            }
            display?.end(failed: false)
            if !quiet {
                var text = result.summary() + "\n"
                for key in ["records", "drops", "rejects", "report"] {
                    if let path = result.outputs[key], path != "-" { text += "\(key): \(path)\n" }
                }
                FileHandle.standardError.write(Data(text.utf8))
            }
            if result.status == .interrupted {
                FileHandle.standardError.write(Data("copydesk: \(result.error ?? "interrupted")\n".utf8))
                throw ExitCode(130)
            }
        }
    }
}
