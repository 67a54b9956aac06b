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

    func run() throws {
        let documents = try loadTexts(data)
        let recogniser = EntityRecogniser(model: try TaggerModel.builtIn())
        let wanted = Set(types.split(separator: ",").map { String($0) })
        var counts: [String: [String: Int]] = [:]
        for document in documents {
            for entity in recogniser.entities(in: document.text) where wanted.contains(entity.type) {
                counts[entity.type, default: [:]][entity.name, default: 0] += 1
            }
        }
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
