import CopydeskCore
import Entities
import Foundation
import Testing

@Suite("training and the model file")
struct TrainingTests {
    /// A few sentences written for this test, CoNLL layout (token, label), IOB2.
    static let sample = """
        -DOCSTART- O

        Jackie B-PER
        Walker I-PER
        met O
        officials O
        of O
        Momentum B-ORG
        in O
        London B-LOC
        . O

        Ms O
        Walker B-PER
        said O
        the O
        Labour B-ORG
        Party I-ORG
        would O
        act O
        . O

        -DOCSTART- O

        Keith B-PER
        Vaz I-PER
        visited O
        Leicester B-LOC
        and O
        the O
        BBC B-ORG
        on O
        Friday O
        . O

        """

    static func train(seed: UInt64) -> [UInt8] {
        let documents = TrainingCorpus.augmentCapitals(ConllReader.parse(sample).documents, seed: seed)
        let gazetteer = GazetteerTable.build([("london", .place), ("keith", .firstName), ("mr", .title)])
        let trainer = PerceptronTrainer(settings: .init(epochs: 4, bucketBits: 12, seed: seed))
        return trainer.train(documents, gazetteer: gazetteer).serialized()
    }

    @Test("the reader turns IOB labels and document markers into documents")
    func reader() {
        let result = ConllReader.parse(Self.sample)
        #expect(result.documents.count == 2)
        #expect(result.tokens == 28)
        #expect(EntityLabel.spans(result.documents[0].labels).map(\.type) == [0, 1, 2, 0, 1])
    }

    @Test("training is deterministic: the same seed gives the same bytes, another seed other bytes")
    func determinism() {
        let a = Self.train(seed: 7)
        let b = Self.train(seed: 7)
        #expect(a == b)
        #expect(a != Self.train(seed: 8))
    }

    @Test("a trained model reads back from its bytes and tags the same")
    func roundTrip() throws {
        let bytes = Self.train(seed: 7)
        let model = try TaggerModel(bytes: Data(bytes), source: "test")
        #expect(model.serialized() == bytes)
        let text = TokenizedText(text: "Jackie Walker met officials of Momentum in London.")
        #expect(model.tag(text).count == text.tokens.count)
    }

    @Test("a file that is not a model is refused with a message saying how to get one")
    func badFile() {
        #expect(throws: ModelError.self) { try TaggerModel(bytes: Data("not a model at all, just text".utf8), source: "x") }
        do {
            _ = try TaggerModel(bytes: Data(Self.train(seed: 7).prefix(100)), source: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("copydesk-train"))
        }
    }

    @Test("the built-in model loads, within the size budget")
    func builtIn() {
        #expect(sharedModel.byteCount <= 20_000_000)
        #expect(sharedModel.gazetteer.count > 100_000)
    }

    @Test("the built-in model is found without SwiftPM's bundle accessor: next to the executable, then the source tree")
    func builtInLocations() {
        let locations = TaggerModel.builtInResource.locations
        if let explicit = ProcessInfo.processInfo.environment["COPYDESK_ENTITIES_MODEL"], !explicit.isEmpty {
            // The environment variable names the one file to use.
            #expect(locations == [explicit])
        } else {
            #expect(locations.first?.hasSuffix("copydesk_Entities.resources/entities.model") == true)
            #expect(locations.last?.hasSuffix("Plugins/Entities/Resources/entities.model") == true)
        }
        #expect(locations.contains { FileManager.default.fileExists(atPath: $0) })
    }
}
