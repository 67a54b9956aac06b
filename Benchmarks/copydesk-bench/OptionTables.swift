import ArgumentParser
import CopydeskCore
import CopydeskStages
import Foundation

/// `copydesk-bench option-tables`: the Markdown option table of every built-in stage (and of the pipeline
/// file's `input:` and `run:` sections), generated from the option declarations. With `--write DIR`, the
/// tables between `<!-- options:begin ID -->` and `<!-- options:end -->` in every Markdown page under DIR
/// are rewritten in place (`swift run copydesk-bench option-tables --write docs`); a test checks they are current.
struct OptionTables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "option-tables",
        abstract: "Print each built-in stage's options as a Markdown table, or rewrite the marked tables of the docs (from the declarations).")

    @Option(name: .long, help: "Rewrite the marked option tables of every .md page under this folder (e.g. docs).")
    var write: String?

    func run() throws {
        let tables = OptionTableDocs.tables(for: BuiltInStages.registry)
        guard let folder = write else {
            for descriptor in BuiltInStages.registry.descriptors {
                print("### \(descriptor.id) (\(descriptor.kind.rawValue))\n")
                print(OptionTableDocs.markdown(descriptor.options))
            }
            return
        }
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw ValidationError("\(folder) is not a folder; give the docs folder, e.g. --write docs")
        }
        let pages = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
        var rewritten = 0
        for page in pages {
            let path = folder + "/" + page
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let updated: String
            do {
                updated = try OptionTableDocs.regenerate(text, tables: tables)
            } catch {
                throw ValidationError("\(path): \(error)")
            }
            guard updated != text else { continue }
            try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print("rewrote the option tables of \(path)")
            rewritten += 1
        }
        print("\(rewritten) of \(pages.count) pages under \(folder) rewritten; the others are current")
    }
}
