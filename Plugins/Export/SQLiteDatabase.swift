import CSQLite
import CopydeskCore
import Foundation

/// The export stage's SQLite output: one database file with a `documents` table (one row per document,
/// the whole output record in `record`, the users' own fields as a JSON object in `meta`, queryable with
/// `json_extract(meta, '$.source_url')`), `entities` and `mentions` tables, and a `meta` table naming the
/// schema version. It is built under a temporary name inside one transaction and renamed over the final
/// path only on `commit()`, so a failed or killed run never leaves a half-written database behind.
final class SQLiteDatabase {
    /// Version of the tables below, stored in `meta` and in `PRAGMA user_version`.
    static let schemaVersion = 2

    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
          seq INTEGER PRIMARY KEY,            -- output order, from 1
          id TEXT NOT NULL,
          source_path TEXT NOT NULL, source_line INTEGER, source_record INTEGER,
          url TEXT, title TEXT, published TEXT, author TEXT, site TEXT, language TEXT,
          text TEXT NOT NULL,
          links TEXT NOT NULL,                -- JSON array
          duplicate_cluster TEXT, duplicate_canonical TEXT, duplicate_relation TEXT,
          duplicate_similarity REAL, duplicate_containment REAL,
          record TEXT NOT NULL,               -- the JSONL output record
          meta TEXT NOT NULL                  -- the users' own fields: a JSON object, '{}' when none
        );
        CREATE TABLE entities (
          doc_seq INTEGER NOT NULL REFERENCES documents(seq),
          entity INTEGER NOT NULL,            -- index of the entity within its document, from 0
          type TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL,
          PRIMARY KEY (doc_seq, entity)
        );
        CREATE TABLE mentions (
          doc_seq INTEGER NOT NULL, entity INTEGER NOT NULL,
          text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,  -- code points into documents.text
          FOREIGN KEY (doc_seq, entity) REFERENCES entities(doc_seq, entity)
        );
        """

    /// Indexes are built once at the end: faster than maintaining them row by row.
    static let indexes = """
        CREATE INDEX documents_id ON documents(id);
        CREATE INDEX documents_cluster ON documents(duplicate_cluster);
        CREATE INDEX entities_name ON entities(type, name);
        """

    let path: String
    private let temporaryPath: String
    private var db: OpaquePointer?
    private var insertDocument: OpaquePointer?
    private var insertEntity: OpaquePointer?
    private var insertMention: OpaquePointer?
    private var sequence: Int64 = 0
    private var finished = false

    /// Creates the temporary database next to `path` (missing directories are created).
    init(path: String) throws(StageError) {
        guard path != "-" else {
            throw StageError(.configuration, "export format sqlite cannot write to stdout ('-'); give a file path such as out/news.sqlite")
        }
        self.path = path
        temporaryPath = try AtomicFile.temporaryPath(for: path)
        unlink(temporaryPath)
        if sqlite3_open_v2(temporaryPath, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) != SQLITE_OK {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            db = nil
            throw StageError(.io, "cannot create SQLite database \(path): \(reason); choose another output path (--output)")
        }
        // One transaction, no journal: the file is private until commit() renames it.
        try execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA user_version = \(Self.schemaVersion);")
        try execute(Self.schema)
        try execute("BEGIN;")
        try execute("INSERT INTO meta VALUES ('schema_version', '\(Self.schemaVersion)'), ('generator', 'copydesk \(CopydeskVersion.current)');")
        insertDocument = try prepare("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        insertEntity = try prepare("INSERT INTO entities VALUES (?,?,?,?,?)")
        insertMention = try prepare("INSERT INTO mentions VALUES (?,?,?,?,?)")
    }

    deinit {
        if !finished { abort() }
    }

    /// Adds one document; `record` is its JSONL output record (without the newline).
    func insert(_ document: Document, record: ArraySlice<UInt8>) throws(StageError) {
        sequence += 1
        let seq = sequence
        let statement = insertDocument
        sqlite3_bind_int64(statement, 1, seq)
        bind(statement, 2, document.id)
        bind(statement, 3, document.source.path)
        bind(statement, 4, document.source.line.map(Int64.init))
        bind(statement, 5, document.source.record.map(Int64.init))
        bind(statement, 6, document.url)
        bind(statement, 7, document.title)
        bind(statement, 8, document.published)
        bind(statement, 9, document.author)
        bind(statement, 10, document.site)
        bind(statement, 11, document.language)
        bind(statement, 12, document.text)
        var links = JSONWriter()
        links.beginArray(nil)
        for link in document.links { links.string(nil, link) }
        links.endArray()
        bind(statement, 13, links.bytes[...])
        bind(statement, 14, document.duplicate?.cluster)
        bind(statement, 15, document.duplicate?.canonical)
        bind(statement, 16, document.duplicate?.relation?.rawValue)
        bind(statement, 17, document.duplicate?.similarity)
        bind(statement, 18, document.duplicate?.containment)
        bind(statement, 19, record)
        var meta = JSONWriter(reservingCapacity: 256)
        meta.value(nil, document.meta.jsonValue)
        bind(statement, 20, meta.bytes[...])
        try step(statement, "documents")
        for (index, entity) in (document.entities ?? []).enumerated() {
            sqlite3_bind_int64(insertEntity, 1, seq)
            sqlite3_bind_int64(insertEntity, 2, Int64(index))
            bind(insertEntity, 3, entity.type.rawValue)
            bind(insertEntity, 4, entity.name)
            sqlite3_bind_int64(insertEntity, 5, Int64(entity.mentions.count))
            try step(insertEntity, "entities")
            for mention in entity.mentions {
                sqlite3_bind_int64(insertMention, 1, seq)
                sqlite3_bind_int64(insertMention, 2, Int64(index))
                bind(insertMention, 3, mention.text)
                sqlite3_bind_int64(insertMention, 4, Int64(mention.start))
                sqlite3_bind_int64(insertMention, 5, Int64(mention.end))
                try step(insertMention, "mentions")
            }
        }
    }

    /// Ends the transaction and builds the indexes; the file stays under its temporary name.
    func finish() throws(StageError) {
        guard db != nil, !finished else { return }
        try execute("COMMIT;")
        try execute(Self.indexes)
        close()
    }

    /// Renames the finished database over the final path.
    func commit() throws(StageError) {
        guard !finished else { return }
        try finish()
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            finished = true
            throw StageError(.io, "cannot move the SQLite database into place at \(path): \(reason)")
        }
        finished = true
    }

    /// Removes the temporary database; an earlier file under the final name stays as it was.
    func abort() {
        close()
        unlink(temporaryPath)
        finished = true
    }

    private func close() {
        for statement in [insertDocument, insertEntity, insertMention] { sqlite3_finalize(statement) }
        insertDocument = nil
        insertEntity = nil
        insertMention = nil
        if let db { sqlite3_close(db) }
        db = nil
    }

    private func execute(_ sql: String) throws(StageError) {
        var message: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &message) != SQLITE_OK {
            let reason = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw failure(reason)
        }
    }

    private func prepare(_ sql: String) throws(StageError) -> OpaquePointer? {
        var statement: OpaquePointer?
        if sqlite3_prepare_v2(db, sql, -1, &statement, nil) != SQLITE_OK { throw failure(String(cString: sqlite3_errmsg(db))) }
        return statement
    }

    private func step(_ statement: OpaquePointer?, _ table: String) throws(StageError) {
        let status = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        if status != SQLITE_DONE { throw failure("inserting into \(table): \(String(cString: sqlite3_errmsg(db)))") }
    }

    private func failure(_ reason: String) -> StageError {
        let full = reason.contains("disk is full") || reason.contains("full")
        return StageError(.io, "cannot write SQLite database \(path): \(reason)" + (full ? "; free disk space or write elsewhere" : ""))
    }

    /// SQLite copies the bytes (SQLITE_TRANSIENT), so Swift strings may be passed as they are.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { bytes in bindText(statement, index, UnsafeRawBufferPointer(bytes)) }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: ArraySlice<UInt8>) {
        value.withUnsafeBufferPointer { bytes in bindText(statement, index, UnsafeRawBufferPointer(bytes)) }
    }

    private func bindText(_ statement: OpaquePointer?, _ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        if let base = bytes.baseAddress, bytes.count > 0 {
            sqlite3_bind_text(statement, index, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        } else {
            sqlite3_bind_text(statement, index, "", 0, Self.transient)
        }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }
}
