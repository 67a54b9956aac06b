import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation
import Testing

/// What a run produced, comparable across runs: every document's id, `duplicate` and drop reason, in order.
private func records(_ output: RecordingOutput) -> [String] {
    func describe(_ d: Document) -> String {
        guard let x = d.duplicate else { return d.id + " -" }
        return "\(d.id) \(x.cluster) \(x.canonical) \(x.relation?.rawValue ?? "-") \(x.similarity) \(x.containment ?? -1)"
    }
    return output.emitted.map { "emit " + describe($0) } + output.dropped.map { "drop " + describe($0.0) + " " + $0.1 }
}

@Suite("re-runs, updated and repeated ids, the index lock, the spill budget")
struct RerunTests {
    let story = Story()

    func temporaryDirectory() throws -> String {
        TestDirectory.make("dedupe-rerun")
    }

    func options(_ index: String, action: DedupeOptions.Action = .drop) -> DedupeOptions {
        var o = DedupeOptions()
        o.index = index
        o.action = action
        return o
    }

    var batch: [Document] {
        [makeDocument("a", text: story.text), makeDocument("b", text: story.text), makeDocument("c", text: story.near),
         makeDocument("d", text: story.syndicated), makeDocument("e", text: paragraphs(7, 5).joined(separator: "\n\n")),
         makeDocument("empty", text: ""), makeDocument("short", text: "Two words")]
    }

    @Test("re-running the same input with an index gives the same records, and the index does not grow")
    func rerunIsHarmless() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.index"
        let first = try drive(DedupeStage(options: options(path)), batch)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        for run in 2...3 {
            let stage = DedupeStage(options: options(path))
            let again = try drive(stage, batch)
            #expect(records(again) == records(first), "run \(run)")
            #expect(!again.dropped.contains { $0.0.duplicate?.canonical == $0.0.id }, "nothing is a duplicate of itself")
            #expect(stage.counters["index_earlier"] == batch.count && stage.counters["already_indexed"] == batch.count)
            #expect(stage.counters["duplicates"] == 3 && stage.counters["empty"] == 1 && stage.counters["short"] == 1)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size, "index unchanged in size")
        }
        // An aborted run changes nothing either.
        _ = try drive(DedupeStage(options: options(path)), batch, commit: false)
        #expect(records(try drive(DedupeStage(options: options(path)), batch)) == records(first))
    }

    @Test("a run after a partial one recognises the documents already indexed and matches the rest")
    func afterPartialRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.index"
        let whole = try drive(DedupeStage(options: options(path + ".whole")), batch)
        _ = try drive(DedupeStage(options: options(path)), Array(batch.prefix(3)))
        let stage = DedupeStage(options: options(path))
        let resumed = try drive(stage, batch)
        #expect(records(resumed) == records(whole))
        #expect(stage.counters["already_indexed"] == 3)
        let third = DedupeStage(options: options(path))
        _ = try drive(third, [])
        #expect(third.counters["index_earlier"] == batch.count)
    }

    @Test("an id that comes back with other content is an updated version: matched normally, one index entry per id")
    func updatedVersion() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.index"
        let other = paragraphs(7, 5).joined(separator: "\n\n")
        _ = try drive(DedupeStage(options: options(path, action: .mark)), [makeDocument("a", text: story.text), makeDocument("x", text: other)])
        let stage = DedupeStage(options: options(path, action: .mark))
        let out = try drive(stage, [makeDocument("a", text: story.near), makeDocument("a-copy", text: story.near),
                                    makeDocument("old-copy", text: story.text)])
        let byId = byID(out.emitted)
        // Not a duplicate of its own earlier version; still the cluster's canonical (its id is the same).
        #expect(byId["a"]?.duplicate?.relation == nil && byId["a"]?.duplicate?.canonical == "a")
        #expect(byId["a-copy"]?.duplicate?.canonical == "a" && byId["a-copy"]?.duplicate?.relation == .exact)
        #expect(byId["old-copy"]?.duplicate?.canonical == "a" && byId["old-copy"]?.duplicate?.relation == .near)
        #expect(stage.counters["updated"] == 1 && stage.counters["already_indexed"] == 0)
        let third = DedupeStage(options: options(path, action: .mark))
        let rerun = try drive(third, [makeDocument("a", text: story.near), makeDocument("x", text: other)])
        #expect(third.counters["index_earlier"] == 4, "a (new version), x, a-copy, old-copy")
        #expect(third.counters["already_indexed"] == 2 && third.counters["updated"] == 0)
        #expect(rerun.emitted.allSatisfy { $0.duplicate?.relation == nil })
    }

    @Test("repeated ids in one batch are counted; clusters and canonicals follow input positions")
    func duplicateIDs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.index"
        let other = paragraphs(7, 5).joined(separator: "\n\n")
        let docs = [makeDocument("a", text: story.text), makeDocument("a", text: other), makeDocument("b", text: other),
                    makeDocument("c", text: story.near)]
        var o = options(path, action: .mark)
        o.canonical = .first
        let stage = DedupeStage(options: o)
        let first = try drive(stage, docs)
        #expect(stage.counters["duplicate_ids"] == 1)
        let out = first.emitted
        #expect(out.map(\.id) == ["a", "a", "b", "c"])
        #expect(out[0].duplicate?.relation == nil && out[1].duplicate?.relation == nil)
        #expect(out[2].duplicate?.relation == .exact && out[3].duplicate?.relation == .near)
        #expect(stage.counters["clusters"] == 2 && stage.counters["duplicates"] == 2)
        // Both documents named "a" are recognised on a re-run, each as itself.
        let again = DedupeStage(options: o)
        #expect(records(try drive(again, docs)) == records(first))
        #expect(again.counters["already_indexed"] == 4 && again.counters["updated"] == 0)
    }

    @Test("a second run on the same index fails at once, naming the index; the lock goes with commit or abort")
    func lock() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/sub/x.index"
        let holder = DedupeStage(options: options(path))
        try holder.start()
        let second = DedupeStage(options: options(path))
        do {
            try second.start()
            Issue.record("the second run started")
        } catch {
            #expect(error.message.contains(path) && error.message.contains("another copydesk run holds it"), "\(error.message)")
        }
        var readOnly = options(path)
        readOnly.updateIndex = false
        #expect(throws: StageError.self) { try DedupeStage(options: readOnly).start() }
        var output = RecordingOutput()
        try holder.consume(batch[0], prepared: nil, into: &output)
        try holder.finish(into: &output)
        try holder.commit()
        let third = DedupeStage(options: options(path))
        try third.start()
        third.abort()
        try drive(DedupeStage(options: options(path)), [batch[1]])
    }

    @Test("the spill's budget counts entities, mentions and links, not only the text")
    func spillCountsEntities() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var document = makeDocument("rich", text: "A short text about many people.")
        document.links = (0..<200).map { "https://example.com/a/rather/long/link/\($0)" }
        document.entities = (0..<2_000).map { n in
            Entity(type: "PERSON", name: "Person number \(n) of the story",
                   mentions: [Mention(text: "Person number \(n) of the story", start: 0, end: 30),
                              Mention(text: "Mr Number \(n)", start: 40, end: 52)])
        }
        var o = DedupeOptions()
        o.memoryBudgetMB = 1
        o.spillDirectory = dir
        let stage = DedupeStage(options: o)
        var output = RecordingOutput()
        try stage.start()
        for n in 0..<4 {
            var d = document
            d.id = "rich-\(n)"
            try stage.consume(d, prepared: nil, into: &output)
        }
        let spilled = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("copydesk-dedupe-") }
        #expect(spilled.count == 1, "four such documents are well over 1 MB, so they wait in the spill file")
        try stage.finish(into: &output)
        try stage.commit()
        #expect(output.emitted.count == 4 && output.emitted.allSatisfy { $0.entities?.count == 2_000 && $0.links.count == 200 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "the spill file is removed")
    }
}
