import CSQLite
import CopydeskCore
import Foundation

/// The export stage's SQLite output (schema version 3, docs/outputs.md): one database file with
///
/// - `documents`: one row per document in output order, the users' own fields as a JSON object in `meta`
///   (`json_extract(meta, '$.source_url')`), the whole JSONL record in `record` only when asked for;
/// - `documents_fts`: FTS5 over `title` and `text` (external content: the text is stored once, in `documents`);
/// - `entities` and `mentions`;
/// - `clusters`: one row per duplicate cluster (canonical, size, relation mix), documents alone included;
/// - `runs`: the run that wrote the file (version, pipeline, inputs, times, counts);
/// - `meta`: the schema version, also in `PRAGMA user_version`, which readers check.
///
/// It is built under a temporary name inside one transaction and renamed over the final path only on
/// `commit()`, so a failed or killed run never leaves a half-written database behind.
final class SQLiteDatabase {
    /// Version of the tables below, stored in `meta` and in `PRAGMA user_version`.
    static let schemaVersion = ExportStage.sqliteSchemaVersion

    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE runs (
          run INTEGER PRIMARY KEY,
          version TEXT NOT NULL,              -- copydesk version
          pipeline TEXT NOT NULL, inputs TEXT NOT NULL,  -- inputs: JSON array of the paths given
          host TEXT NOT NULL, workers INTEGER NOT NULL,
          started TEXT NOT NULL, finished TEXT,          -- ISO 8601 UTC; finished: when this export was complete
          documents INTEGER NOT NULL,         -- rows in documents
          clusters INTEGER NOT NULL,          -- clusters of 2 or more documents
          duplicates INTEGER NOT NULL,        -- documents with a duplicate_relation
          entities INTEGER NOT NULL           -- rows in entities
        );
        CREATE TABLE clusters (
          cluster TEXT PRIMARY KEY,           -- documents.duplicate_cluster
          canonical TEXT NOT NULL,            -- id of the member chosen to stand for the story
          canonical_seq INTEGER REFERENCES documents(seq),  -- its row; NULL when it is not in this file (an earlier run's)
          size INTEGER NOT NULL,              -- members in this file (1: a document alone)
          exact INTEGER NOT NULL, near INTEGER NOT NULL, syndicated INTEGER NOT NULL  -- members by relation
        ) WITHOUT ROWID;
        CREATE TABLE documents (
          seq INTEGER PRIMARY KEY,            -- output order, from 1
          id TEXT NOT NULL,
          source_path TEXT NOT NULL, source_line INTEGER, source_record INTEGER,
          url TEXT, title TEXT, published TEXT, author TEXT, site TEXT, language TEXT,
          text TEXT NOT NULL,
          links TEXT NOT NULL,                -- JSON array
          duplicate_cluster TEXT REFERENCES clusters(cluster), duplicate_canonical TEXT, duplicate_relation TEXT,
          duplicate_similarity REAL, duplicate_containment REAL,
          record TEXT,                        -- the JSONL output record with sqlite_record: true, else NULL
          meta TEXT NOT NULL                  -- the users' own fields: a JSON object, '{}' when none
        );
        CREATE VIRTUAL TABLE documents_fts USING fts5(
          title, text, content = 'documents', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE entities (
          doc_seq INTEGER NOT NULL REFERENCES documents(seq),
          entity INTEGER NOT NULL,            -- index of the entity within its document, from 0
          type TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL,
          PRIMARY KEY (doc_seq, entity)
        ) WITHOUT ROWID;
        CREATE TABLE mentions (
          doc_seq INTEGER NOT NULL, entity INTEGER NOT NULL,
          text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,  -- code points into documents.text
          FOREIGN KEY (doc_seq, entity) REFERENCES entities(doc_seq, entity)
        );
        """

    /// Built once at the end: indexes (faster than maintaining them row by row), the clusters from the
    /// documents' `duplicate_*` columns, the full-text index.
    static let finishing = """
        CREATE INDEX documents_id ON documents(id);
        CREATE INDEX documents_cluster ON documents(duplicate_cluster);
        CREATE INDEX entities_name ON entities(type, name);
        INSERT INTO clusters
          SELECT duplicate_cluster, min(duplicate_canonical), NULL, count(*),
                 count(*) FILTER (WHERE duplicate_relation = 'exact'), count(*) FILTER (WHERE duplicate_relation = 'near'),
                 count(*) FILTER (WHERE duplicate_relation = 'syndicated')
          FROM documents WHERE duplicate_cluster IS NOT NULL GROUP BY duplicate_cluster;
        UPDATE clusters SET canonical_seq =
          (SELECT min(seq) FROM documents WHERE id = clusters.canonical AND duplicate_cluster = clusters.cluster);
        CREATE INDEX clusters_size ON clusters(size);
        CREATE INDEX clusters_syndicated ON clusters(syndicated);
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
        """

    let path: String
    private let temporaryPath: String
    private var db: OpaquePointer?
    private var insertDocument: OpaquePointer?
    private var insertEntity: OpaquePointer?
    private var insertMention: OpaquePointer?
    private var sequence: Int64 = 0
    private var entityRows = 0
    private var finished = false
    /// Whether `documents.record` is filled.
    let keepsRecord: Bool
    let run: RunMetadata

    /// Creates the temporary database next to `path` (missing directories are created); `run` goes into
    /// the `runs` table, `keepsRecord` fills `documents.record`.
    init(path: String, run: RunMetadata, keepsRecord: Bool) throws(StageError) {
        self.keepsRecord = keepsRecord
        self.run = run
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
        // 32 MB of page cache: the indexes built at the end sort in memory rather than in temporary files.
        try execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768; PRAGMA user_version = \(Self.schemaVersion);")
        try execute(Self.schema)
        try execute("BEGIN;")
        try execute("INSERT INTO meta VALUES ('schema_version', '\(Self.schemaVersion)'), ('generator', 'copydesk \(CopydeskVersion.current)');")
        try insertRun()
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
        if keepsRecord { bind(statement, 19, record) } else { sqlite3_bind_null(statement, 19) }
        var meta = JSONWriter(reservingCapacity: 256)
        meta.value(nil, document.meta.jsonValue)
        bind(statement, 20, meta.bytes[...])
        try step(statement, "documents")
        for (index, entity) in (document.entities ?? []).enumerated() {
            entityRows += 1
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

    /// Builds the indexes, clusters and full-text index, completes the `runs` row and ends the
    /// transaction; the file stays under its temporary name.
    func finish() throws(StageError) {
        guard db != nil, !finished else { return }
        try execute(Self.finishing)
        try execute("""
            UPDATE runs SET finished = '\(RunMetadata.timestamp())', documents = \(sequence), entities = \(entityRows),
              clusters = (SELECT count(*) FROM clusters WHERE size > 1),
              duplicates = (SELECT count(*) FROM documents WHERE duplicate_relation IS NOT NULL);
            """)
        try execute("COMMIT;")
        close()
    }

    /// The `runs` row, counts filled in by `finish`.
    private func insertRun() throws(StageError) {
        let statement = try prepare(
            "INSERT INTO runs (run, version, pipeline, inputs, host, workers, started, documents, clusters, duplicates, entities) "
                + "VALUES (1, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)")
        defer { sqlite3_finalize(statement) }
        var inputs = JSONWriter()
        inputs.beginArray(nil)
        for input in run.inputs { inputs.string(nil, input) }
        inputs.endArray()
        bind(statement, 1, run.version)
        bind(statement, 2, run.pipeline)
        bind(statement, 3, inputs.bytes[...])
        bind(statement, 4, run.host)
        sqlite3_bind_int64(statement, 5, Int64(run.workers))
        bind(statement, 6, run.started)
        let status = sqlite3_step(statement)
        if status != SQLITE_DONE { throw failure("inserting into runs: \(String(cString: sqlite3_errmsg(db)))") }
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
