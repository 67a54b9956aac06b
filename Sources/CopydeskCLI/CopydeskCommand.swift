public import ArgumentParser
public import CopydeskCore
import Foundation

/// The `copydesk` command line — `run`, `validate`, `stages`, `report`, `clusters`, `recover` with their signals,
/// progress, exit codes and summary — parameterised by the stages it knows. A runner with stages of its
/// own needs a one-line `main.swift`:
///
/// ```swift
/// CopydeskCommand.main(registry: BuiltInStages.registry.adding(MyStage.descriptor))
/// ```
public struct CopydeskCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "copydesk",
        abstract: "Cleans news article dumps the way a copy desk cleans wire copy.",
        discussion: """
            Runs the stages a pipeline file declares (normalise, export, …) over files, directories or JSONL.

            Examples:
              copydesk run pipelines/news.yaml                       # the seeds → out/news.jsonl
              copydesk run pipelines/news.yaml --input dump.jsonl --output -   # JSONL to stdout
              copydesk validate pipelines/news.yaml
              copydesk report out/news.report.json                   # the run as an HTML page
              copydesk clusters out/news.jsonl --members             # duplicate clusters, largest first
              copydesk stages

            Exit codes: 0 success; 64 usage or pipeline-file error; 65 bad input data (run.on_bad_record: fail,
            or a corrupt dedupe index); 66 input not found; 74 I/O error (and a failing exec program);
            130 interrupted (Ctrl-C or SIGTERM: complete outputs and the report are still written).
            """,
        version: CopydeskVersion.current,
        subcommands: [Run.self, Validate.self, Stages.self, Report.self, Clusters.self, Recover.self, Engine.self]
    )

    public init() {}

    /// Parses the process's arguments, runs the chosen command with `registry` as the stages pipeline
    /// files may `use:`, and exits with the command's exit code (see docs/command-line.md).
    public static func main(registry: StageRegistry) -> Never {
        main(registry: registry, arguments: nil)
    }

    /// As ``main(registry:)``, with the arguments given (`nil`: the process's own, without its name).
    public static func main(registry: StageRegistry, arguments: [String]?) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if let needsRegistry = command as? any RegistryCommand {
                try needsRegistry.run(registry: registry)
            } else {
                try command.run()
            }
            exit(withError: nil)
        } catch {
            exit(withError: error)
        }
    }
}
