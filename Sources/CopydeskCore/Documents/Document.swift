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
