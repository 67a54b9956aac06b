/// The position of a document in its input: a file, and for multi-record files the line or record.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// Path as given (relative paths stay relative), or `-` for standard input.
    public var path: String
    /// 1-based line number for line-oriented inputs such as JSONL.
    public var line: Int?
    /// 1-based record number for record-oriented inputs such as WARC.
    public var record: Int?
    /// Byte offset of the record in the (uncompressed) input, when meaningful.
    public var offset: Int64?

    public init(path: String, line: Int? = nil, record: Int? = nil, offset: Int64? = nil) {
        self.path = path
        self.line = line
        self.record = record
        self.offset = offset
    }

    /// `path`, `path:line` or `path#record`, as used in messages.
    public var description: String {
        if let line { return "\(path):\(line)" }
        if let record { return "\(path)#\(record)" }
        return path
    }
}
