import ArgumentParser
import CopydeskCore
import Dedupe
import Foundation

/// Collects what the dedupe stage emits and drops, outside any runner.
struct DedupeCollector: CorpusOutput {
    var keep: Bool
    var documents: [Document] = []
    var emitted = 0
    var dropped = 0
    mutating func emit(_ document: Document) {
        emitted += 1
        if keep { documents.append(document) }
    }
    mutating func drop(_ document: Document, reason: String) {
        dropped += 1
        if keep { documents.append(document) }
    }
}

/// Runs the dedupe stage over `documents` on the calling thread (prepare, consume in order, finish),
/// returning the documents with `duplicate` and the thread CPU seconds of the whole stage.
func runDedupeOnOneThread(_ documents: [Document], options: DedupeOptions, keep: Bool = true) throws -> (documents: [Document], seconds: Double) {
    let stage = DedupeStage(options: options)
    let t0 = StageClock.threadCPU()
    try stage.start()
    var output = DedupeCollector(keep: keep)
    let preparer = stage.preparer!
    let phases = ProcessInfo.processInfo.environment["DEDUPE_PHASES"] != nil
    var prepareSeconds = 0.0
    for document in documents {
        let p0 = phases ? StageClock.threadCPU() : 0
        let prepared = preparer.prepare(document)
        if phases { prepareSeconds += StageClock.threadCPU() - p0 }
        try stage.consume(document, prepared: prepared, into: &output)
    }
    let f0 = StageClock.threadCPU()
    try stage.finish(into: &output)
    try stage.commit()
    let total = StageClock.threadCPU() - t0
    if phases {
        print("phases: prepare \(format(prepareSeconds, 3)) s, consume \(format(f0 - t0 - prepareSeconds, 3)) s, finish \(format(StageClock.threadCPU() - f0, 3)) s; \(stage.counters.sorted { $0.key < $1.key })")
    }
    return (output.documents, total)
}

/// Pairs of documents that share a cluster, as (smaller id, larger id) keys.
func clusterPairs(_ documents: [Document]) -> (pairs: Set<String>, count: Int) {
    var members: [String: [String]] = [:]
    for d in documents { if let c = d.duplicate?.cluster { members[c, default: []].append(d.id) } }
    var pairs = Set<String>()
    var count = 0
    for (_, list) in members where list.count > 1 {
        count += list.count * (list.count - 1) / 2
        guard list.count <= 2000 else { continue }
        for i in 0..<list.count { for j in (i + 1)..<list.count { pairs.insert(pairKey(list[i], list[j])) } }
    }
    return (pairs, count)
}

func pairKey(_ a: String, _ b: String) -> String { a < b ? a + "\t" + b : b + "\t" + a }

/// `copydesk-bench dedupe-reuters`: quality against the exact Jaccard ground truth of Reuters-21578, and speed on one core.
struct DedupeReuters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe-reuters",
        abstract: "Dedupe quality on Reuters-21578 (recall/precision of clusters against all pairs with word 5-gram Jaccard ≥ 0.5) and docs/s on one thread.")

    @Option(help: "Reuters JSONL.") var data = defaultReuters
    @Option(help: "Ground-truth pairs (id_a, id_b, jaccard).") var pairs = "../shared/data/reuters21578/pairs.tsv"
    @Option(help: "Timed passes; the best is reported.") var passes = 3
    @Flag(help: "Print the clustered pairs below the ground truth's thresholds.") var verbose = false
    @Option(help: "Override common_fingerprint_cap (experiments).") var cap: Int?
    @Flag(help: "Run with lead_facts: false (rewrites matched on shared passages only), for before/after.") var noLeadFacts = false
    @Flag(help: "Run with templates: false (the stage before templated reports were kept apart), for before/after.") var noTemplates = false
    @Flag(help: "List every cluster whose titles differ in figures or dates (for a person to review).") var reviewFigures = false

    func run() throws {
        let documents = try loadTexts(data)
        var truth: [String: Double] = [:]
        let text = try String(contentsOfFile: pairs, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t")
            guard f.count == 3, let j = Double(f[2]) else { continue }
            truth[pairKey(String(f[0]), String(f[1]))] = j
        }
        var best = Double.infinity
        var output: [Document] = []
        for _ in 0..<passes {
            var options = DedupeOptions()
            if let cap { options.commonFingerprintCap = cap }
            options.templates = !noTemplates
            options.leadFacts = !noLeadFacts
            let (out, seconds) = try runDedupeOnOneThread(documents, options: options)
            best = min(best, seconds)
            output = out
        }
        let (found, foundCount) = clusterPairs(output)
        print("dedupe on Reuters-21578: \(documents.count) non-empty documents, \(truth.count) ground-truth pairs (J ≥ 0.5)")
        print("\(pad("threshold", 10)) \(pad("true pairs", 11)) \(pad("recall", 8)) \(pad("precision", 10))")
        for threshold in [0.8, 0.5] {
            let positives = truth.filter { $0.value >= threshold - 1e-9 }
            let hit = positives.keys.filter { found.contains($0) }.count
            let correct = found.filter { (truth[$0] ?? 0) >= threshold - 1e-9 }.count
            print("\(pad("J ≥ \(threshold)", 10)) \(pad(String(positives.count), 11)) \(pad(format(Double(hit) / Double(positives.count), 4), 8)) \(pad(format(Double(correct) / Double(max(1, foundCount)), 4), 10))")
        }
        var relationCounts: [String: Int] = [:]
        var nearGood = 0, nearTotal = 0
        for d in output {
            guard let info = d.duplicate, let relation = info.relation else { continue }
            relationCounts[relation.rawValue, default: 0] += 1
            if relation == .near {
                nearTotal += 1
                if (truth[pairKey(d.id, info.canonical)] ?? 0) >= 0.7 - 1e-9 { nearGood += 1 }
            }
        }
        if verbose {
            let byID = Dictionary(uniqueKeysWithValues: output.map { ($0.id, $0) })
            for d in output {
                guard let info = d.duplicate, let relation = info.relation, relation != .exact else { continue }
                let j = truth[pairKey(d.id, info.canonical)] ?? 0
                if (relation == .near && j < 0.7) || (relation == .syndicated && j < 0.5) {
                    print("--- \(relation.rawValue) \(d.id) ~ \(info.canonical): true J \(j), estimated \(info.similarity), containment \(info.containment ?? -1)")
                    print(d.text.prefix(400))
                    print("  vs")
                    print(byID[info.canonical]?.text.prefix(400) ?? "")
                }
            }
        }
        // Syndicated members whose title differs from their canonical's only in figures or dates: templated
        // reports (another day's, another week's) rather than versions of one story.
        let titles = Dictionary(output.map { ($0.id, $0.title ?? "") }, uniquingKeysWith: { a, _ in a })
        var syndicated = 0, figuresOnly = 0
        for d in output where d.duplicate?.relation == .syndicated {
            syndicated += 1
            let mine = d.title ?? "", theirs = titles[d.duplicate!.canonical] ?? ""
            if mine != theirs, TitleFigures.skeleton(mine) == TitleFigures.skeleton(theirs) { figuresOnly += 1 }
        }
        print("'syndicated' members whose title differs from their canonical's only in figures or dates: \(figuresOnly)/\(syndicated) = \(format(Double(figuresOnly) / Double(max(1, syndicated)), 4))")
        if reviewFigures {
            var members: [String: [Document]] = [:]
            var order: [String] = []
            for d in output {
                guard let c = d.duplicate?.cluster else { continue }
                if members[c] == nil { order.append(c) }
                members[c, default: []].append(d)
            }
            var listed = 0
            for c in order {
                let list = members[c]!
                guard list.count > 1 else { continue }
                let figures = Set(list.map { TitleFigures.figures($0.title ?? "") })
                guard figures.count > 1 else { continue }
                listed += 1
                print("--- cluster \(c): \(list.count) members, titles with \(figures.count) sets of figures")
                for d in list { print("  \(pad(d.id, 6)) \(pad(d.duplicate?.relation?.rawValue ?? "canonical", 10)) \(d.title ?? "")") }
            }
            print("clusters mixing titles with different figures or dates: \(listed)")
        }
        print("pairs in clusters: \(foundCount); members by relation to canonical: " + relationCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("'near' members whose true Jaccard with their canonical is ≥ 0.7: \(nearGood)/\(nearTotal) = \(format(Double(nearGood) / Double(max(1, nearTotal)), 4))")
        print("speed, one thread, whole stage (tokenise, shingle, sample, MinHash, LSH, verify, cluster, emit): "
            + "\(format(best, 3)) s = \(format(Double(documents.count) / best, 0)) docs/s (best of \(passes))")
    }
}

/// Figures and dates in a title, for telling templated reports from versions of one story by headline.
enum TitleFigures {
    static let dateWords: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
        "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekly", "qtr", "quarter",
    ]

    /// The title's words, lowercased, with every figure and date word replaced by one placeholder.
    static func skeleton(_ title: String) -> [String] {
        words(title).map { $0.first?.isNumber == true || dateWords.contains($0) ? "#" : $0 }
    }

    /// The title's figures and date words, in order.
    static func figures(_ title: String) -> [String] {
        words(title).filter { $0.first?.isNumber == true || dateWords.contains($0) && $0 != "week" && $0 != "weekly" }
    }

    static func words(_ title: String) -> [String] {
        title.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
