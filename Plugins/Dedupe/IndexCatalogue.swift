public import CopydeskCore

/// What a dedupe index file says about the documents it holds — id, title, site, publication time,
/// cluster and canonical member — without its matching data: how `copydesk clusters` names the
/// canonical of a cluster that an earlier run started. Reads index format versions 2 (no titles) and 3.
public struct IndexCatalogue: Sendable {
    /// One indexed document.
    public struct Entry: Sendable, Equatable {
        public var id: String
        /// `nil` in an index of format version 2, or for a document without one.
        public var title: String?
        /// The site or URL host the source-priority policy knows the document by.
        public var site: String?
        /// ISO 8601 UTC, when the document had a publication time.
        public var published: String?
        /// The cluster's id: its first member's id (earlier runs first).
        public var cluster: String
        /// The id of the cluster's canonical member.
        public var canonical: String
    }

    /// In index order (earlier runs first).
    public var entries: [Entry]
    /// The index's format version.
    public var version: Int

    /// Reads the index at `path`; refuses a missing, foreign, truncated or corrupt file, or one of a
    /// version this copydesk does not read, with a message naming the file.
    public static func read(_ path: String) throws(StageError) -> IndexCatalogue {
        let advice = "give the 'index:' path of the dedupe stage that wrote the output"
        let file = try IndexFile.open(path, advice: advice)
        var r = file.reader
        let corrupt = file.truncated(path, advice)
        // Parameters (shingle size, permutations, bands, rows, sample cap, seed, boilerplate) do not matter here.
        for _ in 0..<5 { guard r.u32() != nil else { throw corrupt } }
        for _ in 0..<2 { guard r.u64() != nil else { throw corrupt } }
        guard let count = r.u64(), r.u64() != nil, r.u64() != nil, count < UInt64(r.bytes.count) else { throw corrupt }
        var raw: [IndexFile.Entry] = []
        raw.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            guard let entry = IndexFile.Entry.read(&r, version: file.version), entry.root < UInt32(count), entry.canonical < UInt32(count),
                  r.offset <= file.body
            else { throw corrupt }
            raw.append(entry)
        }
        let entries = raw.map { entry in
            Entry(
                id: entry.id, title: entry.title, site: entry.name,
                published: entry.published == .min ? nil : RunMetadata.timestamp(Int(entry.published)),
                cluster: raw[Int(entry.root)].id, canonical: raw[Int(entry.canonical)].id)
        }
        return IndexCatalogue(entries: entries, version: Int(file.version))
    }
}
