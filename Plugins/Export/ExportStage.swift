public import CopydeskCore

/// The `export` stage: writes every document that reaches it as JSONL (the output record of the README's 'export' section),
/// CSV or an SQLite database, to a file written under a temporary name and renamed on success, or
/// (JSONL and CSV) to stdout with `-`.
/// Documents pass through unchanged, so several exports can follow each other.
public final class ExportStage: CorpusStage {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// One JSON record per line.
        case jsonl
        /// RFC 4180 CSV with a header row; lists are joined, entities counted.
        case csv
        /// An SQLite database: documents (with full-text search), entities, mentions, clusters and runs
        /// tables (see ``SQLiteDatabase``).
        case sqlite
    }

    /// The version of the SQLite export's tables (docs/outputs.md), in its `PRAGMA user_version` and its
    /// `meta` table; a reader refuses a database of another version.
    public static let sqliteSchemaVersion = 3

    public let path: String
    public let format: Format
    /// How the file is compressed (from its `.gz`/`.zst` ending; see ``ExportFormatChoice``).
    public let compression: OutputCompression
    public let includeHTML: Bool
    /// Where JSONL records put the user fields; see ``DocumentRecord/MetaLayout``.
    public let meta: DocumentRecord.MetaLayout
    /// User-field paths flattened into CSV columns named `meta.<path>`.
    public let csvMetaColumns: [String]
    /// SQLite: whether `documents.record` holds the whole JSONL record (off: `NULL`, a smaller file).
    public let sqliteRecord: Bool
    /// The run written into the SQLite `runs` table; `nil`: one described as starting when the stage starts.
    public let run: RunMetadata?
    private var file: AtomicFile?
    private var database: SQLiteDatabase?
    private var wroteHeader = false

    /// Builds an export writing `format` to `path`, compressed as the path's ending says (none for SQLite
    /// and stdout).
    public init(
        path: String, format: Format = .jsonl, includeHTML: Bool = false, meta: DocumentRecord.MetaLayout = .nested,
        csvMetaColumns: [String] = [], sqliteRecord: Bool = false, run: RunMetadata? = nil
    ) {
        self.sqliteRecord = sqliteRecord
        self.run = run
        self.path = path
        self.format = format
        compression = format == .sqlite || path == "-" ? .none : OutputCompression(path: path)
        self.includeHTML = includeHTML
        self.meta = meta
        self.csvMetaColumns = csvMetaColumns
    }

    /// The stage as registered: id `export`.
    public static let descriptor = StageDescriptor(
        id: "export",
        summary: "Writes documents as JSONL (the output record), CSV or SQLite; atomically (temporary file, renamed on success) "
            + "or, for JSONL and CSV, to stdout with '-'.",
        options: ExportOptions.self,
        make: { options, context throws(ConfigError) in
            switch ExportFormatChoice.resolve(path: options.path, given: options.format) {
            case .success(let choice):
                return ExportStage(
                    path: options.path, format: choice.format, includeHTML: options.includeHTML, meta: options.meta,
                    csvMetaColumns: options.csvMetaColumns, sqliteRecord: options.sqliteRecord, run: context.run)
            case .failure(let refusal):
                throw options.error(refusal.option, refusal.message)
            }
        })

    public var preparer: RecordEncoder? { encoder }

    var encoder: RecordEncoder {
        RecordEncoder(format: format, includeHTML: includeHTML, meta: meta, csvMetaColumns: csvMetaColumns, sqliteRecord: sqliteRecord)
    }

    public func start() throws(StageError) {
        if format == .sqlite {
            let run = run ?? RunMetadata(started: RunMetadata.timestamp(), pipeline: "", inputs: [], workers: 1)
            database = try SQLiteDatabase(path: path, run: run, keepsRecord: sqliteRecord)
            return
        }
        file = try AtomicFile(path: path, compression: compression)
        if format == .csv {
            try file?.write(CSVRecord.header(metaColumns: csvMetaColumns))
        }
    }

    public func consume(_ document: Document, prepared: [UInt8]?, into output: inout some CorpusOutput) throws(StageError) {
        let line = prepared ?? encoder.encode(document)
        if let database {
            try database.insert(document, record: line.dropLast())
        } else if let file {
            try file.write(line)
        } else {
            throw StageError(.io, "export to \(path) was not started")
        }
        output.emit(document)
    }

    public func finish(into output: inout some CorpusOutput) throws(StageError) {
        try file?.seal()
        try database?.finish()
    }

    /// Renames the finished file into place, only once the whole run has succeeded.
    public func commit() throws(StageError) {
        try file?.commit()
        try database?.commit()
    }

    public func abort() {
        file?.abort()
        database?.abort()
    }
}

/// Encodes records on the worker threads, so the in-order part only writes bytes.
public struct RecordEncoder: DocumentPreparer {
    let format: ExportStage.Format
    let includeHTML: Bool
    let meta: DocumentRecord.MetaLayout
    let csvMetaColumns: [String]
    let sqliteRecord: Bool

    public func prepare(_ document: Document) -> [UInt8] { encode(document) }

    func encode(_ document: Document) -> [UInt8] {
        switch format {
        case .jsonl: DocumentRecord.line(document, includeHTML: includeHTML, meta: meta)
        case .sqlite: sqliteRecord ? DocumentRecord.line(document, includeHTML: includeHTML) : []
        case .csv: CSVRecord.row(document, metaColumns: csvMetaColumns)
        }
    }
}
