import CopydeskCore
import CopydeskTesting
import Entities
import Foundation
import Testing

/// The five seed articles through the real runner with the stage as the pipeline declares it.
@Suite("seed articles")
struct SeedTests {
    static let documents: [Document] = {
        let seeds = packageRoot.appendingPathComponent("seeds").path
        do {
            let plan = try InputPlan.expand([seeds], format: .auto)
            var reader = InputReader(plan: plan, options: InputOptions())
            var out: [Document] = []
            while let item = try reader.next() { if case .document(let d) = item { out.append(d) } }
            let options = try EntitiesStage.descriptor.defaultOptions()
            guard case .document(let stage) = try EntitiesStage.descriptor.make(options, StageContext()) else { return [] }
            return try runInMemory([.document(stage)], descriptors: [EntitiesStage.descriptor], documents: out).output
        } catch {
            fatalError("seeds: \(error)")
        }
    }()

    static func seed(_ prefix: String) -> Document { documents.first { $0.id.hasPrefix(prefix) }! }

    static func expect(_ document: Document, _ name: String, _ type: EntityType, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = document.entities?.first { $0.name == name }
        #expect(found?.type == type, "\(name) in \(document.id): \(found.map { "\($0.type)" } ?? "missing")", sourceLocation: sourceLocation)
    }

    @Test("000: Jackie Walker, Jeremy Corbyn, Manuel Cortes, Momentum, TSSA, Labour Party")
    func seed000() {
        let d = Self.seed("000")
        Self.expect(d, "Jackie Walker", "PERSON")
        Self.expect(d, "Jeremy Corbyn", "PERSON")
        Self.expect(d, "Manuel Cortes", "PERSON")
        Self.expect(d, "Momentum", "ORG")
        Self.expect(d, "TSSA", "ORG")
        Self.expect(d, "Labour Party", "ORG")
        let walker = d.entities?.first { $0.name == "Jackie Walker" }
        #expect(walker?.mentions.contains { $0.text == "Ms Walker" } == true)
        #expect((walker?.mentions.count ?? 0) >= 10)
        let corbyn = d.entities?.first { $0.name == "Jeremy Corbyn" }
        #expect(corbyn?.mentions.contains { $0.text == "Jeremy (Corbyn)" } == true)
    }

    @Test("001: Derby North and Leicester East as places, -58% as a percentage, Keir Starmer, NEC")
    func seed001() {
        let d = Self.seed("001")
        Self.expect(d, "Derby North", "LOC")
        Self.expect(d, "Leicester East", "LOC")
        Self.expect(d, "-58%", "PERCENT")
        Self.expect(d, "Chris Williamson", "PERSON")
        Self.expect(d, "Keir Starmer", "PERSON")
        Self.expect(d, "National Executive Committee", "ORG")
        let nec = d.entities?.first { $0.name == "National Executive Committee" }
        #expect(nec?.mentions.contains { $0.text == "NEC" } == true)
    }

    @Test("002 and 004: Jon Lansman and Chris Williamson with their surname mentions; Matt Zarb-Cousin")
    func seed002and004() {
        let d2 = Self.seed("002")
        Self.expect(d2, "Jon Lansman", "PERSON")
        Self.expect(d2, "Chris Williamson", "PERSON")
        #expect(d2.entities?.first { $0.name == "Jon Lansman" }?.mentions.contains { $0.text == "Mr Lansman" } == true)
        let d4 = Self.seed("004")
        Self.expect(d4, "Matt Zarb-Cousin", "PERSON")
        Self.expect(d4, "Peter Willsman", "PERSON")
    }

    @Test("003: #JC9 as a hashtag (twice in the text; the title is not text), Peter Willsman, Momentum")
    func seed003() {
        let d = Self.seed("003")
        Self.expect(d, "#JC9", "HASHTAG")
        Self.expect(d, "Peter Willsman", "PERSON")
        Self.expect(d, "Momentum", "ORG")
        #expect(d.entities?.first { $0.name == "#JC9" }?.mentions.count == 2)
    }

    @Test("every mention in every seed has exact code-point offsets, and one entity per name")
    func offsets() {
        #expect(Self.documents.count == 5)
        for d in Self.documents {
            let entities = d.entities ?? []
            #expect(!entities.isEmpty)
            #expect(offsetsAreExact(entities, in: d.text), "\(d.id)")
            let keys = entities.map { $0.name }
            #expect(Set(keys).count == keys.count, "\(d.id) names an entity twice")
        }
    }
}
