import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation
import Testing

@Suite("the index file: incremental runs, refusals, crash safety")
struct IndexFileTests {
    let story = Story()

    func temporaryDirectory() throws -> String {
        TestDirectory.make("dedupe-index")
    }

    func options(_ index: String) -> DedupeOptions {
        var o = DedupeOptions()
        o.index = index
        return o
    }

    @Test("a later run matches new documents against the earlier run's and names the earlier document")
    func incremental() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        let first = try drive(DedupeStage(options: options(path)), [makeDocument("old", text: story.text), makeDocument("other", text: paragraphs(7, 5).joined(separator: "\n\n"))])
        #expect(first.emitted.count == 2)
        #expect(FileManager.default.fileExists(atPath: path))
        let stage = DedupeStage(options: options(path))
        let second = try drive(stage, [makeDocument("new-copy", text: story.text), makeDocument("new-version", text: story.syndicated),
                                       makeDocument("fresh", text: paragraphs(8, 5).joined(separator: "\n\n"))])
        let byId = byID(second.emitted)
        #expect(byId["new-copy"]?.duplicate?.canonical == "old" && byId["new-copy"]?.duplicate?.relation == .exact)
        #expect(byId["new-version"]?.duplicate?.canonical == "old" && byId["new-version"]?.duplicate?.relation == .syndicated)
        #expect(byId["fresh"]?.duplicate?.cluster == "fresh")
        #expect(stage.counters["index_earlier"] == 2)
        // A third run sees all five earlier documents.
        let third = DedupeStage(options: options(path))
        let out = try drive(third, [makeDocument("again", text: story.near)])
        #expect(out.emitted[0].duplicate?.canonical == "old")
        #expect(third.counters["index_earlier"] == 5)
    }

    @Test("a foreign, truncated or corrupt index file is refused with an error naming it, and left untouched")
    func refusals() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        try drive(DedupeStage(options: options(path)), [makeDocument("a", text: story.text), makeDocument("b", text: story.syndicated)])
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        var corrupt = good
        corrupt[good.count / 2] ^= 0xFF
        let cases: [(String, Data)] = [
            ("foreign", Data("{\"not\": \"an index\"}\n".utf8)),
            ("truncated", good.prefix(good.count - 9)),
            ("corrupt", corrupt),
            ("empty", Data()),
        ]
        for (name, bytes) in cases {
            try bytes.write(to: URL(fileURLWithPath: path))
            let stage = DedupeStage(options: options(path))
            #expect(throws: StageError.self, "\(name) file") { try stage.start() }
            do { try stage.start() } catch {
                #expect(error.message.contains(path) && error.message.contains("delete it or choose another"), "\(error.message)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(name) file left as it was")
        }
    }

    @Test("an index built with other settings is refused, naming the difference")
    func otherSettings() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        try drive(DedupeStage(options: options(path)), [makeDocument("a", text: story.text)])
        var other = options(path)
        other.shingleSize = 4
        do {
            try DedupeStage(options: other).start()
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.contains("shingle_size 5 (now 4)"))
        }
    }

    @Test("a run that fails or is interrupted before commit leaves the previous index intact")
    func interrupted() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        try drive(DedupeStage(options: options(path)), [makeDocument("a", text: story.text)])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // finish writes the new index under a temporary name; abort (a failed run) discards it.
        try drive(DedupeStage(options: options(path)), [makeDocument("b", text: paragraphs(9, 5).joined(separator: "\n\n"))], commit: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // A process killed mid-write leaves at most a stray temporary file; the index still loads.
        try Data("partial".utf8).write(to: URL(fileURLWithPath: dir + "/.dedupe.index.tmp-99999"))
        let out = try drive(DedupeStage(options: options(path)), [makeDocument("c", text: story.text)])
        #expect(out.emitted[0].duplicate?.canonical == "a")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != before)
    }

    @Test("through the runner: index committed only when the run succeeds")
    func runner() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        _ = try dedupe([makeDocument("a", text: story.text)], options(path))
        #expect(FileManager.default.fileExists(atPath: path))
        let (out, _) = try dedupe([makeDocument("b", text: story.syndicated)], options(path))
        #expect(out[0].duplicate?.canonical == "a")
    }

    @Test("an index larger than one write chunk (1 MB) loads back and matches every earlier document")
    func largeIndex() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        let docs = (0..<2500).map { makeDocument("d\($0)", text: prose(UInt64(10_000 + $0), sentences: 12)) }
        try drive(DedupeStage(options: options(path)), docs)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 3 << 19)  // over 1.5 MB: more than one 1 MB write chunk
        let stage = DedupeStage(options: options(path))
        let out = try drive(stage, [makeDocument("copy", text: docs[1234].text), makeDocument("copy2", text: docs[2499].text)])
        #expect(out.emitted.map { $0.duplicate?.canonical } == ["d1234", "d2499"])
        #expect(stage.counters["index_earlier"] == 2500)
    }

    @Test("update_index: false matches against the index and leaves it as it was")
    func readOnly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/dedupe.index"
        try drive(DedupeStage(options: options(path)), [makeDocument("a", text: story.text)])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var readOnly = options(path)
        readOnly.updateIndex = false
        let out = try drive(DedupeStage(options: readOnly), [makeDocument("b", text: story.syndicated)])
        #expect(out.emitted[0].duplicate?.canonical == "a")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
