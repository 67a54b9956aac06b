import ArgumentParser
import CopydeskCore
import CopydeskReport
import Dedupe
import Foundation

extension CopydeskCommand {
    /// `copydesk clusters OUTPUT [--index PATH] [--members] [--json] [--min-size N] [--relation R] [--site S]`
    struct Clusters: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the duplicate clusters of a run's output, largest first.",
            discussion: """
                Reads a JSONL (.jsonl, .jsonl.gz, .jsonl.zst) or SQLite export written by a pipeline with a dedupe
                stage and lists its clusters largest first (ties by canonical id, numbers by value): size, relation
                mix, canonical id, published, site and title. A cluster whose canonical is an earlier run's (an
                incremental run with a dedupe index) is named from the index given with --index.
                Examples:
                  copydesk clusters out/news.jsonl
                  copydesk clusters out/news.sqlite --members --min-size 3
                  copydesk clusters out/dedupe.jsonl --index out/dedupe.index --relation syndicated --json
                """)

        @Argument(help: "A JSONL or SQLite export of a run (the run report names it under outputs.records).")
        var output: String

        @Option(name: .long, help: ArgumentHelp("The dedupe index of the run (its 'index:'), to name canonicals of earlier runs.", valueName: "path"))
        var index: String?

        @Flag(name: .long, help: "List each cluster's members under it.")
        var members = false

        @Flag(name: .long, help: "Write one JSON object per cluster (JSON Lines) instead of a table.")
        var json = false

        @Option(name: .customLong("min-size"), help: "Only clusters with at least this many documents in the output (1 lists documents alone too).")
        var minSize = 2

        @Option(name: .long, help: "Only clusters with a member of this relation: exact, near or syndicated.")
        var relation: String?

        @Option(name: .long, help: "Only clusters with a member from this site (the record's site, else its URL's host).")
        var site: String?

        func run() throws {
            guard minSize >= 1 else { fail(CopydeskError(exitCode: CopydeskError.usage, message: "--min-size must be 1 or more, not \(minSize)")) }
            if let relation, DuplicateInfo.Relation(rawValue: relation) == nil {
                let names = DuplicateInfo.Relation.allCases.map(\.rawValue)
                fail(CopydeskError(
                    exitCode: CopydeskError.usage,
                    message: "--relation must be \(names.dropLast().joined(separator: ", ")) or \(names.last ?? ""), not '\(relation)'"))
            }
            do {
                let (found, documents) = try OutputMembers.read(output)
                if documents > 0, found.isEmpty {
                    throw CopydeskError(
                        exitCode: CopydeskError.badData,
                        message: "\(output) has no duplicate clusters: its \(documents) records have no duplicate object (no dedupe stage ran); "
                            + "add '- use: dedupe' before the export in the pipeline")
                }
                var catalogue: IndexCatalogue?
                if let index {
                    do { catalogue = try IndexCatalogue.read(index) } catch {
                        throw CopydeskError(exitCode: FileManager.default.fileExists(atPath: index) ? CopydeskError.badData : CopydeskError.noInput, message: error.message)
                    }
                }
                let listing = ClusterListing(
                    members: found, documents: documents, filter: .init(minSize: minSize, relation: relation, site: site), index: catalogue)
                let out = json ? listing.json(members: members) : Array(listing.text(members: members).utf8)
                FileHandle.standardOutput.write(Data(out))
                var note = "\(listing.clusters.count) cluster\(listing.clusters.count == 1 ? "" : "s") listed (of \(documents) documents in \(output))"
                if listing.unresolved > 0 {
                    note += "; \(listing.unresolved) with a canonical from an earlier run not named here"
                        + (index == nil ? ": give the dedupe index with --index" : " (not in \(index!))")
                }
                FileHandle.standardError.write(Data((note + "\n").utf8))
            } catch let error as CopydeskError {
                fail(error)
            }
        }
    }
}
