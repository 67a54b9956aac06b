import CopydeskCore
import CopydeskStages
import Foundation
import Testing

/// Hard-wrapped wire copy through strip and normalise, in either order. The input is seven real stories
/// from Reuters-21578, Distribution 1.0 (David D. Lewis; research use, see ../shared/data/reuters21578/
/// README), copied verbatim into Expected/reuters-wrapped.jsonl: wrapped at about 65 columns, paragraphs
/// marked by four spaces, results tables, a table indented by one space, and the " Reuter" sign-off.
/// To regenerate the pinned output deliberately: `COPYDESK_UPDATE_GOLDEN=1 swift test --filter WrappedWireCopyTests`.
@Suite("hard-wrapped wire copy in any stage order")
struct WrappedWireCopyTests {
    static let directory = CLI.root + "/Tests/EndToEndTests/Expected"

    /// The stories of the fixture, in file order.
    static func stories() throws -> [Document] {
        let text = try String(contentsOfFile: directory + "/reuters-wrapped.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let record = try JSONParser.parse(String(line))
            let id = try #require(record["id"]?.stringValue)
            return Document(id: id, source: SourceLocation(path: "reuters-wrapped.jsonl"), title: record["title"]?.stringValue,
                            text: try #require(record["text"]?.stringValue))
        }
    }

    /// A built-in stage with its default options.
    static func stage(_ id: String) throws -> any DocumentStage {
        let descriptor = try #require(BuiltInStages.registry.descriptor(for: id))
        guard case .document(let stage) = try descriptor.make(try descriptor.defaultOptions(), StageContext()) else {
            Issue.record("\(id) is not a per-document stage")
            throw CancellationError()
        }
        return stage
    }

    /// Each story's text after `stages`, as "== id ==" blocks.
    static func run(_ ids: [String]) throws -> [String: String] {
        let stages = try ids.map(stage)
        var texts: [String: String] = [:]
        for story in try stories() {
            var document = story
            for stage in stages {
                let verdict = try stage.process(&document)
                #expect(verdict == .keep, "\(story.id) dropped by \(ids)")
            }
            texts[document.id] = document.text
        }
        return texts
    }

    static func render(_ texts: [String: String]) throws -> String {
        try stories().map { "== \($0.id) ==\n\(texts[$0.id] ?? "<dropped>")\n" }.joined(separator: "\n")
    }

    static func words(_ text: String) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }

    @Test("strip then normalise (pipelines/news.yaml's order) gives the pinned paragraphs")
    func golden() throws {
        let actual = try Self.render(Self.run(["strip", "normalise"]))
        let path = Self.directory + "/reuters-wrapped.expected.txt"
        if ProcessInfo.processInfo.environment["COPYDESK_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "output differs from \(path); regenerate deliberately with COPYDESK_UPDATE_GOLDEN=1")
        // What the golden pins, said in words: the wrapped figures stay in their sentences.
        #expect(actual.contains("purchased 175,900 shares of its stock for 3,416,624."))
        #expect(actual.contains("earned in the first quarter of fiscal 1986."))
        #expect(actual.contains("March 164.6, total 2,692.4 (4,161.0)."))
        #expect(actual.contains("USX, 75,000, 49-5/8, UP 3/8, CROSSED BY FIRST BOSTON"))
        #expect(actual.contains("\n\nMay 1249 1250 1255 1245 334\n\nJul 1259 1265 1265 1253 371\n\n"))
    }

    @Test("normalise then strip gives exactly what strip then normalise gives")
    func otherOrder() throws {
        #expect(try Self.run(["normalise", "strip"]) == Self.run(["strip", "normalise"]))
    }

    @Test("strip alone and strip then normalise keep every word of normalise alone, in order, in as many paragraphs")
    func nothingLost() throws {
        let reference = try Self.run(["normalise"])
        for ids in [["strip"], ["strip", "normalise"], ["normalise", "strip"]] {
            let output = try Self.run(ids)
            for (id, text) in reference {
                let kept = try #require(output[id])
                #expect(Self.words(kept) == Self.words(text), "\(ids) \(id)")
                #expect(kept.components(separatedBy: "\n\n").count == text.components(separatedBy: "\n\n").count, "\(ids) \(id)")
            }
        }
    }
}
