import CopydeskTesting
import Foundation
import Testing

/// An incremental run through the engine modes (as spark/copydesk-spark chains them with `--index`): the
/// first batch's documents go into the replay first, with their clusters, and the second batch's records
/// equal those of a second `copydesk run` with a dedupe index file, byte for byte.
@Suite struct EngineIncrementalTests {
    typealias E = EngineModeTests

    static func record(_ id: String, _ paragraphs: [String], published: String = "2024-03-02T10:00:00Z") -> String {
        let object: [String: String] = ["id": id, "text": paragraphs.joined(separator: "\n\n"), "published": published]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The first batch's stories again: an exact copy and a near copy under new ids, a syndicated version, a
    /// document of the first batch unchanged (already indexed), one with another paragraph (an updated
    /// version), and new stories with a copy of their own.
    static func secondBatch() -> String {
        func story(_ s: Int) -> [String] { (0..<4).map { E.paragraph(seed: UInt64(s * 10 + $0), words: 70) } }
        var near = story(1)
        near[3] = near[3].replacingOccurrences(of: "lo", with: "le", options: [], range: near[3].range(of: "lo"))
        let fresh = (0..<4).map { E.paragraph(seed: UInt64(4000 + $0), words: 80) }
        let lines = [
            record("new0", fresh),
            record("again-copy0", story(0)),
            record("story3", story(3), published: "2024-03-01T10:00:00Z"),
            record("again-near1", near),
            record("story4", story(4) + [E.paragraph(seed: 4242, words: 60)]),
            record("again-synd2", [E.paragraph(seed: 4300, words: 50), story(2)[0], story(2)[1], E.paragraph(seed: 4301, words: 80)]),
            record("new0-copy", fresh),
            record("new1", [E.paragraph(seed: 4400, words: 150)]),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static let pipelineYAML = """
        name: engine-incremental
        input:
          paths: [docs.jsonl]
          format: jsonl
        stages:
          - use: normalise
          - use: dedupe
            index: dedupe.index
            action: drop
          - use: export
            path: out.jsonl
        """

    /// One batch's signatures, as `engine signatures` writes them, numbered from `first`.
    struct Signed {
        var n: Int, file: String, position: String, record: String
        var id: String, words: Int, hash: Int64, bands: Set<Int64>, anchors: Set<Int64>, summary: String, signature: String
        var replaces: Int? = nil, searches = false
    }

    static func sign(_ batch: String, in dir: String) throws -> [Signed] {
        try batch.write(toFile: dir + "/docs.jsonl", atomically: true, encoding: .utf8)
        let before = try E.engine(["engine", "documents", "p.yaml", "--part", "before", "--outcomes", dir + "/o"], input: "0\tdocs.jsonl\n", in: dir)
        try #require(before.status == 0, "documents: \(before.stderr)")
        let signatures = try E.engine(["engine", "signatures", "p.yaml"], input: before.stdout, in: dir)
        try #require(signatures.status == 0, "signatures: \(signatures.stderr)")
        return zip(E.lines(before.stdout), E.lines(signatures.stdout)).map { document, line in
            let d = document.split(separator: "\t", maxSplits: 2).map(String.init)
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let id = (try? JSONSerialization.jsonObject(with: Data(f[6].utf8)) as? [String: Any])?["id"] as? String ?? ""
            return Signed(
                n: -1, file: d[0], position: d[1], record: d[2], id: id, words: Int(f[2]) ?? -1, hash: Int64(f[3]) ?? 0,
                bands: Set(f[4].split(separator: ",").compactMap { Int64($0) }), anchors: Set(f[5].split(separator: ",").compactMap { Int64($0) }),
                summary: f[6], signature: f[7])
        }
    }

    /// Candidates (no key here is shared by enough documents for a cap to apply), verified and replayed
    /// after `earlier`; returns the replay's lines (NUMBER, CANONICAL, ROOT, ASSIGNMENT) by number.
    static func cluster(_ batch: inout [Signed], after earlier: [Signed], roots: [Int], canonicals: [Int], in dir: String) throws -> [Int: [String]] {
        let retired = Dictionary(uniqueKeysWithValues: batch.compactMap { d in d.replaces.map { ($0, d.n) } })
        // Exact copies join their original without a search: the index's first document with the content
        // (until an updated version retires it), else the batch's first.
        var earlierOriginal: [Int64: Int] = [:]
        for e in earlier where e.words > 0 && earlierOriginal[e.hash] == nil { earlierOriginal[e.hash] = e.n }
        var batchOriginal = Set<Int64>()
        for k in batch.indices where batch[k].words > 0 {
            let d = batch[k]
            if let e = earlierOriginal[d.hash], retired[e].map({ d.n < $0 }) ?? true { continue }
            if batchOriginal.insert(d.hash).inserted { batch[k].searches = !d.bands.isEmpty }
        }
        let everyone = earlier + batch
        var pairs = ""
        for d in batch where d.searches {
            for c in everyone where c.n < d.n && c.searches && !(retired[c.n] != nil && c.id == d.id) {
                if !d.bands.isDisjoint(with: c.bands) || d.anchors.intersection(c.anchors).count >= 2 {
                    pairs += "\(d.n)\t\(c.n)\t\(d.signature)\t\(c.signature)\n"
                }
            }
        }
        let verified = try E.engine(["engine", "verify", "p.yaml"], input: pairs, in: dir)
        try #require(verified.status == 0, "verify: \(verified.stderr)")
        var judgments: [Int: [String]] = [:]
        for line in E.lines(verified.stdout) {
            let f = line.split(separator: "\t").map(String.init)
            judgments[Int(f[0])!, default: []].append(f[1] + ":" + f[2])
        }
        var replay = earlier.map { "\($0.n)\t\($0.summary)\t\(roots[$0.n])\t\(canonicals[$0.n])\t\($0.searches ? 0 : 1)\n" }.joined()
        for d in batch {
            replay += "\(d.n)\t\(d.summary)\t\((judgments[d.n] ?? []).joined(separator: ","))" + (d.replaces.map { "\t\($0)" } ?? "") + "\n"
        }
        let clustered = try E.engine(["engine", "cluster", "p.yaml"], input: replay, in: dir)
        try #require(clustered.status == 0, "cluster: \(clustered.stderr)")
        let lines = E.lines(clustered.stdout).map { $0.split(separator: "\t", maxSplits: 3).map(String.init) }
        return Dictionary(lines.map { (Int($0[0])!, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("a second batch replayed after the first batch's clusters gives the records of a second `copydesk run` with an index")
    func secondBatchEqualsIndexedRun() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.pipelineYAML.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let first = E.corpus(), second = Self.secondBatch()

        // One machine: the first batch writes the index, the second is matched against it.
        try first.write(toFile: dir + "/docs.jsonl", atomically: true, encoding: .utf8)
        let singleA = try CLI.run(["run", "p.yaml", "--output", "a.jsonl", "--quiet"], in: dir)
        try #require(singleA.status == 0, "copydesk run (first batch): \(singleA.stderr)")
        try second.write(toFile: dir + "/docs.jsonl", atomically: true, encoding: .utf8)
        let singleB = try CLI.run(["run", "p.yaml", "--output", "b.jsonl", "--quiet"], in: dir)
        try #require(singleB.status == 0, "copydesk run (second batch): \(singleB.stderr)")
        try FileManager.default.removeItem(atPath: dir + "/dedupe.index")

        // The engine: the first batch alone.
        var a = try Self.sign(first, in: dir)
        for k in a.indices { a[k].n = k }
        let assignedA = try Self.cluster(&a, after: [], roots: [], canonicals: [], in: dir)
        let roots = a.map { Int(assignedA[$0.n]![2])! }, canonicals = a.map { Int(assignedA[$0.n]![1])! }

        // The second batch: documents already indexed keep their number; updated versions retire theirs.
        var b = try Self.sign(second, in: dir)
        var again: [Int: Int] = [:]
        var numbered: [Signed] = []
        for (k, d) in b.enumerated() {
            if let e = a.first(where: { $0.id == d.id }) {
                if e.hash == d.hash {
                    again[k] = e.n
                    continue
                }
                b[k].replaces = e.n
            }
            b[k].n = a.count + numbered.count
            numbered.append(b[k])
        }
        #expect(again.count == 1 && numbered.filter { $0.replaces != nil }.count == 1)
        let assigned = try Self.cluster(&numbered, after: a, roots: roots, canonicals: canonicals, in: dir)
        let retired = numbered.compactMap(\.replaces)
        #expect(assigned.count == a.count + numbered.count - 1, "every document's assignment, the first batch's too, but the retired version's")
        #expect(retired.allSatisfy { assigned[$0] == nil })
        let everyone = a + numbered
        var applyInput = ""
        for (k, d) in b.enumerated() {
            let n = again[k] ?? d.n
            let assignment = try #require(assigned[n], "document \(n) has an assignment")
            applyInput += "\(d.file)\t\(d.position)\t\(n)\t\(d.record)\t\(d.signature)\t\(assignment[3])\t\(everyone[Int(assignment[1])!].signature)\n"
        }
        let applied = try E.engine(["engine", "apply", "p.yaml", "--outcomes", dir + "/drops"], input: applyInput, in: dir)
        try #require(applied.status == 0, "apply: \(applied.stderr)")
        let after = try E.engine(["engine", "documents", "p.yaml", "--part", "after", "--outcomes", dir + "/o3"], input: applied.stdout, in: dir)
        try #require(after.status == 0, "after: \(after.stderr)")
        let expected = try String(contentsOfFile: dir + "/b.jsonl", encoding: .utf8)
        #expect(after.stdout == expected)
        // Copies of the first batch's stories are dropped naming the earlier canonical (the longest version:
        // all were published the same day); a document already indexed is dropped again, as in the first run.
        let drops = try String(contentsOfFile: dir + "/drops", encoding: .utf8)
        let expectedDrops = try String(contentsOfFile: dir + "/b.drops.jsonl", encoding: .utf8)
        #expect(E.lines(drops).map { $0.split(separator: "\t", maxSplits: 3).map(String.init)[3] } == E.lines(expectedDrops))
        let dropped = E.lines(expectedDrops).compactMap { line -> (String, String)? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let duplicate = object["duplicate"] as? [String: Any] else { return nil }
            return (object["id"] as? String ?? "", duplicate["canonical"] as? String ?? "")
        }
        #expect(dropped.contains { $0 == ("again-copy0", "syndicated0") })
        #expect(dropped.contains { $0 == ("story3", "syndicated3") })
    }

    @Test("an earlier run's document after this run's, or a retired version that is none, exits 65 naming the line")
    func badEarlierLines() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.pipelineYAML.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let summary = #"{"id":"x","name":null,"published":null,"words":80,"hash":7,"bands":[1]}"#
        let late = try E.engine(["engine", "cluster", "p.yaml"], input: "0\t\(summary)\t\n1\t\(summary)\t0\t0\t0\n", in: dir)
        #expect(late.status == 65)
        #expect(late.stderr.contains("standard input line 2") && late.stderr.contains("the index's documents come first"))
        let ahead = try E.engine(["engine", "cluster", "p.yaml"], input: "0\t\(summary)\t3\t0\t0\n", in: dir)
        #expect(ahead.status == 65)
        #expect(ahead.stderr.contains("start at or before their members"))
        let retired = try E.engine(["engine", "cluster", "p.yaml"], input: "0\t\(summary)\t0\t0\t0\n1\t\(summary)\t\t1\n", in: dir)
        #expect(retired.status == 65)
        #expect(retired.stderr.contains("replaces 1, which is no earlier run's document"))
        let fine = try E.engine(["engine", "cluster", "p.yaml"], input: "0\t\(summary)\t0\t0\t0\n1\t\(summary)\t\t0\n", in: dir)
        #expect(fine.status == 0)
        #expect(fine.stdout == "1\t1\t1\t{\"cluster\":\"x\",\"root\":1,\"canonical\":1,\"canonical_id\":\"x\",\"bandless\":false,\"clustered\":false}\n",
                "the retired version has no assignment; its new version is canonical of its own cluster")
    }
}
