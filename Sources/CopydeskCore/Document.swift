/// One article as it flows through every stage: the fields of the output record (docs/design.md),
/// plus the raw HTML that the strip stage consumes.
public struct Document: Sendable, Hashable {
    /// Stable identifier: file name without extension, the JSONL id field, or a hash of source and position.
    public var id: String
    /// Where the document came from.
    public var source: SourceLocation
    public var url: String?
    public var title: String?
    /// ISO 8601 publication time, when a stage or the input knows it.
    public var published: String?
    /// Where `published` came from when it is not the page itself: `"warc-date"` when the page gave no
    /// date and the crawl time stands in for it.
    public var publishedSource: String?
    /// When the page was fetched (the WARC-Date of a WARC record), ISO 8601.
    public var crawled: String?
    public var author: String?
    public var site: String?
    /// BCP 47 language tag, when known.
    public var language: String?
    /// How sure the language stage is of `language`, 0…1, or `nil` when it did not decide it.
    public var languageConfidence: Double?
    /// The language of each paragraph of `text` (`nil` for one without letters), when the language stage
    /// was asked for them (`paragraphs: true`).
    public var paragraphLanguages: [String?]?
    /// Main text: paragraphs separated by one blank line.
    public var text: String
    /// Raw HTML kept for the strip stage; never written by export unless asked for.
    public var html: String?
    /// Links a stage moved out of the text (for example a bare social-embed URL).
    public var links: [String]
    /// Named entities, or `nil` when no entity stage ran.
    public var entities: [Entity]?
    /// Duplicate-cluster membership, or `nil` when no dedupe stage ran.
    public var duplicate: DuplicateInfo?
    /// The users' own fields, in input order, values verbatim: every input field that no `input.fields`
    /// mapping consumed, WARC headers under `warc`, and whatever an `exec` program adds. Written as the
    /// record's `meta` (docs/output-record.md). Read and write it through ``field(_:)``,
    /// ``setField(_:_:)`` and ``removeField(_:)``, or directly.
    public var meta = JSONObject()

    /// Creates a document; every field a stage did not fill stays `nil`.
    public init(
        id: String, source: SourceLocation, url: String? = nil, title: String? = nil,
        published: String? = nil, author: String? = nil, site: String? = nil, language: String? = nil,
        text: String, html: String? = nil, links: [String] = [], entities: [Entity]? = nil,
        duplicate: DuplicateInfo? = nil
    ) {
        self.id = id
        self.source = source
        self.url = url
        self.title = title
        self.published = published
        self.author = author
        self.site = site
        self.language = language
        self.text = text
        self.html = html
        self.links = links
        self.entities = entities
        self.duplicate = duplicate
    }
}

extension Document {
    /// The user field at `path` in ``meta``: a member named exactly `path`, else a dotted path into
    /// nested objects (`crawl.status`); `nil` when absent.
    public func field(_ path: String) -> JSONValue? { meta[path: path] }

    /// Sets the user field at `path` (dotted paths create missing objects); throws when the path goes
    /// through a value that is not an object, leaving ``meta`` unchanged.
    public mutating func setField(_ path: String, _ value: JSONValue) throws(JSONObject.PathError) {
        try meta.setValue(value, atPath: path)
    }

    /// Removes the user field at `path` and returns its value.
    @discardableResult
    public mutating func removeField(_ path: String) -> JSONValue? { meta.removeValue(atPath: path) }
}

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

/// A named entity with its canonical name and every mention.
public struct Entity: Sendable, Hashable {
    /// PERSON, ORG, LOC, DATE, TIME, MONEY, PERCENT, URL, EMAIL, HASHTAG or HANDLE.
    public var type: String
    /// The canonical name, e.g. "Jackie Walker" for "Ms Walker".
    public var name: String
    public var mentions: [Mention]

    public init(type: String, name: String, mentions: [Mention]) {
        self.type = type
        self.name = name
        self.mentions = mentions
    }
}

/// One occurrence of an entity: code-point offsets into `Document.text`, end exclusive.
public struct Mention: Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// Where a document sits among duplicates of one story.
public struct DuplicateInfo: Sendable, Hashable {
    /// Cluster identifier (the id of the cluster's first member).
    public var cluster: String
    /// Id of the member chosen as canonical.
    public var canonical: String
    /// `exact`, `near`, `syndicated`, or `nil` for the canonical member itself.
    public var relation: String?
    /// Similarity to the canonical member (Jaccard estimate; 1.0 for the canonical).
    public var similarity: Double
    /// Share of this document's passages found in the canonical member, when computed.
    public var containment: Double?
    /// Passages shared with the canonical member, when the stage is asked to report them.
    public var passages: [String]?

    public init(
        cluster: String, canonical: String, relation: String? = nil, similarity: Double, containment: Double? = nil,
        passages: [String]? = nil
    ) {
        self.cluster = cluster
        self.canonical = canonical
        self.relation = relation
        self.similarity = similarity
        self.containment = containment
        self.passages = passages
    }
}
