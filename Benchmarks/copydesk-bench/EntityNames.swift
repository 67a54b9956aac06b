import ArgumentParser
import CopydeskCore
import Entities
import Foundation

/// `copydesk-bench entity-names`: the most frequent canonical names of each entity type over a JSONL
/// dump, for a person to review (agency style, wire abbreviations, headlines in capitals).
struct EntityNames: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity-names",
        abstract: "The most frequent entity names per type over a JSONL dump (documents naming each), for review.")

    @Option(help: "JSONL with a 'text' field.") var data = defaultReuters
    @Option(help: "Names listed per type.") var top = 50
    @Option(help: "Comma-separated types to list.") var types = "PERSON,ORG,LOC"
    @Option(help: "Also time the whole entities stage (as a pipeline builds it) over the dump on one thread, best of this many passes; 0: no timing.")
    var speedPasses = 0

    func run() throws {
        let documents = try loadTexts(data)
        let recogniser = EntityRecogniser(model: try TaggerModel.builtIn())
        let wanted = Set(types.split(separator: ",").map { String($0) })
        var counts: [String: [String: Int]] = [:]
        for document in documents {
            for entity in recogniser.entities(in: document.text) where wanted.contains(entity.type.rawValue) {
                counts[entity.type.rawValue, default: [:]][entity.name, default: 0] += 1
            }
        }
        if speedPasses > 0 { try printSpeed(documents) }
        print("entity names over \(documents.count) documents of \(data): documents naming each, top \(top) per type")
        for type in wanted.sorted() {
            let ranked = (counts[type] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            print("\n\(type) (\(ranked.count) distinct names)")
            for (rank, (name, count)) in ranked.prefix(top).enumerated() {
                print("\(pad(String(rank + 1), 4)) \(pad(String(count), 7)) \(name)")
            }
        }
    }
}

extension EntityNames {
    /// Tokens per CPU-second of one thread for the whole `entities` stage as a pipeline file builds it
    /// (tokeniser, tagger, rules, document pass, canonical names, the document's entity list), the same work
    /// the run report's stage CPU time counts.
    func printSpeed(_ documents: [Document]) throws {
        guard case .document(let stage) = try EntitiesStage.descriptor.make(EntitiesStage.descriptor.defaultOptions(), StageContext()) else {
            throw ValidationError("the entities stage is per-document")
        }
        let tokens = documents.reduce(0) { $0 + TokenizedText(text: $1.text).tokens.count }
        var best = Double.infinity
        var sink = 0
        for _ in 0..<speedPasses {
            var copies = documents
            let start = StageClock.threadCPU()
            for index in copies.indices {
                _ = try stage.process(&copies[index])
                sink &+= copies[index].entities?.count ?? 0
            }
            best = min(best, StageClock.threadCPU() - start)
        }
        precondition(sink >= 0)
        print("entities stage over \(documents.count) documents, \(tokens) tokens: \(format(Double(tokens) / best / 1000, 0))k tokens/s on one thread (CPU time, best of \(speedPasses))")
    }
}
