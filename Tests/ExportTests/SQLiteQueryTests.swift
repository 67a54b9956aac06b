import CopydeskCore
import CopydeskTesting
import Export
import Foundation
import Testing

/// The example queries of docs/outputs.md, read from the file and run against a database the export
/// stage wrote: a query changed in the docs is a query changed here.
@Suite("SQLite export: the documented queries")
struct SQLiteQueryTests {
    /// The ```sql blocks of docs/outputs.md, by the name in their first line (`-- name`).
    static func documentedQueries() throws -> [String: String] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOfFile: url.path + "/docs/outputs.md", encoding: .utf8)
        var queries: [String: String] = [:]
        for block in text.components(separatedBy: "```sql\n").dropFirst() {
            let body = try #require(block.components(separatedBy: "```").first)
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            let name = try #require(lines.first.map { $0.hasPrefix("-- ") ? String($0.dropFirst(3)) : nil } ?? nil, "a block without a '-- name' line: \(body)")
            queries[name] = lines.dropFirst().joined(separator: "\n")
        }
        return queries
    }

    func person(_ name: String, at start: Int) -> Entity {
        Entity(type: "PERSON", name: name, mentions: [Mention(text: name, start: start, end: start + name.count)])
    }

    /// Four versions of one story (canonical "1", three syndicated), an exact copy pair, and people named in them.
    func documents() -> [Document] {
        func doc(_ id: String, _ title: String, _ text: String, published: String?, people: [String], cluster: String, canonical: String, relation: DuplicateInfo.Relation?) -> Document {
            var d = makeDocument(id, text: text, title: title)
            d.published = published
            d.entities = people.map { name in person(name, at: (text.range(of: name).map { text.distance(from: text.startIndex, to: $0.lowerBound) }) ?? 0) }
            d.duplicate = DuplicateInfo(cluster: cluster, canonical: canonical, relation: relation, similarity: relation == nil ? 1 : 0.4)
            return d
        }
        var crawled = doc("30", "Rates held", "The bank held rates.", published: nil, people: [], cluster: "30", canonical: "30", relation: nil)
        crawled.meta = ["crawl": .object([("status", .number(200))])]
        return [
            doc("1", "Corbyn faces calls", "Labour leader Jeremy Corbyn is facing growing calls over Chris Williamson.",
                published: "2019-06-28T17:43:00+01:00", people: ["Jeremy Corbyn", "Chris Williamson"], cluster: "1", canonical: "1", relation: nil),
            doc("2", "Calls grow", "Jeremy Corbyn and Chris Williamson: the Labour row goes on, with more calls, more statements and more pressure on the leader from MPs.",
                published: "2019-06-29T09:00:00Z", people: ["Jeremy Corbyn", "Chris Williamson"], cluster: "1", canonical: "1", relation: .syndicated),
            doc("3", "Corbyn speaks", "Jeremy Corbyn spoke.", published: nil, people: ["Jeremy Corbyn"], cluster: "1", canonical: "1", relation: .syndicated),
            doc("4", "Watson weighs in", "Tom Watson said Chris Williamson must go; Jeremy Corbyn did not answer.",
                published: "2019-06-28T18:00:00+03:00", people: ["Tom Watson", "Chris Williamson", "Jeremy Corbyn"], cluster: "1", canonical: "1",
                relation: .syndicated),
            doc("20", "Markets", "Shares rose.", published: "2019-06-30", people: [], cluster: "20", canonical: "20", relation: nil),
            doc("21", "Markets", "Shares rose.", published: "2019-06-30", people: [], cluster: "20", canonical: "20", relation: .exact),
            crawled,
        ]
    }

    @Test("each example query of docs/outputs.md gives the rows it promises")
    func documented() throws {
        let queries = try Self.documentedQueries()
        #expect(Set(queries.keys) == ["person-newest-first", "syndicated-stories", "people-together", "full-text-snippet", "run", "user-field"])
        let dir = TestDirectory.make("sqlite-queries")
        let path = dir + "/news.sqlite"
        let run = RunMetadata(started: "2026-12-03T04:00:00Z", pipeline: "pipelines/news.yaml", inputs: ["dump.jsonl"], workers: 1)
        _ = try runInMemory([.corpus(ExportStage(path: path, format: .sqlite, run: run))], descriptors: [ExportStage.descriptor], documents: documents())
        let db = try SQLiteReader(path)
        defer { db.close() }
        func rows(_ name: String) throws -> [[String?]] { db.rows(try #require(queries[name])) }

        // Newest first by the instant, not the text: 18:00+03:00 (15:00Z) comes after 17:43+01:00 (16:43Z); no date last.
        #expect(try rows("person-newest-first") == [
            ["2019-06-29T09:00:00Z", "2", "Calls grow"], ["2019-06-28T17:43:00+01:00", "1", "Corbyn faces calls"],
            ["2019-06-28T18:00:00+03:00", "4", "Watson weighs in"], [nil, "3", "Corbyn speaks"],
        ])
        #expect(try rows("syndicated-stories") == [["3", "4", "1", "Corbyn faces calls"]])
        #expect(try rows("people-together") == [
            ["Chris Williamson", "Jeremy Corbyn", "3"], ["Chris Williamson", "Tom Watson", "1"], ["Jeremy Corbyn", "Tom Watson", "1"],
        ])
        let found = try rows("full-text-snippet")
        #expect(found.map { $0[0] } == ["1", "2"])
        #expect(found.first == ["1", "Corbyn faces calls", "[Labour] leader Jeremy [Corbyn] is facing growing calls over Chris Williamson."])
        let second = try #require(found.last?[2] ?? nil)
        #expect(second.contains("[Corbyn]") && second.contains("[Labour]") && second.contains("…"))
        #expect(try rows("run") == [[CopydeskVersion.current, "pipelines/news.yaml", #"["dump.jsonl"]"#, "7", "2", "4"]])
        #expect(try rows("user-field") == [["30", "200"]])
    }

    @Test("the documented queries use the indexes: no full scan of a table")
    func plans() throws {
        let queries = try Self.documentedQueries()
        let dir = TestDirectory.make("sqlite-plans")
        let path = dir + "/news.sqlite"
        _ = try runInMemory([.corpus(ExportStage(path: path, format: .sqlite))], descriptors: [ExportStage.descriptor], documents: documents())
        let db = try SQLiteReader(path)
        defer { db.close() }
        for name in ["person-newest-first", "people-together", "full-text-snippet"] {
            let plan = db.rows("EXPLAIN QUERY PLAN " + (try #require(queries[name]))).compactMap { $0.last ?? nil }
            #expect(!plan.isEmpty, "no plan for \(name)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE") }, "\(name) scans a table: \(plan)")
        }
        let syndicated = db.rows("EXPLAIN QUERY PLAN " + (try #require(queries["syndicated-stories"]))).compactMap { $0.last ?? nil }
        #expect(syndicated.contains { $0.contains("clusters_syndicated") }, "\(syndicated)")
    }
}
