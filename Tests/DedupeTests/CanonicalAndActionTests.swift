import CopydeskCore
import CopydeskTesting
import Dedupe
import Testing

@Suite("canonical member and actions")
struct CanonicalAndActionTests {
    let story = Story()

    func doc(_ id: String, _ text: String, published: String? = nil, site: String? = nil) -> Document {
        var d = makeDocument(id, text: text)
        d.published = published
        d.site = site
        return d
    }

    @Test("the earliest published member is canonical, whatever the input order and time zone")
    func earliest() throws {
        let docs = [doc("late", story.text, published: "2024-03-02T10:00:00Z"),
                    doc("early", story.near, published: "2024-03-02T11:00:00+02:00"),
                    doc("undated", story.syndicated)]
        let (out, _) = try dedupe(docs)
        for d in out { #expect(d.duplicate?.canonical == "early" && d.duplicate?.cluster == "late") }
    }

    @Test("without dates the longest member is canonical; then input order")
    func longestThenFirst() throws {
        let (out, _) = try dedupe([doc("short", story.syndicated), doc("long", story.text)])
        #expect(out.allSatisfy { $0.duplicate?.canonical == "long" })
        let (same, _) = try dedupe([doc("one", story.text), doc("two", story.text)])
        #expect(same.allSatisfy { $0.duplicate?.canonical == "one" })
    }

    @Test("a source-priority list decides before dates")
    func priority() throws {
        var options = DedupeOptions()
        options.sourcePriority = ["wire.example"]
        var wire = doc("wire", story.syndicated, published: "2024-03-05T00:00:00Z")
        wire.url = "https://news.wire.example/story/1"
        let docs = [doc("paper", story.text, published: "2024-03-01T00:00:00Z", site: "Paper"), wire]
        let (out, _) = try dedupe(docs, options)
        #expect(out.allSatisfy { $0.duplicate?.canonical == "wire" })
    }

    @Test("mark (default) passes every document with 'duplicate'")
    func mark() throws {
        let (out, report) = try dedupe([doc("a", story.text), doc("b", story.text), doc("c", story.syndicated), doc("x", paragraphs(5, 4).joined(separator: "\n\n"))])
        #expect(out.count == 4 && report.dropped == 0)
        #expect(out.allSatisfy { $0.duplicate != nil })
    }

    @Test("drop sends every non-canonical document to the drops output naming its canonical")
    func drop() throws {
        var options = DedupeOptions()
        options.action = .drop
        let docs = [doc("a", story.text), doc("b", story.text), doc("n", story.near), doc("c", story.syndicated), doc("x", paragraphs(5, 4).joined(separator: "\n\n"))]
        let output = try drive(DedupeStage(options: options), docs)
        #expect(output.emitted.map(\.id) == ["a", "x"])
        #expect(output.dropped.map(\.0.id) == ["b", "n", "c"])
        #expect(output.dropped.allSatisfy { $0.1.hasPrefix("duplicate of a (") && $0.0.duplicate?.canonical == "a" })
        #expect(output.dropped.map { $0.0.duplicate?.relation } == [.exact, .near, .syndicated])
        let (_, report) = try dedupe([doc("a", story.text), doc("b", story.text)], options)
        #expect(report.dropped == 1 && report.balanced)
    }

    @Test("drop with drop_relations [exact, near] keeps other outlets' syndicated versions, marked")
    func dropCopiesOnly() throws {
        var options = DedupeOptions()
        options.action = .drop
        options.dropRelations = [.exact, .near]
        let output = try drive(DedupeStage(options: options), [doc("a", story.text), doc("b", story.text), doc("n", story.near), doc("c", story.syndicated)])
        #expect(output.emitted.map(\.id) == ["a", "c"])
        #expect(output.emitted[1].duplicate?.relation == .syndicated)
        #expect(output.dropped.map(\.0.id) == ["b", "n"])
    }

    @Test("keep-canonical-only drops every non-canonical member, syndicated versions too")
    func keepCanonicalOnly() throws {
        var options = DedupeOptions()
        options.action = .keepCanonicalOnly
        let output = try drive(DedupeStage(options: options), [doc("a", story.text), doc("b", story.text), doc("c", story.syndicated), doc("x", paragraphs(5, 4).joined(separator: "\n\n"))])
        #expect(output.emitted.map(\.id) == ["a", "x"])
        #expect(output.dropped.map(\.0.id) == ["b", "c"])
        #expect(output.dropped.allSatisfy { $0.1.hasPrefix("duplicate of a (") })
    }

    @Test("empty and very short documents are counted and matched only exactly")
    func shortDocuments() throws {
        let stage = DedupeStage()
        let docs = [doc("e1", ""), doc("e2", "  \n "), doc("s1", "Shares rose."), doc("s2", "SHARES ROSE!"), doc("s3", "Shares fell."),
                    doc("long", story.text)]
        let output = try drive(stage, docs)
        let byId = byID(output.emitted)
        #expect(byId["e1"]?.duplicate?.cluster == "e1" && byId["e2"]?.duplicate?.cluster == "e2")
        #expect(byId["s2"]?.duplicate?.relation == .exact && byId["s2"]?.duplicate?.canonical == "s1")
        #expect(byId["s3"]?.duplicate?.cluster == "s3")
        #expect(stage.counters["empty"] == 2)
        #expect(stage.counters["short"] == 3)
        #expect(stage.counters["documents"] == 6)
    }

    @Test("the output is identical with 1, 2 and 4 workers")
    func determinism() throws {
        var docs: [Document] = []
        for s in 0..<6 {
            let base = paragraphs(UInt64(100 + s), 6)
            docs.append(doc("s\(s)-a", base.joined(separator: "\n\n"), published: "2024-03-0\(1 + s)T00:00:00Z"))
            docs.append(doc("s\(s)-b", ([base[0], prose(UInt64(500 + s), sentences: 3)] + base[2...4]).joined(separator: "\n\n")))
            docs.append(doc("s\(s)-c", base.joined(separator: "\n\n").lowercased()))
        }
        let runs = try [1, 2, 4].map { try dedupe(docs, workers: $0).output }
        #expect(runs[0] == runs[1] && runs[1] == runs[2])
        #expect(Set(runs[0].map { $0.duplicate!.cluster }).count == 6)
    }
}
