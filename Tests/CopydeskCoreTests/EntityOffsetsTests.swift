import CopydeskCore
import CopydeskTesting
import Testing

/// A stage that rewrites text after the entities were found.
private struct Rewrite: DocumentStage {
    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        document.text = "Prefix. " + document.text
        return .keep
    }
}

/// A stage that changes nothing the offsets depend on.
private struct Retitle: DocumentStage {
    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        document.title = "T"
        return .keep
    }
}

@Suite("entity offsets")
struct EntityOffsetsTests {
    func document() -> Document {
        var d = makeDocument("a", text: "Zoë Ball met Jackie Walker 🙂 in Paris.")
        d.entities = [
            Entity(type: "PERSON", name: "Zoë Ball", mentions: [Mention(text: "Zoë Ball", start: 0, end: 8)]),
            Entity(type: "LOC", name: "Paris", mentions: [Mention(text: "Paris", start: 32, end: 37)]),
        ]
        return d
    }

    @Test("offsets are checked in code points, through multi-byte characters and emoji")
    func matching() {
        var d = document()
        #expect(d.entityOffsetsMatchText)
        d.entities![1].mentions[0].start = 31
        #expect(!d.entityOffsetsMatchText)
        d = document()
        d.entities![1].mentions[0].end = 99
        #expect(!d.entityOffsetsMatchText)
    }

    @Test("a stage that changes the text after entities makes the runner remove them, counted; other changes keep them")
    func runnerClears() throws {
        let descriptors = [Rewrite.self, Retitle.self].map { type in
            StageDescriptor(id: "\(type)", summary: "test", options: []) { _, _ throws(ConfigError) -> Rewrite in
                throw ConfigError("built by the test")
            }
        }
        let (output, report) = try runInMemory(
            [.document(Retitle()), .document(Rewrite())], descriptors: [descriptors[1], descriptors[0]], documents: [document()])
        #expect(output[0].text.hasPrefix("Prefix. "))
        #expect(output[0].entities == nil)
        #expect(report.stages[1].counters["entities_cleared_after_text_change"] == 1)
        let (kept, _) = try runInMemory([.document(Retitle())], descriptors: [descriptors[1]], documents: [document()])
        #expect(kept[0].entities == document().entities)
    }
}
