import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Runs a dedupe stage with `options` over `documents` through the real runner.
func dedupe(_ documents: [Document], _ options: DedupeOptions = DedupeOptions(), workers: Int = 2) throws -> (output: [Document], report: RunReport) {
    try runInMemory([.corpus(DedupeStage(options: options))], descriptors: [DedupeStage.descriptor], documents: documents, workers: workers)
}

/// The seed articles, read as the `copydesk run` input reader reads them.
func seedDocuments() throws -> [Document] {
    let plan = try InputPlan.expand([packageRoot + "/seeds"], format: .auto)
    var reader = InputReader(plan: plan, options: InputOptions())
    var documents: [Document] = []
    while let item = try reader.next() {
        if case .document(let d) = item { documents.append(d) }
    }
    return documents
}

/// Deterministic filler prose: `count` sentences built from a seeded word list, so different seeds give
/// different articles on one topic vocabulary.
func prose(_ seed: UInt64, sentences count: Int) -> String {
    let vocabulary = ["minister", "council", "budget", "river", "school", "report", "hospital", "union", "police", "market",
                      "election", "court", "harbour", "energy", "farmers", "housing", "railway", "museum", "tax", "weather",
                      "said", "the", "a", "of", "and", "on", "in", "for", "with", "after", "before", "new", "local", "plan",
                      "week", "year", "talks", "vote", "board", "city", "county", "officials", "residents", "workers", "deal"]
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    var sentences: [String] = []
    for _ in 0..<count {
        var words: [String] = []
        for _ in 0..<(12 + Int(state % 8)) {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            words.append(vocabulary[Int(state % UInt64(vocabulary.count))])
        }
        sentences.append(words.joined(separator: " ").capitalized(with: nil) + ".")
    }
    return sentences.joined(separator: " ")
}

/// `count` paragraphs of distinct prose, each of a few sentences.
func paragraphs(_ seed: UInt64, _ count: Int, sentences: Int = 4) -> [String] { makeParagraphs(seed, count, sentences: sentences) }

func makeParagraphs(_ seed: UInt64, _ count: Int, sentences: Int = 4) -> [String] {
    (0..<count).map { prose(seed &* 1000 &+ UInt64($0), sentences: sentences) }
}

func byID(_ documents: [Document]) -> [String: Document] {
    Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
}

/// Records what the stage emits and drops when driven directly (no runner).
struct RecordingOutput: CorpusOutput {
    var emitted: [Document] = []
    var dropped: [(Document, String)] = []
    mutating func emit(_ document: Document) { emitted.append(document) }
    mutating func drop(_ document: Document, reason: String) { dropped.append((document, reason)) }
}

/// Drives a stage over `documents` on this thread: start, consume each, finish, then commit (or abort).
@discardableResult
func drive(_ stage: DedupeStage, _ documents: [Document], commit: Bool = true) throws -> RecordingOutput {
    var output = RecordingOutput()
    try stage.start()
    for d in documents { try stage.consume(d, prepared: stage.preparer?.prepare(d), into: &output) }
    try stage.finish(into: &output)
    if commit { try stage.commit() } else { stage.abort() }
    return output
}

/// A story of 8 paragraphs and the variants the relation tests need.
struct Story {
    let paragraphs: [String] = makeParagraphs(1, 8)
    var text: String { paragraphs.joined(separator: "\n\n") }

    /// Another outlet's version: the lead and four other paragraphs kept (one moved), two of its own added.
    var syndicated: String {
        let own = SeedParagraphs.own
        return [paragraphs[0], own[0], paragraphs[2], paragraphs[5], own[1], paragraphs[4], paragraphs[7]].joined(separator: "\n\n")
    }

    /// A lightly edited copy: one sentence of one paragraph rewritten.
    var near: String {
        var p = paragraphs
        p[6] = prose(777, sentences: 1) + " " + p[6].split(separator: ".").dropFirst().joined(separator: ".")
        return p.joined(separator: "\n\n")
    }
}

enum SeedParagraphs {
    static let own = makeParagraphs(90, 2)
}
