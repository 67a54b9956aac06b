import CSQLite
import CopydeskCore
import Export

/// Reads the documents of an SQLite export for `copydesk clusters`, after checking its schema version
/// (`PRAGMA user_version`) is the one this copydesk writes.
enum SQLiteMembers {
    static func read(_ path: String) throws(CopydeskError) -> (members: [ClusterMember], documents: Int) {
        var db: OpaquePointer?
        defer { sqlite3_close(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw CopydeskError(exitCode: CopydeskError.noInput, message: "cannot open the SQLite file \(path): \(message(db))")
        }
        let current = ExportStage.sqliteSchemaVersion
        let tables = Set(strings(db, "SELECT name FROM sqlite_master WHERE type = 'table'") ?? [])
        guard tables.contains("documents"), tables.contains("meta") else {
            throw CopydeskError(
                exitCode: CopydeskError.badData,
                message: "\(path) is an SQLite file but not a copydesk export (no documents and meta tables); give a file an export wrote")
        }
        let version = Int(strings(db, "PRAGMA user_version")?.first ?? "") ?? 0
        guard version == current else {
            throw CopydeskError(
                exitCode: CopydeskError.badData,
                message: "\(path) is a copydesk SQLite export of schema version \(version); this copydesk reads version \(current) "
                    + "(docs/outputs.md): run the pipeline again to rewrite it, or read it with the copydesk that wrote it")
        }
        let documents = Int(strings(db, "SELECT count(*) FROM documents")?.first ?? "") ?? 0
        let sql = """
            SELECT id, title, published, site, url, duplicate_cluster, duplicate_canonical, duplicate_relation, duplicate_similarity
            FROM documents WHERE duplicate_cluster IS NOT NULL ORDER BY seq
            """
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            throw CopydeskError(exitCode: CopydeskError.badData, message: "cannot read the documents of \(path): \(message(db))")
        }
        defer { sqlite3_finalize(statement) }
        var members: [ClusterMember] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw CopydeskError(exitCode: CopydeskError.badData, message: "cannot read the documents of \(path): \(message(db))")
            }
            func text(_ column: Int32) -> String? { sqlite3_column_text(statement, column).map { String(cString: $0) } }
            members.append(ClusterMember(
                id: text(0) ?? "", title: text(1), published: text(2), site: text(3) ?? ClusterMember.host(text(4)),
                cluster: text(5) ?? "", canonical: text(6) ?? "", relation: text(7),
                similarity: sqlite3_column_type(statement, 8) == SQLITE_NULL ? nil : sqlite3_column_double(statement, 8)))
        }
        return (members, documents)
    }

    static func message(_ db: OpaquePointer?) -> String { db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory" }

    /// The first column of every row of `sql`, or `nil` when it fails (not a database, unreadable).
    static func strings(_ db: OpaquePointer?, _ sql: String) -> [String]? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        var result: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        return result
    }
}
