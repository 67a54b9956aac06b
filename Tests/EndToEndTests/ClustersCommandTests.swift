import CSQLite
import CopydeskCore
import Foundation
import Testing

/// `copydesk clusters OUTPUT`: the duplicate clusters of a run's output, read back from JSONL, gzip
/// JSONL or SQLite, with canonicals of earlier runs named through the dedupe index.
@Suite("copydesk clusters")
struct ClustersCommandTests {
    /// The seeds through strip, normalise, dedupe into JSONL and SQLite, with a dedupe index.
    func seedsRun(_ dir: String, inputs: [String] = ["seeds"], name: String = "news") throws -> String {
        let pipeline = dir + "/\(name).yaml"
        let yaml = """
            input:
              paths: [\(inputs.map { CLI.root + "/" + $0 }.joined(separator: ", "))]
            stages:
              - use: strip
              - use: normalise
              - use: dedupe
                index: \(dir)/dedupe.index
              - use: export
                path: \(dir)/\(name).sqlite
              - use: export
                path: \(dir)/\(name).jsonl
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: pipeline))
        let run = try CLI.run(["run", pipeline, "--quiet"])
        try #require(run.status == 0, "stderr: \(run.stderr)")
        return dir + "/\(name)"
    }

    /// Output records as an export writes them, with the fields `clusters` reads.
    func record(_ id: String, cluster: String?, canonical: String? = nil, relation: String? = nil, title: String? = nil, site: String? = nil, url: String? = nil) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("id", id)
        w.beginObject("source"); w.string("path", "in/\(id)"); w.endObject()
        w.string("url", url)
        w.string("title", title ?? "Title \(id)")
        w.string("published", nil)
        w.string("site", site)
        w.string("text", "Text of \(id), with \"quotes\" and {braces} [brackets].")
        w.beginArray("links"); w.endArray()
        w.string("entities", nil)
        if let cluster {
            w.beginObject("duplicate")
            w.string("cluster", cluster)
            w.string("canonical", canonical ?? cluster)
            w.string("relation", relation)
            w.double("similarity", relation == nil ? 1.0 : 0.5)
            w.endObject()
        } else {
            w.string("duplicate", nil)
        }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    func write(_ lines: [String], to path: String) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("the seeds' JSONL and SQLite outputs list the same cluster: size, relation mix, canonical, title; members under it")
    func seeds() throws {
        let dir = CLI.temporaryDirectory()
        let base = try seedsRun(dir)
        let jsonl = try CLI.run(["clusters", base + ".jsonl"])
        #expect(jsonl.status == 0, "stderr: \(jsonl.stderr)")
        let lines = jsonl.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "\(jsonl.stdout)")
        #expect(lines[0].hasPrefix("size") && lines[0].hasSuffix("title"))
        #expect(lines[1].hasPrefix("2 ") && lines[1].contains("1 syndicated") && lines[1].contains("001_ff0d523c67cc992b"))
        #expect(lines[1].hasSuffix("Growing calls for Jeremy Corbyn to boot out anti-Semitism row MP Chris Williamson"))
        #expect(jsonl.stderr.contains("1 cluster listed (of 5 documents"))
        let sqlite = try CLI.run(["clusters", base + ".sqlite"])
        #expect(sqlite.status == 0, "stderr: \(sqlite.stderr)")
        #expect(sqlite.stdout == jsonl.stdout)

        let members = try CLI.run(["clusters", base + ".sqlite", "--members"])
        let memberLines = members.stdout.split(separator: "\n").map(String.init)
        try #require(memberLines.count == 4, "\(members.stdout)")
        #expect(memberLines[2].contains("canonical 1.00") && memberLines[2].contains("001_ff0d523c67cc992b"))
        #expect(memberLines[3].contains("syndicated 0.") && memberLines[3].contains("002_e87e003ce796c16f") && memberLines[3].contains("Labour leader"))

        // --min-size 1 adds the documents alone, after the pair, by canonical id.
        let all = try CLI.run(["clusters", base + ".jsonl", "--min-size", "1", "--json"])
        let ids = all.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(String($0))["cluster"]?.stringValue }
        #expect(ids == ["001_ff0d523c67cc992b", "000_25294a5b17a435c4", "003_5a179f3654ad3111", "004_9350e1d35c184a65"])
    }

    @Test("equal sizes are ordered by canonical id as numbers, then other ids as strings; filters and JSON; gzip output")
    func orderFiltersJSON() throws {
        let dir = CLI.temporaryDirectory()
        var lines: [String] = []
        for canonical in ["10077", "abc", "10038", "1017", "9"] {
            lines.append(record(canonical, cluster: canonical))
            lines.append(record(canonical + "-x", cluster: canonical, canonical: canonical, relation: canonical == "1017" ? "exact" : "syndicated",
                                site: canonical == "10038" ? "Reuters.com" : nil, url: canonical == "9" ? "https://www.example.com/a?b" : nil))
        }
        for member in ["big-1", "big-2"] { lines.append(record(member, cluster: "5", canonical: "5", relation: "near")) }
        lines.append(record("5", cluster: "5"))
        lines.append(record("alone", cluster: "alone"))
        lines.append(record("no-dedupe", cluster: nil))
        try write(lines, to: dir + "/out.jsonl")
        let plain = try CLI.run(["clusters", dir + "/out.jsonl", "--json"])
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        let objects = try plain.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(objects.compactMap { $0["canonical"]?["id"]?.stringValue } == ["5", "9", "1017", "10038", "10077", "abc"])
        #expect(objects.first?["size"] == .number(3))
        #expect(objects.first?["relations"] == .object([("near", .number(2))]))
        #expect(objects.first?["canonical"]?["source"] == .string("output"))
        #expect(objects.first?["members"] == nil && objects.first?["indexed"] == nil)

        let exact = try CLI.run(["clusters", dir + "/out.jsonl", "--relation", "exact", "--json", "--members"])
        let exactObjects = try exact.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(exactObjects.count == 1)
        #expect(exactObjects.first?["members"]?.arrayCount == 2)
        #expect(exactObjects.first?["members"].flatMap { if case .array(let m) = $0 { m.last?["relation"] } else { nil } } == .string("exact"))

        let site = try CLI.run(["clusters", dir + "/out.jsonl", "--site", "reuters.com"])
        #expect(site.stdout.split(separator: "\n").count == 2 && site.stdout.contains("10038"))
        let host = try CLI.run(["clusters", dir + "/out.jsonl", "--site", "www.example.com", "--json"])
        #expect(host.stdout.split(separator: "\n").count == 1 && host.stdout.contains(#""id":"9""#))

        let big = try CLI.run(["clusters", dir + "/out.jsonl", "--min-size", "3"])
        #expect(big.stdout.split(separator: "\n").count == 2)

        // The same output compressed reads the same.
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", dir + "/out.jsonl"]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let compressed = try CLI.run(["clusters", dir + "/out.jsonl.gz", "--json"])
        #expect(compressed.status == 0 && compressed.stdout == plain.stdout, "stderr: \(compressed.stderr)")
    }

    @Test("titles with control characters, NUL bytes and markup are shown on one line in the table and kept as they are in JSON")
    func hostileTitles() throws {
        let dir = CLI.temporaryDirectory()
        let title = "<script>alert(1)</script>\u{0}tab\there\nnext line"
        try write([record("1", cluster: "1", title: title), record("2", cluster: "1", canonical: "1", relation: "near")], to: dir + "/out.jsonl")
        let text = try CLI.run(["clusters", dir + "/out.jsonl"])
        #expect(text.status == 0, "stderr: \(text.stderr)")
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[1].hasSuffix("<script>alert(1)</script> tab here next line"))
        let json = try CLI.run(["clusters", dir + "/out.jsonl", "--json"])
        #expect(try JSONParser.parse(json.stdout)["canonical"]?["title"] == .string(title))
    }

    @Test("an incremental run's cluster with an earlier run's canonical is named through --index")
    func earlierRunThroughIndex() throws {
        let dir = CLI.temporaryDirectory()
        _ = try seedsRun(dir, inputs: ["seeds/001_ff0d523c67cc992b.txt", "seeds/000_25294a5b17a435c4.txt"], name: "first")
        let second = try seedsRun(dir, inputs: ["seeds/002_e87e003ce796c16f.txt"], name: "second")
        let records = try String(contentsOfFile: second + ".jsonl", encoding: .utf8)
        try #require(records.contains(#""canonical":"001_ff0d523c67cc992b","relation":"syndicated""#), "\(records)")

        // The canonical is not in this output: without the index it cannot be named, and stderr says how to.
        let bare = try CLI.run(["clusters", second + ".jsonl", "--min-size", "1", "--json"])
        #expect(bare.status == 0, "stderr: \(bare.stderr)")
        let unnamed = try JSONParser.parse(bare.stdout)
        #expect(unnamed["canonical"]?["id"] == .string("001_ff0d523c67cc992b"))
        #expect(unnamed["canonical"]?["source"] == .string("unknown") && unnamed["canonical"]?["title"] == .null)
        #expect(bare.stderr.contains("1 with a canonical from an earlier run not named here: give the dedupe index with --index"))
        let table = try CLI.run(["clusters", second + ".jsonl", "--min-size", "1"])
        #expect(table.stdout.contains("001_ff0d523c67cc992b (earlier run, not named: give --index)"))

        let named = try CLI.run(["clusters", second + ".sqlite", "--min-size", "1", "--json", "--index", dir + "/dedupe.index"])
        #expect(named.status == 0, "stderr: \(named.stderr)")
        let cluster = try JSONParser.parse(named.stdout)
        #expect(cluster["canonical"]?["source"] == .string("index"))
        #expect(cluster["canonical"]?["title"] == .string("Growing calls for Jeremy Corbyn to boot out anti-Semitism row MP Chris Williamson"))
        #expect(cluster["canonical"]?["published"] == .string("2019-06-28T16:43:00Z"))
        #expect(cluster["size"] == .number(1) && cluster["indexed"] == .number(2))
        #expect(!named.stderr.contains("not named"))
    }

    @Test("refusals name the file and what to do: moved or deleted, not an output, a run report, an index, another schema version, no dedupe")
    func refusals() throws {
        let dir = CLI.temporaryDirectory()
        let base = try seedsRun(dir)

        let missing = try CLI.run(["clusters", dir + "/moved.jsonl"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("\(dir)/moved.jsonl not found: was it moved or deleted since the run?"))

        let report = try CLI.run(["clusters", base + ".report.json"])
        #expect(report.status == 65)
        #expect(report.stderr.contains("is not a copydesk output (line 1: this is a run report; give the export it names under outputs.records)"))

        let index = try CLI.run(["clusters", dir + "/dedupe.index"])
        #expect(index.status == 65 && index.stderr.contains("dedupe.index is not a copydesk output"), "\(index.stderr)")

        try write([#"{"name":"not a record"}"#], to: dir + "/other.jsonl")
        let other = try CLI.run(["clusters", dir + "/other.jsonl"])
        #expect(other.status == 65 && other.stderr.contains("other.jsonl is not a copydesk output (line 1: not a record with an id and a text)"))

        try write([record("a", cluster: nil), record("b", cluster: nil)], to: dir + "/plain.jsonl")
        let plain = try CLI.run(["clusters", dir + "/plain.jsonl"])
        #expect(plain.status == 65 && plain.stderr.contains("its 2 records have no duplicate object (no dedupe stage ran)"))

        // An SQLite export of another schema version, and an SQLite file that is no export.
        var db: OpaquePointer?
        try #require(sqlite3_open_v2(base + ".sqlite", &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK)
        try #require(sqlite3_exec(db, "PRAGMA user_version = 2", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        let old = try CLI.run(["clusters", base + ".sqlite"])
        #expect(old.status == 65)
        #expect(old.stderr.contains("is a copydesk SQLite export of schema version 2; this copydesk reads version 3"))
        var foreign: OpaquePointer?
        try #require(sqlite3_open_v2(dir + "/foreign.db", &foreign, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK)
        try #require(sqlite3_exec(foreign, "CREATE TABLE t (x)", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(foreign)
        let notExport = try CLI.run(["clusters", dir + "/foreign.db"])
        #expect(notExport.status == 65 && notExport.stderr.contains("is an SQLite file but not a copydesk export"))

        let noIndex = try CLI.run(["clusters", base + ".jsonl", "--index", dir + "/gone.index"])
        #expect(noIndex.status == 66 && noIndex.stderr.contains("gone.index does not exist (was it moved or deleted?)"), "\(noIndex.stderr)")
        let notIndex = try CLI.run(["clusters", base + ".jsonl", "--index", base + ".jsonl"])
        #expect(notIndex.status == 65 && notIndex.stderr.contains("is not a copydesk dedupe index"), "\(notIndex.stderr)")

        let relation = try CLI.run(["clusters", base + ".jsonl", "--relation", "copy"])
        #expect(relation.status == 64 && relation.stderr.contains("--relation must be exact, near or syndicated"))
    }
}

extension JSONValue {
    /// The number of elements of an array (`nil` for anything else).
    fileprivate var arrayCount: Int? {
        if case .array(let elements) = self { return elements.count }
        return nil
    }
}
