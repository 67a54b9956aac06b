import ArgumentParser
import CopydeskCore
import CopydeskStages

/// `copydesk-bench option-tables`: the Markdown option table of every built-in stage, generated from
/// the stages' option declarations, for docs/stages and the README.
struct OptionTables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "option-tables", abstract: "Print each built-in stage's options as a Markdown table (from its declaration).")

    func run() throws {
        for descriptor in BuiltInStages.registry.descriptors {
            print("### \(descriptor.id) (\(descriptor.kind.rawValue))\n")
            print(StageCatalog.markdownTable(descriptor))
        }
    }
}
