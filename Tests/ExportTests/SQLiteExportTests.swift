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

    @Test("writes documents, entities and mentions tables; the record column is the JSONL record")
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
        let record = db.rows("SELECT record FROM documents WHERE id = 'b'").first?.first ?? nil
        #expect(record.map { $0 + "\n" } == String(decoding: DocumentRecord.line(tests.documents()[1]), as: UTF8.self))
        #expect(db.rows("SELECT doc_seq, entity, type, name, mentions FROM entities") == [["1", "0", "PERSON", "Jackie Walker", "1"]])
        #expect(db.rows(#"SELECT doc_seq, entity, text, start, "end" FROM mentions"#) == [["1", "0", "Walker", "0", "6"]])
        #expect(db.rows("SELECT value FROM meta WHERE key = 'schema_version'") == [["2"]])
        #expect(db.rows("PRAGMA user_version") == [["2"]])
        #expect(db.rows("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'documents_%' ORDER BY name") == [["documents_cluster"], ["documents_id"]])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["x.sqlite"])
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
