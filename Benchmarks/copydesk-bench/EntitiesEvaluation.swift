import ArgumentParser
import CopydeskCore
import Entities
import Foundation

/// `copydesk-bench entities`: entity-level exact-match precision, recall and F1 for PER, ORG and LOC on the
/// CoNLL-2003 English test set (MISC ignored; evaluation only, never training), tokens/s on one core, model
/// load time and size.
struct EntitiesEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Entities: CoNLL-2003 test F1 (PER/ORG/LOC), tokens/s on one core, model load time and size.",
        discussion: """
            The test file is not in the repository. Extract it once (evaluation only):
              bash Benchmarks/entities-peers/fetch_conll.sh
            spaCy en_core_web_sm on the same file: bash Benchmarks/entities-peers/spacy_conll.sh
            """)

    @Option(help: "CoNLL-2003 English test file (eng.testb).")
    var conll = (NSHomeDirectory() as NSString).appendingPathComponent(".cache/copydesk/conll2003/eng.testb")
    @Option(help: "Model file to evaluate (default: the built-in model).")
    var model: String?
    @Option(help: "Timed passes for tokens/s; the best is reported.")
    var passes = 3
    @Option(help: "Print this many missed and spurious entities per type (error analysis).")
    var errors = 0

    func run() throws {
        guard let data = FileManager.default.contents(atPath: conll) else {
            throw ValidationError("\(conll) not found. Extract the CoNLL-2003 test set (evaluation only) with "
                + "`bash Benchmarks/entities-peers/fetch_conll.sh`, or pass --conll PATH")
        }
        // Model load, measured cold for the file the stage would read.
        let loadStart = StageClock.wall()
        let tagger: TaggerModel
        if let model { tagger = try TaggerModel(contentsOf: URL(fileURLWithPath: model)) } else { tagger = try TaggerModel.builtIn() }
        let loadMs = (StageClock.wall() - loadStart) * 1000
        let corpus = ConllReader.parse(String(decoding: data, as: UTF8.self))
        let documents = corpus.documents
        let tokens = documents.reduce(0) { $0 + $1.labels.count }
        let recogniser = EntityRecogniser(model: tagger)
        print("CoNLL-2003 test: \(documents.count) documents, \(tokens) tokens; model \(format(Double(tagger.byteCount) / 1e6, 1)) MB, loaded in \(format(loadMs, 1)) ms")
        print("\(pad("configuration", 34)) \(pad("type", 5)) \(pad("P", 6)) \(pad("R", 6)) \(pad("F1", 6))")
        let configurations: [(String, Bool, Bool)] = [
            ("tagger only", false, false),
            ("tagger + cue rules", false, true),
            ("tagger + cues + document pass", true, true),
        ]
        for (label, consistency, cues) in configurations {
            var score = Score()
            for document in documents {
                let predicted = recogniser.labels(for: document.text, consistency: consistency, cues: cues)
                score.add(gold: document.labels, predicted: predicted)
            }
            for line in score.lines(label) { print(line) }
        }
        if errors > 0 { printErrors(documents, recogniser) }
        // Speed: tagger + cues + document pass on the given tokens, one thread.
        var best = Double.infinity
        for _ in 0..<max(1, passes) {
            let start = StageClock.threadCPU()
            var sink = 0
            for document in documents { sink &+= recogniser.labels(for: document.text).count }
            best = min(best, StageClock.threadCPU() - start)
            precondition(sink == tokens)
        }
        // Speed: the whole stage on text (tokeniser, tagger, rules, canonical names).
        let texts = documents.map { doc in String(decoding: doc.text.bytes, as: UTF8.self) }
        var bestFull = Double.infinity
        var fullTokens = 0
        for _ in 0..<max(1, passes) {
            let start = StageClock.threadCPU()
            var entities = 0
            for text in texts { entities &+= recogniser.entities(in: text).count }
            bestFull = min(bestFull, StageClock.threadCPU() - start)
            fullTokens = texts.reduce(0) { $0 + TokenizedText(text: $1).tokens.count }
            precondition(entities >= 0)
        }
        print("speed, one thread: tagger + cues + document pass \(format(Double(tokens) / best / 1000, 0))k tokens/s; "
            + "whole stage on text (tokeniser, rules, canonical names) \(format(Double(fullTokens) / bestFull / 1000, 0))k tokens/s")
    }
}

extension EntitiesEvaluation {
    /// Missed (gold not predicted) and spurious (predicted not gold) entities, most frequent first.
    func printErrors(_ documents: [LabeledDocument], _ recogniser: EntityRecogniser) {
        var missed: [String: Int] = [:]
        var spurious: [String: Int] = [:]
        for document in documents {
            let predicted = recogniser.labels(for: document.text)
            let g = EntityLabel.spans(document.labels), p = EntityLabel.spans(predicted)
            let gs = Set(g.map { SpanKey(start: $0.range.lowerBound, end: $0.range.upperBound, type: $0.type) })
            let ps = Set(p.map { SpanKey(start: $0.range.lowerBound, end: $0.range.upperBound, type: $0.type) })
            func name(_ s: SpanKey) -> String { ["PER", "ORG", "LOC"][s.type] + " " + document.text.string(tokens: s.start..<s.end) }
            for s in gs where !ps.contains(s) {
                let other = ps.first { $0.start < s.end && s.start < $0.end }
                missed[name(s) + (other.map { " (as " + name($0) + ")" } ?? ""), default: 0] += 1
            }
            for s in ps where !gs.contains(s) { spurious[name(s), default: 0] += 1 }
        }
        print("missed:")
        for (k, v) in missed.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(errors) { print("  \(v) \(k)") }
        print("spurious:")
        for (k, v) in spurious.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(errors) { print("  \(v) \(k)") }
    }
}

/// Entity-level exact-match counts per type.
struct Score {
    var tp = [0, 0, 0], fp = [0, 0, 0], fn = [0, 0, 0]

    mutating func add(gold: [UInt8], predicted: [UInt8]) {
        let g = Set(EntityLabel.spans(gold).map { SpanKey(start: $0.range.lowerBound, end: $0.range.upperBound, type: $0.type) })
        let p = Set(EntityLabel.spans(predicted).map { SpanKey(start: $0.range.lowerBound, end: $0.range.upperBound, type: $0.type) })
        for s in p { if g.contains(s) { tp[s.type] += 1 } else { fp[s.type] += 1 } }
        for s in g where !p.contains(s) { fn[s.type] += 1 }
    }

    func lines(_ label: String) -> [String] {
        var out: [String] = []
        func row(_ name: String, _ tp: Int, _ fp: Int, _ fn: Int) -> String {
            let p = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
            let r = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
            let f = p + r == 0 ? 0 : 2 * p * r / (p + r)
            return "\(pad(label, 34)) \(pad(name, 5)) \(pad(format(p * 100), 6)) \(pad(format(r * 100), 6)) \(pad(format(f * 100), 6))"
        }
        for (t, name) in ["PER", "ORG", "LOC"].enumerated() { out.append(row(name, tp[t], fp[t], fn[t])) }
        out.append(row("all", tp.reduce(0, +), fp.reduce(0, +), fn.reduce(0, +)))
        return out
    }
}

struct SpanKey: Hashable {
    var start: Int, end: Int, type: Int
}
