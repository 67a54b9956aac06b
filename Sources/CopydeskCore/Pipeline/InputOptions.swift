/// How the pipeline reads its documents: the `input:` section of a pipeline file.
public struct InputOptions: DeclaredOptions {
    /// The format of input files.
    public enum Format: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// Decide by file extension (`.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`, `.warc`, each optionally
        /// `.gz`); unknown extensions given explicitly are sniffed by their first byte.
        case auto
        case txt, html, jsonl, warc
    }

    public var paths: [String] = []
    public var format: Format = .auto
    public var invalidUTF8: InvalidUTF8Policy = .repair
    /// Largest accepted document (a whole `.txt`/`.html` file, or one JSONL line), in bytes.
    public var maxDocumentBytes = InputOptions.defaultMaxDocumentBytes
    /// Which JSONL fields hold which document fields.
    public var fields = JSONLFieldMap()

    /// The defaults.
    public init() {}

    /// The defaults, with the settings given changed.
    public init(
        paths: [String] = InputOptions().paths,
        format: Format = InputOptions().format,
        invalidUTF8: InvalidUTF8Policy = InputOptions().invalidUTF8,
        maxDocumentBytes: Int = InputOptions().maxDocumentBytes,
        fields: JSONLFieldMap = InputOptions().fields
    ) {
        self.paths = paths
        self.format = format
        self.invalidUTF8 = invalidUTF8
        self.maxDocumentBytes = maxDocumentBytes
        self.fields = fields
    }

    /// `fields` as the schema sees it: `nil` (shown as optional) when every field keeps its own name.
    var fieldsGiven: JSONLFieldMap? {
        get { fields == JSONLFieldMap() ? nil : fields }
        set { fields = newValue ?? JSONLFieldMap() }
    }

    public static let defaultMaxDocumentBytes = 16 * 1024 * 1024

    /// The `input:` options as declared for decoding and for `copydesk stages`.
    public static let schema = OptionSchema<Self>([
        .field("paths", \.paths, .list(.path),
               "Files, directories (recursive, sorted), glob patterns (news/*.warc.gz) and @manifest files (one path per line); `-` is JSONL on stdin. `--input` replaces them."),
        .choice("format", \.format, "auto: by extension (.txt, .html/.htm, .jsonl/.ndjson, .warc; any of them .gz); or force one format for every file."),
        .choice("invalid_utf8", \.invalidUTF8,
                "repair: replace invalid UTF-8 with U+FFFD and count it; reject: send the document to the rejects output."),
        .int("max_document_bytes", \.maxDocumentBytes, min: 1,
             "Largest document accepted (a whole .txt/.html file, one JSONL line or one WARC record); larger ones are rejected."),
        .field("fields", \.fieldsGiven, .record(JSONLFieldMap.specs),
               "JSONL field names or dotted paths (url: meta.source_url) for id, url, title, text, html, published, author, site, language (defaults: the same names). Fields no mapping takes are kept in the record's meta; a remapped path missing from a record is counted (input.field_misses) and logged once."),
    ])
}
