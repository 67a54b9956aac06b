import ArgumentParser
import CopydeskCore
import Dedupe
import Foundation

/// Pairwise precision, recall, F1 and the adjusted Rand index of a predicted clustering against the truth.
struct ClusteringScores {
    var precision = 0.0, recall = 0.0, f1 = 0.0, ari = 0.0
    var truePairs = 0, predictedPairs = 0, bothPairs = 0

    init(truth: [String], predicted: [String]) {
        func choose2(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        var t: [String: Int] = [:], p: [String: Int] = [:], both: [String: Int] = [:]
        for (a, b) in zip(truth, predicted) {
            t[a, default: 0] += 1
            p[b, default: 0] += 1
            both[a + "\u{1}" + b, default: 0] += 1
        }
        let sumT = t.values.reduce(0.0) { $0 + choose2($1) }
        let sumP = p.values.reduce(0.0) { $0 + choose2($1) }
        let sumBoth = both.values.reduce(0.0) { $0 + choose2($1) }
        truePairs = Int(sumT); predictedPairs = Int(sumP); bothPairs = Int(sumBoth)
        precision = sumP == 0 ? 1 : sumBoth / sumP
        recall = sumT == 0 ? 1 : sumBoth / sumT
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        let expected = sumT * sumP / choose2(truth.count)
        let maximum = (sumT + sumP) / 2
        ari = maximum == expected ? 1 : (sumBoth - expected) / (maximum - expected)
    }
}

/// Word 5-gram shingles with the ground truth's normaliser (lowercase, split on non-alphanumerics), for exact Jaccard.
func referenceShingles(_ text: String) -> Set<String> {
    let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    guard tokens.count >= 5 else { return [] }
    var set = Set<String>()
    for i in 0...(tokens.count - 5) { set.insert(tokens[i..<(i + 5)].joined(separator: " ")) }
    return set
}

func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
    let shared = a.intersection(b).count
    let union = a.count + b.count - shared
    return union == 0 ? 0 : Double(shared) / Double(union)
}

/// `copydesk-bench dedupe-synth`: the syndication-like corpus with truth; pairwise P/R/F1, ARI,
/// recall on syndicated pairs and decoy merge rates by kind.
struct DedupeSynth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe-synth",
        abstract: "Build a syndication-like corpus from real Reuters paragraphs (versions and decoys, with truth) and score the dedupe stage on it.")

    @Option(help: "Reuters JSONL (paragraph source).") var data = defaultReuters
    @Option(help: "Ground-truth pairs of the source (their documents are left out).") var pairs = "../shared/data/reuters21578/pairs.tsv"
    @Option(help: "Stories to generate.") var stories = 2000
    @Option(help: "Generator seed.") var seed: UInt64 = 20_261_201
    @Option(help: "Also write the corpus as JSONL here (for Benchmarks/dedupe-peers).") var corpusOut: String?
    @Option(help: "Also write the truth (id, cluster, kind) as TSV here.") var truthOut: String?
    @Option(help: "Generator: standard (the corpus first tuned on) or independent (written to break the detector's assumptions).")
    var variant: String = "standard"
    @Flag(help: "List merged decoys.") var verbose = false
    @Flag(help: "Run with lead_facts: false (rewrites matched on shared passages only), for before/after.") var noLeadFacts = false
    @Flag(help: "Run with templates: false (templated reports not kept apart), for before/after.") var noTemplates = false

    func run() throws {
        let source = try loadTexts(data)
        var excluded = Set<String>()
        if let text = try? String(contentsOfFile: pairs, encoding: .utf8) {
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: "\t")
                if f.count >= 2 { excluded.insert(String(f[0])); excluded.insert(String(f[1])) }
            }
        }
        guard let generator = SyntheticSyndication.Variant(rawValue: variant) else {
            throw ValidationError("unknown --variant '\(variant)'; valid: " + SyntheticSyndication.Variant.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let items = SyntheticSyndication.build(ParagraphSource(documents: source, excluding: excluded), stories: stories, seed: seed, variant: generator)
        if let corpusOut {
            var bytes: [UInt8] = []
            for item in items { bytes += DocumentRecord.line(item.document) }
            try Data(bytes).write(to: URL(fileURLWithPath: corpusOut))
        }
        if let truthOut {
            let lines = ["id\tcluster\tkind"] + items.map { "\($0.document.id)\t\($0.truth)\t\($0.kind.rawValue)" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: truthOut, atomically: true, encoding: .utf8)
        }
        let documents = items.map(\.document)
        var options = DedupeOptions()
        options.templates = !noTemplates
        options.leadFacts = !noLeadFacts
        let (output, seconds) = try runDedupeOnOneThread(documents, options: options)
        let predicted = Dictionary(uniqueKeysWithValues: output.map { ($0.id, $0.duplicate?.cluster ?? $0.id) })
        let relation = Dictionary(uniqueKeysWithValues: output.map { ($0.id, $0.duplicate?.relation?.rawValue) })
        let scores = ClusteringScores(truth: items.map(\.truth), predicted: items.map { predicted[$0.document.id]! })
        print("dedupe on the synthetic syndication corpus: \(items.count) documents, \(Set(items.map(\.story)).count) stories (seed \(seed), \(variant) generator)")
        print("pairwise: precision \(format(scores.precision, 4)), recall \(format(scores.recall, 4)), F1 \(format(scores.f1, 4)); adjusted Rand index \(format(scores.ari, 4))")
        print("true pairs \(scores.truePairs), predicted pairs \(scores.predictedPairs), correct \(scores.bothPairs)")
        // Version pairs, split by their exact Jaccard: syndicated (J < 0.5) and near (J ≥ 0.5).
        var byStory: [Int: [SyntheticSyndication.Item]] = [:]
        for item in items where item.kind == .version || item.kind == .rewrite { byStory[item.story, default: []].append(item) }
        var rewriteTotal = 0, rewriteHit = 0
        var synTotal = 0, synHit = 0, nearTotal = 0, nearHit = 0
        for (_, versions) in byStory {
            let shingles = versions.map { referenceShingles($0.document.text) }
            for i in 0..<versions.count {
                for j in (i + 1)..<versions.count {
                    let same = predicted[versions[i].document.id] == predicted[versions[j].document.id]
                    if versions[i].kind == .rewrite || versions[j].kind == .rewrite {
                        rewriteTotal += 1; if same { rewriteHit += 1 }
                    }
                    if jaccard(shingles[i], shingles[j]) < 0.5 {
                        synTotal += 1; if same { synHit += 1 }
                    } else {
                        nearTotal += 1; if same { nearHit += 1 }
                    }
                }
            }
        }
        print("recall on syndicated version pairs (J < 0.5): \(synHit)/\(synTotal) = \(format(Double(synHit) / Double(max(1, synTotal)), 4)); on near version pairs (J ≥ 0.5): \(nearHit)/\(nearTotal) = \(format(Double(nearHit) / Double(max(1, nearTotal)), 4))")
        print("  of which pairs with a low-overlap rewrite (2–3 paragraphs, lead paraphrased): \(rewriteHit)/\(rewriteTotal) = \(format(Double(rewriteHit) / Double(max(1, rewriteTotal)), 4)); the other version pairs: \(synHit + nearHit - rewriteHit)/\(synTotal + nearTotal - rewriteTotal) = \(format(Double(synHit + nearHit - rewriteHit) / Double(max(1, synTotal + nearTotal - rewriteTotal)), 4))")
        var clusterSize: [String: Int] = [:]
        for c in predicted.values { clusterSize[c, default: 0] += 1 }
        for kind in [SyntheticSyndication.Kind.quoteDecoy, .backgroundDecoy, .subjectDecoy, .templated] where items.contains(where: { $0.kind == kind }) {
            let decoys = items.filter { $0.kind == kind }
            let merged = decoys.filter { clusterSize[predicted[$0.document.id]!]! > 1 }.count
            if kind == .templated {
                // Merged with its own story as a version of it (exact, near or syndicated).
                let withStory = decoys.filter { d in
                    items.contains { $0.kind == .version && $0.story == d.story && predicted[$0.document.id] == predicted[d.document.id] }
                }.count
                print("templated reports merged with their story: \(withStory)/\(decoys.count) = \(format(100 * Double(withStory) / Double(max(1, decoys.count)), 2))%")
            }
            if verbose {
                for d in decoys where clusterSize[predicted[d.document.id]!]! > 1 {
                    let mates = output.filter { predicted[$0.id] == predicted[d.document.id] && $0.id != d.document.id }
                    print("  \(d.document.id) with " + mates.map { "\($0.id) (\($0.duplicate?.relation?.rawValue ?? "canonical"), sim \($0.duplicate?.similarity ?? 0), cont \($0.duplicate?.containment ?? 0))" }.joined(separator: ", "))
                }
            }
            print("\(kind.rawValue)s merged with anything: \(merged)/\(decoys.count) = \(format(100 * Double(merged) / Double(max(1, decoys.count)), 2))%")
        }
        var relations: [String: Int] = [:]
        for r in relation.values { relations[r ?? "canonical/alone", default: 0] += 1 }
        print("relations: " + relations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("speed, one thread, whole stage: \(format(Double(items.count) / seconds, 0)) docs/s")
        // For scale: the exact containment rule (max containment ≥ 0.2 and ≥ 50 shared 5-grams), clusters by union-find.
        let baseline = exactContainmentClusters(documents)
        let baseScores = ClusteringScores(truth: items.map(\.truth), predicted: items.map { baseline[$0.document.id]! })
        var baseSize: [String: Int] = [:]
        for c in baseline.values { baseSize[c, default: 0] += 1 }
        let rates = [SyntheticSyndication.Kind.quoteDecoy, .backgroundDecoy, .templated].map { kind -> String in
            let decoys = items.filter { $0.kind == kind }
            let merged = decoys.filter { baseSize[baseline[$0.document.id]!]! > 1 }.count
            return "\(kind.rawValue)s merged \(format(100 * Double(merged) / Double(max(1, decoys.count)), 2))%"
        }
        print("for scale, exact containment rule (max containment ≥ 0.2, ≥ 50 shared 5-grams): pairwise P \(format(baseScores.precision, 4)), R \(format(baseScores.recall, 4)), F1 \(format(baseScores.f1, 4)); " + rates.joined(separator: ", "))
    }

    /// Clusters by the exact containment rule over reference 5-gram sets.
    func exactContainmentClusters(_ documents: [Document]) -> [String: String] {
        let sets = documents.map { Set(referenceShingles($0.text).map { Hasher.stableHash($0) }) }
        var postings: [UInt64: [Int32]] = [:]
        for (i, set) in sets.enumerated() { for h in set { postings[h, default: []].append(Int32(i)) } }
        var parent = Array(0..<documents.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var shared = [Int](repeating: 0, count: documents.count)
        for (i, set) in sets.enumerated() {
            var touched: [Int] = []
            for h in set {
                for j in postings[h]! where Int(j) < i {
                    if shared[Int(j)] == 0 { touched.append(Int(j)) }
                    shared[Int(j)] += 1
                }
            }
            for j in touched {
                let n = shared[j]
                shared[j] = 0
                let containment = Double(n) / Double(max(1, min(set.count, sets[j].count)))
                if n >= 50, containment >= 0.2 {
                    let a = find(i), b = find(j)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        var result: [String: String] = [:]
        for (i, d) in documents.enumerated() { result[d.id] = documents[find(i)].id }
        return result
    }
}

