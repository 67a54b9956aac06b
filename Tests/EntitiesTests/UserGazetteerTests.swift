import CopydeskCore
import CopydeskTesting
import Entities
import Testing

@Suite("user gazetteers")
struct UserGazetteerTests {
    static func stage(_ entries: [[String: OptionValue]]) throws -> any DocumentStage {
        let list = OptionValue.list(entries.map { fields in .map(fields.sorted { $0.key < $1.key }.map { KeyedOptionValue(key: $0.key, value: $0.value) }) })
        let options = try EntitiesStage.descriptor.defaultOptions(overriding: ["gazetteer": list])
        guard case .document(let stage) = try EntitiesStage.descriptor.make(options, StageContext()) else { throw ConfigError("not a document stage") }
        return stage
    }

    @Test("a user entry takes precedence over the tagger, with its name for every alias")
    func precedence() throws {
        let stage = try Self.stage([
            ["name": .string("Jackie Walker Foundation"), "type": .string("ORG"), "aliases": .list([.string("Walker"), .string("JWF")])],
        ])
        let text = "Jackie Walker spoke. Walker said the JWF would act."
        let result = try stage.apply(to: makeDocument("u", text: text))
        let entities = result.document.entities ?? []
        let org = entities.first { $0.name == "Jackie Walker Foundation" }
        #expect(org?.type == "ORG")
        #expect(org?.mentions.map(\.text) == ["Walker", "Walker", "JWF"] || org?.mentions.map(\.text) == ["Walker", "JWF"])
        #expect(offsetsAreExact(entities, in: text))
    }

    @Test("entries of rule types are placed too, and lower-case entries match lower-case text")
    func otherTypes() throws {
        let stage = try Self.stage([["name": .string("copydesk"), "type": .string("ORG")]])
        let result = try stage.apply(to: makeDocument("u", text: "We built copydesk in Swift."))
        #expect(result.document.entities?.first { $0.name == "copydesk" }?.type == "ORG")
    }

    @Test("a missing model file is a positioned configuration error saying what to do")
    func missingModel() {
        do {
            let options = try EntitiesStage.descriptor.defaultOptions(overriding: ["model": .string("/nonexistent/x.model")])
            _ = try EntitiesStage.descriptor.make(options, StageContext())
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("copydesk-train"))
        }
    }
}

@Suite("stage options")
struct StageOptionTests {
    @Test("types keeps only the listed entity types")
    func types() throws {
        let options = try EntitiesStage.descriptor.defaultOptions(overriding: ["types": .list([.string("PERSON"), .string("MONEY")])])
        guard case .document(let stage) = try EntitiesStage.descriptor.make(options, StageContext()) else { throw ConfigError("not a document stage") }
        let result = try stage.apply(to: makeDocument("t", text: "Jackie Walker paid £3,000 to Momentum in London on Friday."))
        let types = Set((result.document.entities ?? []).map(\.type))
        #expect(types == ["PERSON", "MONEY"])
    }

    @Test("the stage never drops a document and fills entities even when there are none")
    func neverDrops() throws {
        let options = try EntitiesStage.descriptor.defaultOptions()
        guard case .document(let stage) = try EntitiesStage.descriptor.make(options, StageContext()) else { throw ConfigError("not a document stage") }
        let result = try stage.apply(to: makeDocument("e", text: ""))
        #expect(result.verdict == .keep)
        #expect(result.document.entities == [])
    }
}
