public import CopydeskCore

/// The `export` stage's options.
public struct ExportOptions: DeclaredOptions {
    /// Required: the pipeline file must give it.
    public var path = ""
    /// `nil`: the path's ending decides (see ``ExportFormatChoice``).
    public var format: ExportStage.Format?
    public var includeHTML = false
    public var meta: DocumentRecord.MetaLayout = .nested
    public var csvMetaColumns: [String] = []
    public var sqliteRecord = false

    public init() {}

    public static let schema = OptionSchema<Self>([
        .path("path", \.path, required: true, role: .outputPath,
              "Output file; '-' writes to stdout. Missing directories are created. `--output` replaces it on the last export."),
        .choice("format", \.format,
                "jsonl: one output record per line (README, export); csv: one row per document with a header; sqlite: a "
                    + "database (schema version 3, docs/outputs.md) with tables documents (one row per document, the user fields as JSON in "
                    + "column meta) with FTS5 full-text search over title and text (documents_fts), entities, mentions (code-point offsets), "
                    + "clusters (one row per duplicate cluster), runs and meta (schema_version). Default: the path's ending "
                    + "(.jsonl, .jsonl.gz, .jsonl.zst, .csv, .sqlite, .db; anything else jsonl); an ending that contradicts "
                    + "it is refused. A .gz or .zst ending compresses JSONL and CSV (gzip, zstd), streaming."),
        .bool("include_html", \.includeHTML, "Also write the raw HTML of documents that still carry it (JSONL, and SQLite's record column)."),
        .bool("sqlite_record", \.sqliteRecord,
              "SQLite: also keep each document's whole JSONL record in documents.record (it repeats text and entities: the file "
                + "grows by about the JSONL's size); off: the column is NULL."),
        .choice("meta", \.meta,
                "JSONL: where the users' own fields go. nested: under \"meta\": {…} after the record's fields; top: each at the "
                    + "top level, except those named like a record field, which stay under \"meta\" (docs/output-record.md)."),
        .strings("csv_meta_columns", \.csvMetaColumns,
                 "CSV: user-field paths (source_url, crawl.status) written as extra columns named meta.<path>: strings as they are, "
                    + "other values as JSON, empty when absent. The whole meta is always in the column meta."),
    ])
}
