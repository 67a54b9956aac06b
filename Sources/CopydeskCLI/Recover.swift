import ArgumentParser
import CopydeskCore
import Foundation

extension CopydeskCommand {
    /// `copydesk recover PIPELINE.yaml [--output PATH] [--report PATH]`
    struct Recover: RegistryCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo a commit a killed run left unfinished, and remove the temporary files of killed runs.",
            discussion: """
                Every `copydesk run` does this first; `recover` does only this, for readers that want the
                outputs consistent before the next run (see docs/outputs.md). Give the same --output and
                --report as the run. Prints what it did; exit 0 when nothing was left to do too.
                Example:
                  copydesk recover pipelines/news.yaml --output out/news.jsonl
                """)

        @Argument(help: "The pipeline file (YAML) of the run.")
        var pipeline: String

        @Option(name: .long, help: ArgumentHelp("The run's --output, if it gave one.", valueName: "path"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("The run's --report, if it gave one.", valueName: "path"))
        var report: String?

        func run(registry: StageRegistry) throws {
            let logger = LoggingSetup.bootstrap(verbose: false)
            var loaded: Pipeline
            do {
                loaded = try Pipeline.load(path: pipeline, registry: registry)
                if let output { try loaded.overrideOutput(output) }
            } catch {
                fail(CopydeskError(error))
            }
            if let report { loaded.report = report }
            let runner = PipelineRunner(pipeline: loaded, context: StageContext(pipelineFile: pipeline, logger: logger))
            do {
                let result = try runner.recover()
                print(result.rolledBack.map { "rolled back the unfinished commit of pid \($0)" } ?? "no unfinished commit")
                print("removed \(result.removed.count) file(s) left by killed runs")
            } catch {
                fail(error)
            }
        }
    }
}
