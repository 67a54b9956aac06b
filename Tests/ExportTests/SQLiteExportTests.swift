import CSQLite
import CopydeskCore
import CopydeskTesting
import Export
import Foundation
import Testing

/// Reads query results back with SQLite's own C API, as any other SQLite client would.
struct SQLiteReader {
    var db: OpaquePointer?

    init(_ path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw DocumentRejection("cannot open \(path)")
        }
    }

    /// Every row of `sql`, each column as text (`nil` for NULL).
    func rows(_ sql: String) -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return [["error: " + String(cString: sqlite3_errmsg(db))]] }
        defer { sqlite3_finalize(statement) }
        var result: [[String?]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append((0..<sqlite3_column_count(statement)).map { column in
                sqlite3_column_text(statement, column).map { String(cString: $0) }
            })
        }
        return result
    }

    func close() { sqlite3_close(db) }
}

@Suite("export to SQLite")
struct SQLiteExportTests {
    let tests = ExportStageTests()

    @Test("writes documents, entities and mentions tables; the record column is NULL unless asked for")
    func tables() throws {
        let dir = tests.temporaryDirectory()
        let path = dir + "/out/x.sqlite"
        let (output, report) = try runInMemory(
            [.corpus(ExportStage(path: path, format: .sqlite))], descriptors: [ExportStage.descriptor], documents: tests.documents())
        #expect(output.map(\.id) == ["a", "b"])
        #expect(report.balanced)
        let db = try SQLiteReader(path)
        defer { db.close() }
        #expect(db.rows("SELECT seq, id, source_path, title, links, duplicate_cluster, duplicate_similarity FROM documents ORDER BY seq") == [
            ["1", "a", "in/a.txt", "Title A", #"["https://twitter.com/x/status/1"]"#, "a", "1.0"],
            ["2", "b", "memory/b", nil, "[]", nil, nil],
        ])
        #expect(db.rows("SELECT text FROM documents WHERE id = 'a'") == [["First \"quoted\" paragraph.\n\nSecond, with a comma."]])
        #expect(db.rows("SELECT count(*) FROM documents WHERE record IS NULL") == [["2"]])
        #expect(db.rows("SELECT doc_seq, entity, type, name, mentions FROM entities") == [["1", "0", "PERSON", "Jackie Walker", "1"]])
        #expect(db.rows(#"SELECT doc_seq, entity, text, start, "end" FROM mentions"#) == [["1", "0", "Walker", "0", "6"]])
        #expect(db.rows("SELECT value FROM meta WHERE key = 'schema_version'") == [["3"]])
        #expect(db.rows("PRAGMA user_version") == [["3"]])
        #expect(db.rows("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name") == [
            ["clusters_size"], ["clusters_syndicated"], ["documents_cluster"], ["documents_id"], ["entities_name"],
        ])
        #expect(db.rows("PRAGMA foreign_key_check") == [])
        #expect(db.rows("PRAGMA integrity_check") == [["ok"]])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["x.sqlite"])
    }

    @Test("sqlite_record: true keeps each document's JSONL record in documents.record")
    func recordColumn() throws {
        let dir = tests.temporaryDirectory()
        let path = dir + "/x.sqlite"
        _ = try runInMemory(
            [.corpus(ExportStage(path: path, format: .sqlite, sqliteRecord: true))], descriptors: [ExportStage.descriptor], documents: tests.documents())
        let db = try SQLiteReader(path)
        defer { db.close() }
        let records = db.rows("SELECT record FROM documents ORDER BY seq").map { $0.first.flatMap { $0 }.map { $0 + "\n" } }
        #expect(records == tests.documents().map { String(decoding: DocumentRecord.line($0), as: UTF8.self) })
    }

    @Test("the option is declared, off by default, and reaches the stage from a pipeline")
    func recordOption() throws {
        let dir = tests.temporaryDirectory()
        let yaml = dir + "/p.yaml"
        try Data("stages:\n  - use: export\n    path: \(dir)/x.sqlite\n    sqlite_record: true\n".utf8).write(to: URL(fileURLWithPath: yaml))
        let registry = StageRegistry([ExportStage.descriptor])
        let pipeline = try Pipeline.load(path: yaml, registry: registry)
        let instances = try pipeline.instantiate(context: StageContext())
        let export = try #require(instances.first.flatMap { instance -> ExportStage? in
            if case .corpus(let stage) = instance { return stage as? ExportStage }
            return nil
        })
        #expect(export.sqliteRecord)
        #expect(ExportOptions().sqliteRecord == false)
    }

    @Test("clusters: one row per cluster with its canonical's row, size and members by relation; documents alone are size 1")
    func clusters() throws {
        let dir = tests.temporaryDirectory()
        let path = dir + "/x.sqlite"
        func doc(_ id: String, cluster: String, canonical: String, relation: DuplicateInfo.Relation?) -> Document {
            var d = makeDocument(id, text: "Text of \(id).")
            d.duplicate = DuplicateInfo(cluster: cluster, canonical: canonical, relation: relation, similarity: relation == nil ? 1 : 0.5)
            return d
        }
        let documents = [
            doc("10", cluster: "10", canonical: "11", relation: .exact), doc("11", cluster: "10", canonical: "11", relation: nil),
            doc("12", cluster: "10", canonical: "11", relation: .syndicated), doc("13", cluster: "13", canonical: "13", relation: nil),
            doc("14", cluster: "old", canonical: "old", relation: .near), makeDocument("15", text: "No dedupe ran on this one."),
        ]
        _ = try runInMemory([.corpus(ExportStage(path: path, format: .sqlite))], descriptors: [ExportStage.descriptor], documents: documents)
        let db = try SQLiteReader(path)
        defer { db.close() }
        #expect(db.rows("SELECT cluster, canonical, canonical_seq, size, exact, near, syndicated FROM clusters ORDER BY cluster") == [
            ["10", "11", "2", "3", "1", "0", "1"], ["13", "13", "4", "1", "0", "0", "0"], ["old", "old", nil, "1", "0", "1", "0"],
        ])
        #expect(db.rows("SELECT documents, clusters, duplicates, entities FROM runs") == [["6", "1", "3", "0"]])
        #expect(db.rows("PRAGMA foreign_key_check") == [])
    }

    @Test("runs: the run's version, pipeline, inputs, host, workers and times")
    func runs() throws {
        let dir = tests.temporaryDirectory()
        let path = dir + "/x.sqlite"
        let run = RunMetadata(started: "2026-12-03T04:05:06Z", host: "desk", pipeline: "pipelines/news.yaml", inputs: ["in/a.jsonl", "in/b"], workers: 3)
        _ = try runInMemory(
            [.corpus(ExportStage(path: path, format: .sqlite, run: run))], descriptors: [ExportStage.descriptor], documents: tests.documents())
        let db = try SQLiteReader(path)
        defer { db.close() }
        #expect(db.rows("SELECT run, version, pipeline, inputs, host, workers, started FROM runs") == [
            ["1", CopydeskVersion.current, "pipelines/news.yaml", #"["in/a.jsonl","in/b"]"#, "desk", "3", "2026-12-03T04:05:06Z"],
        ])
        let finished = try #require(db.rows("SELECT finished FROM runs").first?.first ?? nil)
        #expect(finished >= "2026-12-03T04:05:06Z" && finished.hasSuffix("Z") && finished.count == 20)
        #expect(db.rows("SELECT documents, clusters, duplicates, entities FROM runs") == [["2", "0", "0", "1"]])
    }

    @Test("full-text search over title and text, with snippets; the text is stored once (external content)")
    func fullText() throws {
        let dir = tests.temporaryDirectory()
        let path = dir + "/x.sqlite"
        var a = makeDocument("a", text: "The minister resigned on Friday.", title: "Café owners protest")
        a.site = "example.com"
        let b = makeDocument("b", text: "Nothing to see about cafes here, said the ministers.")
        _ = try runInMemory([.corpus(ExportStage(path: path, format: .sqlite))], descriptors: [ExportStage.descriptor], documents: [a, b])
        let db = try SQLiteReader(path)
        defer { db.close() }
        #expect(db.rows("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'cafe' ORDER BY rowid") == [["1"]])
        #expect(db.rows("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'minister*' ORDER BY rowid") == [["1"], ["2"]])
        #expect(db.rows("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'title: minister'") == [])
        #expect(db.rows("SELECT snippet(documents_fts, 1, '[', ']', '…', 4) FROM documents_fts WHERE documents_fts MATCH 'resigned'") == [
            ["The minister [resigned] on…"],
        ])
        #expect(db.rows("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").first?.first??.contains("content = 'documents'") == true)
    }

    @Test("a failed run leaves no database under the final name and keeps the previous file")
    func failedRunKeepsPrevious() throws {
        let dir = tests.temporaryDirectory()
        let path = dir + "/x.sqlite"
        try Data("previous run\n".utf8).write(to: URL(fileURLWithPath: path))
        let stage = ExportStage(path: path, format: .sqlite)
        try stage.start()
        var sink = Discard()
        try stage.consume(tests.documents()[0], prepared: nil, into: &sink)
        stage.abort()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous run\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["x.sqlite"])
    }

    @Test("SQLite to stdout is a configuration error that says to give a file path")
    func noStdout() {
        let stage = ExportStage(path: "-", format: .sqlite)
        do {
            try stage.start()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains("file path"))
        }
    }
}
