public import CopydeskCore

/// How an export's format and compression follow from its path when the pipeline does not say, and
/// why a path that contradicts an explicit `format:` is refused: an output is what its name says.
///
/// | ending | format | compression |
/// |---|---|---|
/// | `.jsonl`, `.ndjson` | jsonl | none |
/// | `.jsonl.gz`, `.jsonl.zst` | jsonl | gzip, zstd |
/// | `.csv` (`.csv.gz`, `.csv.zst`) | csv | none (gzip, zstd) |
/// | `.sqlite`, `.db` | sqlite | none (cannot be compressed) |
/// | anything else, `-`, a device or pipe | `format:` or jsonl | by `.gz`/`.zst`, else none |
public struct ExportFormatChoice: Sendable, Equatable {
    public var format: ExportStage.Format
    public var compression: OutputCompression

    public init(format: ExportStage.Format, compression: OutputCompression) {
        self.format = format
        self.compression = compression
    }

    /// The format a file name implies (after its compression suffix), or `nil` when it implies none.
    public static func implied(by path: String) -> ExportStage.Format? {
        var name = path.lowercased()
        let compression = OutputCompression(path: name)
        name.removeLast(compression.suffix.count)
        for (suffix, format) in [(".jsonl", ExportStage.Format.jsonl), (".ndjson", .jsonl), (".csv", .csv), (".sqlite", .sqlite), (".db", .sqlite)]
        where name.hasSuffix(suffix) {
            return format
        }
        return nil
    }

    /// The format and compression of an export to `path`, with `given` the pipeline's `format:` (if
    /// any). Throws, naming both, when the path's ending contradicts `given` or asks for something
    /// impossible (a compressed SQLite database, a database on stdout).
    public static func resolve(path: String, given: ExportStage.Format?) -> Result<ExportFormatChoice, ReasonedRefusal> {
        let compression = path == "-" ? OutputCompression.none : OutputCompression(path: path)
        let implied = implied(by: path)
        if let given, let implied, given != implied {
            return .failure(ReasonedRefusal(
                option: "format",
                "the export path \(path) ends like a \(implied.rawValue) file but 'format: \(given.rawValue)' is set; rename the file "
                    + "(e.g. \(suggestedName(path, for: given))) or change 'format' to \(implied.rawValue) (or drop it: the ending decides)"))
        }
        let format = given ?? implied ?? .jsonl
        if format == .sqlite, compression != .none {
            return .failure(ReasonedRefusal(
                option: "path", "an SQLite database cannot be written compressed (\(path)); drop the '\(compression.suffix)' ending"))
        }
        return .success(ExportFormatChoice(format: format, compression: compression))
    }

    /// `path` with its ending replaced by one for `format` (for messages).
    static func suggestedName(_ path: String, for format: ExportStage.Format) -> String {
        let compression = OutputCompression(path: path)
        var stem = String(path.dropLast(compression.suffix.count))
        if let dot = stem.lastIndex(of: "."), !stem[dot...].contains("/") { stem = String(stem[..<dot]) }
        let ending = switch format {
        case .jsonl: ".jsonl"
        case .csv: ".csv"
        case .sqlite: ".sqlite"
        }
        return stem + ending + (format == .sqlite ? "" : compression.suffix)
    }
}

/// Why an export's path and format do not fit, and which option to point at.
public struct ReasonedRefusal: Error, Sendable, Equatable {
    public var option: String
    public var message: String

    public init(option: String, _ message: String) {
        self.option = option
        self.message = message
    }
}
