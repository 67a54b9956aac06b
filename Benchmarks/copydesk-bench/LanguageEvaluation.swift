import ArgumentParser
import CopydeskCore
import Foundation
import Language

/// `copydesk-bench language`: accuracy of the language stage on the held-out set that
/// Benchmarks/language-peers/make_eval.py writes (documents and 40–200-character texts separately), and its
/// speed in MB/s of text on one thread; `Benchmarks/language-peers/compare.sh` runs it beside the peers.
struct LanguageEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "language",
        abstract: "Language identification: accuracy on documents and short texts, MB/s on one thread.")

    @Option(help: "JSONL with 'lang', 'kind' (document|short) and 'text' (see Benchmarks/language-peers).")
    var data = NSString(string: "~/.cache/copydesk/lang-eval.jsonl").expandingTildeInPath
    @Option(help: "Comma-separated ISO 639-1 codes the detector may answer (the evaluated languages); empty: all.")
    var languages = ""
    @Option(help: "Passes over the data for speed; the best pass is reported.") var passes = 5
    @Option(help: "Also time the detector over the text of this JSONL (e.g. the Reuters dump), when it exists.")
    var throughput = defaultReuters
    @Flag(help: "Print the most frequent confusions.") var confusions = false
    @Flag(help: "Print every misclassified document (not short texts): expected, detected, the three most probable languages, the text's start.") var errors = false
    @Flag(help: "Print the model's languages (comma-separated) and stop.") var listLanguages = false

    struct Item {
        var lang: String
        var kind: String
        var text: String
    }

    func run() throws {
        if listLanguages {
            print(try LanguageModel.builtIn().languages.joined(separator: ","))
            return
        }
        guard let content = FileManager.default.contents(atPath: data) else {
            throw ValidationError("\(data) not found: run Benchmarks/language-peers/compare.sh, which writes it")
        }
        var items: [Item] = []
        for line in content.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let lang = object["lang"] as? String, let kind = object["kind"] as? String, let text = object["text"] as? String
            else { throw ValidationError("\(data): each line needs string 'lang', 'kind' and 'text'") }
            items.append(Item(lang: lang, kind: kind, text: text))
        }
        let model = try LanguageModel.builtIn()
        let allowed = languages.isEmpty ? nil : Set(languages.split(separator: ",").map(String.init))
        let stageOptions = try LanguageStage.descriptor.defaultOptions(
            overriding: allowed.map { ["languages": .list($0.sorted().map { .string($0) })] } ?? [:])
        guard case .document(let stage) = try LanguageStage.descriptor.make(stageOptions, StageContext()) else { return }
        let detector = LanguageDetector(model: model, languages: allowed)
        var accuracy: [String: Double] = [:]
        var speed: [String: Double] = [:]
        var mistakes: [String: Int] = [:]
        for kind in ["document", "short"] {
            let subset = items.filter { $0.kind == kind }
            guard !subset.isEmpty else { continue }
            var correct = 0
            for item in subset {
                var document = Document(id: "x", source: SourceLocation(path: "-"), text: item.text)
                _ = try stage.process(&document)
                if document.language == item.lang { correct += 1 } else {
                    mistakes["\(kind) \(item.lang)→\(document.language ?? "null")", default: 0] += 1
                    if errors, kind == "document" {
                        let top = detector.detect(item.text).candidates.prefix(3).map { "\($0.language) \(format($0.probability, 3))" }
                        print("\(item.lang)→\(document.language ?? "null") [\(top.joined(separator: ", "))]: \(item.text.prefix(300))")
                    }
                }
            }
            accuracy[kind] = 100 * Double(correct) / Double(subset.count)
            speed[kind] = Self.megabytesPerSecond(subset.map(\.text), detector: detector, passes: passes)
        }
        print("\(pad("detector", 30)) \(pad("docs %", 9)) \(pad("short %", 9)) \(pad("docs MB/s", 10)) short MB/s")
        print("\(pad("copydesk language", 30)) \(pad(format(accuracy["document"] ?? 0, 2), 9)) \(pad(format(accuracy["short"] ?? 0, 2), 9)) "
            + "\(pad(format(speed["document"] ?? 0, 2), 10)) \(format(speed["short"] ?? 0, 2))")
        if confusions {
            for kind in ["document", "short"] {
                let ofKind = mistakes.filter { $0.key.hasPrefix(kind) }
                for (pair, count) in ofKind.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(25) { print("  \(pair) \(count)") }
            }
        }
        print("model: \(model.languages.count) languages, \(model.ngramCount) n-grams, "
            + "\((try? FileManager.default.attributesOfItem(atPath: LanguageModel.builtInResource.path ?? "")[.size] as? Int) ?? 0) bytes")
        if FileManager.default.fileExists(atPath: throughput) {
            let texts = try loadTexts(throughput).map(\.text)
            let rate = Self.megabytesPerSecond(texts, detector: detector, passes: passes)
            print("throughput over \(throughput) (\(texts.count) documents): \(format(rate, 1)) MB/s on one thread")
        }
    }

    /// MB of UTF-8 text per CPU-second of one thread, best of `passes`.
    static func megabytesPerSecond(_ texts: [String], detector: LanguageDetector, passes: Int) -> Double {
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        var best = Double.infinity
        var sink = 0
        for _ in 0..<max(passes, 1) {
            let start = StageClock.threadCPU()
            for text in texts { sink &+= detector.detect(text).letters }
            best = min(best, StageClock.threadCPU() - start)
        }
        precondition(sink >= 0)
        return Double(bytes) / 1e6 / best
    }
}
