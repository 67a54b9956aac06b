public import CopydeskCore

/// The `export` stage: writes every document that reaches it as JSONL (the record of docs/design.md)
/// or CSV, to a file written under a temporary name and renamed on success, or to stdout with `-`.
/// Documents pass through unchanged, so several exports can follow each other.
public final class ExportStage: CorpusStage {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON record per line.
        case jsonl
        /// RFC 4180 CSV with a header row; lists are joined, entities counted.
        case csv
    }

    public let path: String
    public let format: Format
    public let includeHTML: Bool
    private var file: AtomicFile?
    private var wroteHeader = false

    /// Builds an export writing `format` to `path`.
    public init(path: String, format: Format = .jsonl, includeHTML: Bool = false) {
        self.path = path
        self.format = format
        self.includeHTML = includeHTML
    }

    /// The stage as registered: id `export`.
    public static let descriptor = StageDescriptor(
        id: "export", kind: .corpus,
        summary: "Writes documents as JSONL (the output record) or CSV; atomically (temporary file, renamed on success) or to stdout with '-'.",
        options: [
            OptionSpec("path", .path, default: nil, required: true,
                       "Output file; '-' writes to stdout. Missing directories are created. `--output` replaces it on the last export.",
                       role: .outputPath),
            OptionSpec("format", .choice(Format.allCases.map(\.rawValue)), default: .string("jsonl"),
                       "jsonl: one record per line as in docs/design.md; csv: one row per document with a header."),
            OptionSpec("include_html", .bool, default: .bool(false), "Also write the raw HTML of documents that still carry it (JSONL only)."),
        ],
        make: { options, _ throws(ConfigError) in
            .corpus(ExportStage(
                path: options.string("path"), format: Format(rawValue: options.string("format")) ?? .jsonl,
                includeHTML: options.bool("include_html")))
        })

    public var preparer: (any DocumentPreparer)? { RecordEncoder(format: format, includeHTML: includeHTML) }

    public func start() throws(StageError) {
        file = try AtomicFile(path: path)
        if format == .csv {
            try file?.write(CSVRecord.header)
        }
    }

    public func consume(_ document: Document, prepared: (any Sendable)?, into output: inout some CorpusOutput) throws(StageError) {
        guard let file else { throw StageError(.io, "export to \(path) was not started") }
        let line = prepared as? [UInt8] ?? RecordEncoder(format: format, includeHTML: includeHTML).encode(document)
        try file.write(line)
        output.emit(document)
    }

    public func finish(into output: inout some CorpusOutput) throws(StageError) {
        try file?.flush()
    }

    /// Renames the finished file into place, only once the whole run has succeeded.
    public func commit() throws(StageError) {
        try file?.commit()
    }

    public func abort() {
        file?.abort()
    }
}

/// Encodes records on the worker threads, so the in-order part only writes bytes.
struct RecordEncoder: DocumentPreparer {
    let format: ExportStage.Format
    let includeHTML: Bool

    func prepare(_ document: Document) -> any Sendable { encode(document) }

    func encode(_ document: Document) -> [UInt8] {
        switch format {
        case .jsonl: DocumentRecord.line(document, includeHTML: includeHTML)
        case .csv: CSVRecord.row(document)
        }
    }
}
