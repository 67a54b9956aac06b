/// How an output file is compressed, chosen by its name's last extension (`.gz`, `.zst`), so that an
/// output is what its name says.
public enum OutputCompression: String, Sendable, CaseIterable {
    case none
    /// gzip (RFC 1952) through zlib; readable by `gzip -dc`.
    case gzip
    /// One zstd frame through the system libzstd; readable by `zstd -dc`.
    case zstd

    /// The compression a file name asks for: `.gz` gzip, `.zst` zstd, anything else none.
    public init(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".gz") {
            self = .gzip
        } else if lower.hasSuffix(".zst") {
            self = .zstd
        } else {
            self = .none
        }
    }

    /// The extension it adds to a file name (`".gz"`), empty for none.
    public var suffix: String {
        switch self {
        case .none: ""
        case .gzip: ".gz"
        case .zstd: ".zst"
        }
    }

    /// A fresh streaming compressor, or `nil` for none.
    func makeCompressor(path: String) throws(StageError) -> (any StreamCompressor)? {
        switch self {
        case .none: nil
        case .gzip: try GzipCompressor(path: path)
        case .zstd: try ZstdCompressor(path: path)
        }
    }
}
