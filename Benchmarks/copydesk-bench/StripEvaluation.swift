import ArgumentParser
import CopydeskCore
import Foundation
import Strip

/// `copydesk-bench strip`: article-extraction quality and speed on the article-extraction benchmark.
struct StripEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strip",
        abstract: "Strip's precision, recall, F1 (the benchmark's token 4-gram metric), pages/s and MB/s on one thread, with the libxml2 floor.")

    @Option(help: "The benchmark folder (html/*.html.gz and ground-truth.json).")
    var data = "../shared/data/article-extraction-benchmark"
    @Option(help: "Passes over the pages for timing; the best pass is reported.") var passes = 3
    @Option(help: "Write strip's predictions here as {\"seconds\": …, \"output\": {id: text}} (scored beside the peers by Benchmarks/strip-compare.sh).")
    var predictions: String?
    @Flag(help: "Print per-page scores, worst first.") var pages = false
    @Flag(help: "Print where strip's time goes (parse, page tree, extraction, line filter).") var breakdown = false
    @Option(help: "Print the prediction and the truth for pages whose id starts with this.") var show: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: data + "/ground-truth.json") else {
            throw ValidationError("\(data)/ground-truth.json not found: this evaluation needs ../shared/data/article-extraction-benchmark (pass --data PATH)")
        }
        let truthText = try String(contentsOfFile: data + "/ground-truth.json", encoding: .utf8)
        let truth = try JSONParser.parse(truthText)
        guard case .object(let entries) = truth else { throw ValidationError("ground-truth.json is not an object") }
        var pagesHTML: [(id: String, html: String, truth: String)] = []
        var bytes = 0
        for (id, value) in entries.sorted(by: { $0.key < $1.key }) {
            let path = data + "/html/\(id).html.gz"
            guard let raw = FileManager.default.contents(atPath: path) else { continue }
            let html = try Gzip.decompress([UInt8](raw), limit: 64 << 20)
            let decoded = try html.withUnsafeBufferPointer { try HTMLSniffing.decode($0) }
            bytes += decoded.text.utf8.count
            pagesHTML.append((id, decoded.text, value["articleBody"]?.stringValue ?? ""))
        }
        let stage = StripStage()
        var outputs = [String](repeating: "", count: pagesHTML.count)
        var stripTime = Double.infinity, floorTime = Double.infinity, parseTime = Double.infinity
        for _ in 0..<passes {
            var start = StageClock.threadCPU()
            for (index, page) in pagesHTML.enumerated() {
                var document = Document(id: page.id, source: SourceLocation(path: page.id), text: "", html: page.html)
                _ = try? stage.process(&document)
                outputs[index] = document.text
            }
            stripTime = min(stripTime, StageClock.threadCPU() - start)
            start = StageClock.threadCPU()
            var walked = 0
            for page in pagesHTML { walked &+= HTMLFloor.parseAndWalk(page.html) }
            floorTime = min(floorTime, StageClock.threadCPU() - start)
            start = StageClock.threadCPU()
            for page in pagesHTML { _ = HTMLFloor.parseOnly(page.html) }
            parseTime = min(parseTime, StageClock.threadCPU() - start)
        }
        var scores: [(id: String, precision: Double?, recall: Double?, f1: Double)] = []
        for (index, page) in pagesHTML.enumerated() {
            let score = ExtractionMetric.score(prediction: outputs[index], truth: page.truth)
            scores.append((page.id, score.precision, score.recall, score.f1))
        }
        let precisions = scores.compactMap(\.precision), recalls = scores.compactMap(\.recall)
        let precision = precisions.reduce(0, +) / Double(max(1, precisions.count))
        let recall = recalls.reduce(0, +) / Double(max(1, recalls.count))
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        let meanPageF1 = scores.map(\.f1).reduce(0, +) / Double(max(1, scores.count))
        let megabytes = Double(bytes) / 1e6
        print("article-extraction benchmark: \(pagesHTML.count) pages, \(format(megabytes)) MB of HTML, one thread, best of \(passes) passes")
        print("\(pad("extractor", 30)) \(pad("precision", 10)) \(pad("recall", 8)) \(pad("F1", 7)) \(pad("page-F1", 8)) \(pad("pages/s", 9)) MB/s")
        print("\(pad("copydesk strip", 30)) \(pad(format(precision, 3), 10)) \(pad(format(recall, 3), 8)) \(pad(format(f1, 3), 7)) \(pad(format(meanPageF1, 3), 8)) \(pad(format(Double(pagesHTML.count) / stripTime, 0), 9)) \(format(megabytes / stripTime))")
        print("\(pad("floor: libxml2 parse + walk", 30)) \(pad("", 10)) \(pad("", 8)) \(pad("", 7)) \(pad("", 8)) \(pad(format(Double(pagesHTML.count) / floorTime, 0), 9)) \(format(megabytes / floorTime))")
        print("\(pad("floor: libxml2 parse only", 30)) \(pad("", 10)) \(pad("", 8)) \(pad("", 7)) \(pad("", 8)) \(pad(format(Double(pagesHTML.count) / parseTime, 0), 9)) \(format(megabytes / parseTime))")
        print("strip speed = \(format(100 * floorTime / stripTime, 0))% of the parse-and-walk floor")
        if breakdown {
            var treeTime = Double.infinity, extractTime = Double.infinity
            let extractor = ArticleExtractor()
            for _ in 0..<passes {
                var start = StageClock.threadCPU()
                for page in pagesHTML { _ = try? HTMLParser.parse(page.html) }
                treeTime = min(treeTime, StageClock.threadCPU() - start)
                start = StageClock.threadCPU()
                for page in pagesHTML { _ = try? extractor.extract(html: page.html) }
                extractTime = min(extractTime, StageClock.threadCPU() - start)
            }
            print("time per pass: libxml2 parse \(format(parseTime, 3)) s, + page tree \(format(treeTime, 3)) s, + extraction and metadata \(format(extractTime, 3)) s, + line filter (whole stage) \(format(stripTime, 3)) s")
        }
        if pages {
            for score in scores.sorted(by: { $0.f1 < $1.f1 }).prefix(40) {
                print("\(score.id.prefix(16))  P \(score.precision.map { format($0, 3) } ?? "-")  R \(score.recall.map { format($0, 3) } ?? "-")  F1 \(format(score.f1, 3))")
            }
        }
        if let show {
            for (index, page) in pagesHTML.enumerated() where page.id.hasPrefix(show) {
                print("=== PREDICTION \(page.id)\n\(outputs[index])\n=== TRUTH\n\(page.truth)")
            }
        }
        if let predictions {
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("version", "copydesk \(CopydeskVersion.current)")
            writer.double("seconds", stripTime)
            writer.beginObject("output")
            for (index, page) in pagesHTML.enumerated() { writer.string(page.id, outputs[index]) }
            writer.endObject()
            writer.endObject()
            try Data(writer.bytes).write(to: URL(fileURLWithPath: predictions))
        }
    }
}

/// The benchmark's metric (its README): `\w+` tokens, multiset of 4-gram shingles, per-page
/// TP/FP/FN normalised; precision and recall are means over pages; F1 their harmonic mean.
enum ExtractionMetric {
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "_" || Self.isWordCategory(scalar.properties.generalCategory) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Python's `\w` for str: letters (L*) and numbers (N*); marks, format characters and punctuation split.
    static func isWordCategory(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func shingles(_ text: String) -> [String: Int] {
        let words = tokens(text)
        var counts: [String: Int] = [:]
        guard !words.isEmpty else { return counts }
        if words.count < 4 {
            counts[words.joined(separator: " "), default: 0] += 1
            return counts
        }
        for i in 0...(words.count - 4) {
            counts[words[i..<(i + 4)].joined(separator: " "), default: 0] += 1
        }
        return counts
    }

    /// Page precision (nil when the prediction is empty), recall (nil when the truth is empty) and F1.
    static func score(prediction: String, truth: String) -> (precision: Double?, recall: Double?, f1: Double) {
        let predicted = shingles(prediction), expected = shingles(truth)
        var tp = 0, fp = 0, fn = 0
        for (shingle, count) in predicted {
            let other = expected[shingle] ?? 0
            tp += min(count, other)
            fp += max(0, count - other)
        }
        for (shingle, count) in expected { fn += max(0, count - (predicted[shingle] ?? 0)) }
        let precision: Double?, recall: Double?
        if fp == 0 && fn == 0 && tp > 0 {
            precision = 1; recall = 1
        } else {
            precision = tp + fp == 0 ? nil : Double(tp) / Double(tp + fp)
            recall = tp + fn == 0 ? nil : Double(tp) / Double(tp + fn)
        }
        let p = precision ?? 0, r = recall ?? 0
        return (precision, recall, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }
}
