import ArgumentParser
import CopydeskCore
import CopydeskStages
import Foundation
import Logging

/// The `copydesk` command: argument parsing and wiring only; the work lives in CopydeskCore and the stages.
@main
struct Copydesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk",
        abstract: "Cleans news article dumps the way a copy desk cleans wire copy.",
        discussion: """
            Runs the stages a pipeline file declares (normalise, export, …) over files, directories or JSONL.

            Examples:
              copydesk run pipelines/news.yaml                       # the seeds → out/news.jsonl
              copydesk run pipelines/news.yaml --input dump.jsonl --output -   # JSONL to stdout
              copydesk validate pipelines/news.yaml
              copydesk report out/news.report.json                   # the run as an HTML page
              copydesk stages

            Exit codes: 0 success; 64 usage or pipeline-file error; 65 bad input data (run.on_bad_record: fail,
            or a corrupt dedupe index); 66 input not found; 74 I/O error (and a failing exec program);
            130 interrupted (Ctrl-C or SIGTERM: complete outputs and the report are still written).
            """,
        version: CopydeskVersion.current,
        subcommands: [Run.self, Validate.self, Stages.self, Report.self, Recover.self]
    )
}

/// Sends logs to stderr once per process; stdout carries records only.
enum LoggingSetup {
    static func bootstrap(verbose: Bool) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .notice
            return handler
        }
        return Logger(label: "copydesk")
    }
}

/// Prints `copydesk: error: …` to stderr and exits with the error's code.
func fail(_ error: CopydeskError) -> Never {
    FileHandle.standardError.write(Data("copydesk: \(error.message.hasPrefix("error") || error.message.contains(": error: ") ? "" : "error: ")\(error.message)\n".utf8))
    exit(error.exitCode)
}
