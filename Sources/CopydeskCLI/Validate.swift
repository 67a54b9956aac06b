import ArgumentParser
import CopydeskCore
import Foundation

extension CopydeskCommand {
    /// `copydesk validate PIPELINE.yaml`
    struct Validate: RegistryCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a pipeline file and every stage's options without running it.",
            discussion: """
                Errors carry file:line:column and, for a misspelt key or stage, the nearest valid name.
                Example:
                  copydesk validate pipelines/news.yaml
                """)

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        func run(registry: StageRegistry) throws {
            let logger = LoggingSetup.bootstrap(verbose: false)
            do {
                let loaded = try Pipeline.load(path: pipeline, registry: registry)
                _ = try loaded.instantiate(context: StageContext(pipelineFile: pipeline, logger: logger))
                try OutputCheck.check(loaded, paths: PipelineRunner(pipeline: loaded, context: StageContext()).outputPaths, inputs: [])
                let stages = loaded.stages.map(\.descriptor.id).joined(separator: " → ")
                print("\(pipeline): ok (\(stages))")
            } catch {
                fail(CopydeskError(error))
            }
        }
    }

    /// `copydesk stages`
    struct Stages: RegistryCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every registered stage with its options, types and defaults.")

        func run(registry: StageRegistry) throws {
            print(StageCatalog.describe(registry), terminator: "")
        }
    }
}
