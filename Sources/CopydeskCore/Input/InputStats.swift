/// Running counts of what the inputs produced, for the run report.
public struct InputStats: Sendable {
    public var files = 0
    public var bytes: Int64 = 0
    public var documents = 0
    public var rejected = 0
    /// Documents in which invalid UTF-8 was replaced, and the number of replacements.
    public var repairedDocuments = 0
    public var repairedSequences = 0
    /// Files passed over during directory walks, with the reason.
    public var skippedFiles: [(path: String, reason: String)] = []
    /// WARC records that are not documents (request, metadata, non-HTML responses…), by kind.
    public var skippedRecords: [String: Int] = [:]
    /// On-disk bytes of the input files read so far, and in all (`nil` when unknown, e.g. stdin).
    public var diskBytesRead: Int64 = 0
    public var diskBytesTotal: Int64?
    /// JSON object keys given twice in one JSONL line (or both at the top level and inside its `meta`
    /// object); the last value wins.
    public var duplicateKeys = 0
    /// Records in which a remapped `input.fields` path was absent or went through a non-object, by
    /// document field (`url`, …).
    public var fieldMisses: [String: Int] = [:]
    /// Messages the run should log once each (the first miss of each remapped field), oldest first.
    public var warnings: [String] = []

    public init() {}
}
