import CopydeskTesting
import Foundation
import Testing

/// The engine modes (`copydesk engine …`) chained the way spark/copydesk-spark chains them, in one
/// process: the records equal a single `copydesk run`'s, and bad engine input fails with the codes of
/// docs/spark.md.
@Suite struct EngineModeTests {
    /// Words of a made-up language, so the corpus needs no data files.
    static func paragraph(seed: UInt64, words: Int) -> String {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var out: [String] = []
        for _ in 0..<words {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let n = Int(state >> 33) % 3000
            let syllables = ["ka", "lo", "mi", "ter", "san", "du", "vel", "or", "ni", "pa", "ru", "sto"]
            out.append(syllables[n % 12] + syllables[(n / 12) % 12] + (n % 5 == 0 ? syllables[(n / 144) % 12] : ""))
        }
        return out.joined(separator: " ") + "."
    }

    /// Stories with an exact copy, a near copy (a few words changed), a syndicated version (a new
    /// introduction, then two of the story's paragraphs), unrelated articles, an empty one and a bad line.
    static func corpus() -> String {
        var lines: [String] = []
        func record(_ id: String, _ paragraphs: [String], published: String = "2024-03-0\(1)T10:00:00Z") -> String {
            let text = paragraphs.joined(separator: "\n\n")
            let object: [String: String] = ["id": id, "text": text, "published": published]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        for story in 0..<6 {
            let base = (0..<4).map { paragraph(seed: UInt64(story * 10 + $0), words: 70) }
            lines.append(record("story\(story)", base))
            lines.append(record("unrelated\(story)", [paragraph(seed: UInt64(900 + story), words: 200)]))
            lines.append(record("copy\(story)", base))
            var near = base
            near[2] = near[2].replacingOccurrences(of: "ka", with: "ke", options: [], range: near[2].range(of: "ka"))
            lines.append(record("near\(story)", near))
            lines.append(record("syndicated\(story)", [paragraph(seed: UInt64(500 + story), words: 60), base[0], base[1], paragraph(seed: UInt64(700 + story), words: 90)]))
        }
        lines.append(record("empty", [""]))
        lines.append("{\"id\": \"broken\", \"text\": ")
        return lines.joined(separator: "\n") + "\n"
    }

    static let pipelineYAML = """
        name: engine-test
        input:
          paths: [docs.jsonl]
          format: jsonl
        stages:
          - use: normalise
          - use: dedupe
            passages: true
          - use: entities
          - use: export
            path: out.jsonl
        """

    /// Runs the binary with `input` on stdin (written from another thread, so large outputs never block).
    static func engine(_ arguments: [String], input: String, in directory: String) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = stdin.fileHandleForWriting
        let data = Data(input.utf8)
        DispatchQueue.global().async {
            writer.write(data)
            try? writer.close()
        }
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("the modes chained give the records of one `copydesk run`, byte for byte and in order")
    func chainedModesEqualOneRun() throws {
        let dir = CLI.temporaryDirectory()
        try Self.corpus().write(toFile: dir + "/docs.jsonl", atomically: true, encoding: .utf8)
        try Self.pipelineYAML.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let single = try CLI.run(["run", "p.yaml", "--output", "-", "--quiet"], in: dir)
        try #require(single.status == 0, "copydesk run: \(single.stderr)")

        let plan = try CLI.run(["engine", "plan", "p.yaml"], in: dir)
        try #require(plan.status == 0, "plan: \(plan.stderr)")
        #expect(plan.stdout.contains("\"files\":[\"docs.jsonl\"]"))
        #expect(plan.stdout.contains("\"band_cap\":64"))

        let before = try Self.engine(["engine", "documents", "p.yaml", "--part", "before", "--outcomes", dir + "/o1"], input: "0\tdocs.jsonl\n", in: dir)
        try #require(before.status == 0, "documents: \(before.stderr)")
        #expect(before.stderr.contains("copydesk-engine-stats {\"mode\":\"documents-before\",\"in\":32,\"out\":31,\"dropped\":0,\"rejected\":1"))
        let rejects = try String(contentsOfFile: dir + "/o1", encoding: .utf8)
        #expect(rejects.hasPrefix("0\t32\treject\t"), "the bad line is rejected with its file and line")
        #expect(rejects.contains("\"path\":\"docs.jsonl\",\"line\":32"))

        let signatures = try Self.engine(["engine", "signatures", "p.yaml"], input: before.stdout, in: dir)
        try #require(signatures.status == 0, "signatures: \(signatures.stderr)")
        // Numbered in input order (file, position): one document per line here.
        struct Signed { var words: Int, hash: Int64, bands: Set<Int64>, anchors: Set<Int64>, summary: String, signature: String }
        var signed: [Signed] = []
        for line in Self.lines(signatures.stdout) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(f.count == 8)
            signed.append(Signed(
                words: Int(f[2]) ?? -1, hash: Int64(f[3]) ?? 0, bands: Set(f[4].split(separator: ",").compactMap { Int64($0) }),
                anchors: Set(f[5].split(separator: ",").compactMap { Int64($0) }), summary: f[6], signature: f[7]))
        }
        #expect(signed.count == 31)
        // Candidates as the search finds them (no key here is shared by 32 documents, so no cap applies):
        // searching documents share a band key, or two anchors, with an earlier searching document.
        var firstWithHash: [Int64: Int] = [:]
        var searches = [Bool](repeating: false, count: signed.count)
        for (n, s) in signed.enumerated() where s.words > 0 {
            if firstWithHash[s.hash] == nil {
                firstWithHash[s.hash] = n
                searches[n] = !s.bands.isEmpty
            }
        }
        var pairs = ""
        for d in signed.indices where searches[d] {
            for c in 0..<d where searches[c] {
                if !signed[d].bands.isDisjoint(with: signed[c].bands) || signed[d].anchors.intersection(signed[c].anchors).count >= 2 {
                    pairs += "\(d)\t\(c)\t\(signed[d].signature)\t\(signed[c].signature)\n"
                }
            }
        }
        let verified = try Self.engine(["engine", "verify", "p.yaml"], input: pairs, in: dir)
        try #require(verified.status == 0, "verify: \(verified.stderr)")
        var judgments = [[String]](repeating: [], count: signed.count)
        for line in Self.lines(verified.stdout) {
            let f = line.split(separator: "\t").map(String.init)
            judgments[Int(f[0])!].append(f[1] + ":" + f[2])
        }
        #expect(verified.stdout.contains("\tnear\n") && verified.stdout.contains("\tsyndicated\n"))

        let replayInput = signed.enumerated().map { "\($0.offset)\t\($0.element.summary)\t\(judgments[$0.offset].joined(separator: ","))\n" }.joined()
        let clustered = try Self.engine(["engine", "cluster", "p.yaml"], input: replayInput, in: dir)
        try #require(clustered.status == 0, "cluster: \(clustered.stderr)")
        let assignments = Self.lines(clustered.stdout).map { $0.split(separator: "\t", maxSplits: 3).map(String.init) }
        try #require(assignments.count == signed.count)

        let documents = Self.lines(before.stdout)
        var applyInput = ""
        for (n, document) in documents.enumerated() {
            let f = document.split(separator: "\t", maxSplits: 2).map(String.init)
            let canonical = Int(assignments[n][1])!
            applyInput += "\(f[0])\t\(f[1])\t\(n)\t\(f[2])\t\(signed[n].signature)\t\(assignments[n][3])\t\(signed[canonical].signature)\n"
        }
        let applied = try Self.engine(["engine", "apply", "p.yaml", "--outcomes", dir + "/o2"], input: applyInput, in: dir)
        try #require(applied.status == 0, "apply: \(applied.stderr)")
        let after = try Self.engine(["engine", "documents", "p.yaml", "--part", "after", "--outcomes", dir + "/o3"], input: applied.stdout, in: dir)
        try #require(after.status == 0, "after: \(after.stderr)")
        #expect(after.stdout == single.stdout)
        #expect(single.stdout.contains("\"relation\":\"syndicated\"") && single.stdout.contains("\"relation\":\"exact\""))
    }

    @Test("documents --part before reads a file's local copy (NUMBER, PATH, COPY) and names PATH, never the copy")
    func copiesAreNamedByTheirPath() throws {
        let dir = CLI.temporaryDirectory()
        // Formats from the names (no input.format): the copies have no extensions.
        try Self.pipelineYAML.replacingOccurrences(of: "  format: jsonl\n", with: "")
            .write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/copies", withIntermediateDirectories: true)
        let broken = Data([0x1F, 0x8B, 0x08, 0x00]) + Data(" this is no gzip stream".utf8)
        try Self.corpus().write(toFile: dir + "/docs.jsonl", atomically: true, encoding: .utf8)
        try Self.corpus().write(toFile: dir + "/copies/a", atomically: true, encoding: .utf8)
        try "A title\n\nThe story's text.\n".write(toFile: dir + "/copies/b", atomically: true, encoding: .utf8)
        try broken.write(to: URL(fileURLWithPath: dir + "/copies/c"))
        let uri = "hdfs://nn:8020/data"
        let manifest = "0\t\(uri)/docs.jsonl\t\(dir)/copies/a\n1\t\(uri)/story-1.txt\tcopies/b\n2\t\(uri)/broken.warc.gz\t\(dir)/copies/c\n"
        let copied = try Self.engine(["engine", "documents", "p.yaml", "--part", "before", "--outcomes", dir + "/o1"], input: manifest, in: dir)
        try #require(copied.status == 0, "documents: \(copied.stderr)")
        let local = try Self.engine(["engine", "documents", "p.yaml", "--part", "before", "--outcomes", dir + "/o2"], input: "0\tdocs.jsonl\n", in: dir)
        try #require(local.status == 0, "documents: \(local.stderr)")
        let lines = Self.lines(copied.stdout)
        try #require(lines.count == 32)
        // The JSONL documents are those of the same file read locally, named by the URI.
        #expect(lines[0..<31].joined(separator: "\n") + "\n"
                == local.stdout.replacingOccurrences(of: "\"path\":\"docs.jsonl\"", with: "\"path\":\"\(uri)/docs.jsonl\""))
        #expect(lines[31].hasPrefix("1\t0\t{\"id\":\"story-1\""), "a one-document file's id comes from its name")
        #expect(lines[31].contains("\"title\":\"A title\"") && lines[31].contains("\"path\":\"\(uri)/story-1.txt\""))
        let outcomes = try String(contentsOfFile: dir + "/o1", encoding: .utf8)
        #expect(outcomes.contains("0\t32\treject\t") && outcomes.contains("\"path\":\"\(uri)/docs.jsonl\",\"line\":32"))
        #expect(outcomes.contains("2\t0\treject\t") && outcomes.contains("\(uri)/broken.warc.gz: corrupt gzip data"),
                "the broken WARC's rejection names the URI: \(outcomes)")
        #expect(!copied.stdout.contains("copies/") && !outcomes.contains("copies/"), "nothing names the local copies")
        let missing = try Self.engine(["engine", "documents", "p.yaml", "--part", "before", "--outcomes", dir + "/o3"],
                                      input: "0\t\(uri)/gone.jsonl\t\(dir)/copies/gone\n", in: dir)
        #expect(missing.status == 0)
        #expect(try String(contentsOfFile: dir + "/o3", encoding: .utf8).contains("cannot open \(uri)/gone.jsonl"))
    }

    @Test("malformed engine lines exit 65 naming the line; a pipeline that cannot run distributed exits 64")
    func badEngineInput() throws {
        let dir = CLI.temporaryDirectory()
        try Self.pipelineYAML.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let verify = try Self.engine(["engine", "verify", "p.yaml"], input: "1\t0\t{}\n", in: dir)
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("standard input line 1"))
        let cluster = try Self.engine(["engine", "cluster", "p.yaml"], input: "5\t{}\t\n", in: dir)
        #expect(cluster.status == 65)
        #expect(cluster.stderr.contains("expected 0"))
        try """
            input:
              paths: [docs.jsonl]
            stages:
              - use: dedupe
              - use: dedupe
              - use: export
                path: out.jsonl
            """.write(toFile: dir + "/two.yaml", atomically: true, encoding: .utf8)
        let two = try CLI.run(["engine", "plan", "two.yaml"], in: dir)
        #expect(two.status == 64)
        #expect(two.stderr.contains("one dedupe stage"))
        try """
            input:
              paths: [docs.jsonl]
            stages:
              - use: normalise
            """.write(toFile: dir + "/none.yaml", atomically: true, encoding: .utf8)
        let none = try CLI.run(["engine", "plan", "none.yaml"], in: dir)
        #expect(none.status == 64)
        #expect(none.stderr.contains("no export stage"))
    }
}
