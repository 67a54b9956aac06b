public import CopydeskCore

/// The `export` stage: writes every document that reaches it as JSONL (the output record of the README's 'export' section),
/// CSV or an SQLite database, to a file written under a temporary name and renamed on success, or
/// (JSONL and CSV) to stdout with `-`.
/// Documents pass through unchanged, so several exports can follow each other.
public final class ExportStage: CorpusStage {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON record per line.
        case jsonl
        /// RFC 4180 CSV with a header row; lists are joined, entities counted.
        case csv
        /// An SQLite database: documents, entities and mentions tables (see ``SQLiteDatabase``).
        case sqlite
    }

    public let path: String
    public let format: Format
    /// How the file is compressed (from its `.gz`/`.zst` ending; see ``ExportFormatChoice``).
    public let compression: OutputCompression
    public let includeHTML: Bool
    /// Where JSONL records put the user fields; see ``DocumentRecord/MetaLayout``.
    public let meta: DocumentRecord.MetaLayout
    /// User-field paths flattened into CSV columns named `meta.<path>`.
    public let csvMetaColumns: [String]
    private var file: AtomicFile?
    private var database: SQLiteDatabase?
    private var wroteHeader = false

    /// Builds an export writing `format` to `path`, compressed as the path's ending says (none for SQLite
    /// and stdout).
    public init(
        path: String, format: Format = .jsonl, includeHTML: Bool = false, meta: DocumentRecord.MetaLayout = .nested,
        csvMetaColumns: [String] = []
    ) {
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
        options: [
            OptionSpec("path", .path, default: nil, required: true,
                       "Output file; '-' writes to stdout. Missing directories are created. `--output` replaces it on the last export.",
                       role: .outputPath),
            OptionSpec("format", .choice(Format.allCases.map(\.rawValue)), default: nil,
                       "jsonl: one output record per line (README, export); csv: one row per document with a header; sqlite: a "
                           + "database with tables documents (one row per document, the JSONL record in column record, the user fields as JSON in column meta), "
                           + "entities, mentions (code-point offsets) and meta (schema_version). Default: the path's ending "
                           + "(.jsonl, .jsonl.gz, .jsonl.zst, .csv, .sqlite, .db; anything else jsonl); an ending that contradicts "
                           + "it is refused. A .gz or .zst ending compresses JSONL and CSV (gzip, zstd), streaming."),
            OptionSpec("include_html", .bool, default: .bool(false), "Also write the raw HTML of documents that still carry it (JSONL, and SQLite's record column)."),
            OptionSpec("meta", .choice(DocumentRecord.MetaLayout.allCases.map(\.rawValue)), default: .string("nested"),
                       "JSONL: where the users' own fields go. nested: under \"meta\": {…} after the record's fields; top: each at the "
                           + "top level, except those named like a record field, which stay under \"meta\" (docs/output-record.md)."),
            OptionSpec("csv_meta_columns", .list(.string), default: .list([]),
                       "CSV: user-field paths (source_url, crawl.status) written as extra columns named meta.<path>: strings as they are, "
                           + "other values as JSON, empty when absent. The whole meta is always in the column meta."),
        ],
        make: { options, _ throws(ConfigError) -> ExportStage in
            let path = options.string("path")
            switch ExportFormatChoice.resolve(path: path, given: options.optionalString("format").flatMap(Format.init(rawValue:))) {
            case .success(let choice):
                return ExportStage(
                    path: path, format: choice.format, includeHTML: options.bool("include_html"),
                    meta: DocumentRecord.MetaLayout(rawValue: options.string("meta")) ?? .nested,
                    csvMetaColumns: options.strings("csv_meta_columns"))
            case .failure(let refusal):
                throw options.error(refusal.option, refusal.message)
            }
        })

    public var preparer: RecordEncoder? { encoder }

    var encoder: RecordEncoder { RecordEncoder(format: format, includeHTML: includeHTML, meta: meta, csvMetaColumns: csvMetaColumns) }

    public func start() throws(StageError) {
        if format == .sqlite {
            database = try SQLiteDatabase(path: path)
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

    public func prepare(_ document: Document) -> [UInt8] { encode(document) }

    func encode(_ document: Document) -> [UInt8] {
        switch format {
        case .jsonl: DocumentRecord.line(document, includeHTML: includeHTML, meta: meta)
        case .sqlite: DocumentRecord.line(document, includeHTML: includeHTML)
        case .csv: CSVRecord.row(document, metaColumns: csvMetaColumns)
        }
    }
}
