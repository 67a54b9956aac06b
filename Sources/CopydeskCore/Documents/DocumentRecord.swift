/// The output record of docs/output-record.md: one JSON object per document, keys in a fixed order,
/// the users' own fields last under `meta`.
public enum DocumentRecord {
    /// Where the users' own fields (``Document/meta``) go in a record.
    public enum MetaLayout: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// Under `"meta": {…}` after the record's own fields; absent when there are none.
        case nested
        /// Each at the top level after the record's own fields; a field named like one of the record's
        /// own (``recordKeys``) stays under `"meta": {…}` so nothing is overwritten, and reading the record
        /// back gives the same fields.
        case top
    }

    /// The record's own top-level keys; any other key of a record read back is a user field.
    public static let recordKeys: Set<String> = [
        "id", "source", "url", "title", "published", "published_source", "crawled", "author", "site", "language", "text",
        "links", "entities", "duplicate", "html", "meta",
    ]

    /// Writes `document` as the record object into `writer`. `extra` adds fields after the record's own
    /// (used by the drops output); `includeHTML` adds the raw HTML; `meta` places the user fields.
    public static func write(
        _ document: Document, into writer: inout JSONWriter, includeHTML: Bool = false, meta layout: MetaLayout = .nested,
        extra: (inout JSONWriter) -> Void = { _ in }
    ) {
        writer.beginObject()
        writer.string("id", document.id)
        writeSource(document.source, into: &writer)
        writer.string("url", document.url)
        writer.string("title", document.title)
        writer.string("published", document.published)
        if let source = document.publishedSource { writer.string("published_source", source) }
        if let crawled = document.crawled { writer.string("crawled", crawled) }
        writer.string("author", document.author)
        writer.string("site", document.site)
        writer.string("language", document.language)
        if let confidence = document.languageConfidence { writer.double("language_confidence", confidence) }
        if let paragraphs = document.paragraphLanguages {
            writer.beginArray("paragraph_languages")
            for language in paragraphs { writer.string(nil, language) }
            writer.endArray()
        }
        writer.string("text", document.text)
        writer.beginArray("links")
        for link in document.links { writer.string(nil, link) }
        writer.endArray()
        if let entities = document.entities {
            writer.beginArray("entities")
            for entity in entities {
                writer.beginObject()
                writer.string("type", entity.type.rawValue)
                writer.string("name", entity.name)
                writer.beginArray("mentions")
                for mention in entity.mentions {
                    writer.beginObject()
                    writer.string("text", mention.text)
                    writer.int("start", mention.start)
                    writer.int("end", mention.end)
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
        } else {
            writer.null("entities")
        }
        if let duplicate = document.duplicate {
            writer.beginObject("duplicate")
            writer.string("cluster", duplicate.cluster)
            writer.string("canonical", duplicate.canonical)
            writer.string("relation", duplicate.relation?.rawValue)
            writer.double("similarity", duplicate.similarity)
            writer.double("containment", duplicate.containment)
            if let passages = duplicate.passages {
                writer.beginArray("passages")
                for passage in passages { writer.string(nil, passage) }
                writer.endArray()
            }
            writer.endObject()
        } else {
            writer.null("duplicate")
        }
        if includeHTML { writer.string("html", document.html) }
        writeMeta(document.meta, into: &writer, layout: layout)
        extra(&writer)
        writer.endObject()
    }

    /// Writes the user fields: nothing when there are none, else `"meta": {…}` or (``MetaLayout/top``)
    /// each field at the top level, those named like a record key kept under `"meta"`.
    static func writeMeta(_ meta: JSONObject, into writer: inout JSONWriter, layout: MetaLayout) {
        guard !meta.isEmpty else { return }
        switch layout {
        case .nested:
            writer.value("meta", meta.jsonValue)
        case .top:
            var clashing: [(key: String, value: JSONValue)] = []
            for (key, value) in meta.members {
                if recordKeys.contains(key) { clashing.append((key, value)) } else { writer.value(key, value) }
            }
            if !clashing.isEmpty { writer.value("meta", .object(clashing)) }
        }
    }

    /// Writes a source location as the record's `source` object.
    public static func writeSource(_ source: SourceLocation, into writer: inout JSONWriter, key: String = "source") {
        writer.beginObject(key)
        writer.string("path", source.path)
        if let line = source.line { writer.int("line", line) }
        if let record = source.record { writer.int("record", record) }
        if let offset = source.offset { writer.int("offset", Int(offset)) }
        writer.endObject()
    }

    /// The record as one JSONL line (with the trailing newline).
    public static func line(_ document: Document, includeHTML: Bool = false, meta layout: MetaLayout = .nested) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: document.text.utf8.count + 512)
        write(document, into: &writer, includeHTML: includeHTML, meta: layout)
        var bytes = writer.bytes
        bytes.append(0x0A)
        return bytes
    }

    /// Reads a record object back into a document (the inverse of `write` in either layout, for exec
    /// stages and round trips). Fields of the wrong type are errors naming the field. Every key that is
    /// not one of ``recordKeys`` is a user field, and so are the members of a `meta` object (see
    /// ``userFields(of:)``), so an exec program adds, changes or removes user fields by writing the record.
    public static func read(_ value: JSONValue, source fallback: SourceLocation) throws(DocumentRejection) -> Document {
        guard case .object(let members) = value else { throw DocumentRejection("expected a JSON object, got \(value.kindName)") }
        func string(_ key: String) throws(DocumentRejection) -> String? {
            switch value[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let other?: throw DocumentRejection("field '\(key)' must be a string, not \(other.kindName)")
            }
        }
        guard let id = try string("id") else { throw DocumentRejection("record has no 'id'") }
        var source = fallback
        if case .object? = value["source"], let path = value["source"]?["path"]?.stringValue {
            source = SourceLocation(
                path: path, line: value["source"]?["line"]?.intValue, record: value["source"]?["record"]?.intValue,
                offset: value["source"]?["offset"]?.int64Value)
        }
        var document = Document(
            id: id, source: source, url: try string("url"), title: try string("title"),
            published: try string("published"), author: try string("author"), site: try string("site"),
            language: try string("language"), text: try string("text") ?? "", html: try string("html"))
        document.publishedSource = try string("published_source")
        document.crawled = try string("crawled")
        document.languageConfidence = value["language_confidence"]?.doubleValue
        if case .array(let paragraphs)? = value["paragraph_languages"] { document.paragraphLanguages = paragraphs.map(\.stringValue) }
        if case .array(let links)? = value["links"] {
            document.links = links.compactMap(\.stringValue)
        }
        if case .array(let entities)? = value["entities"] {
            document.entities = try entities.map { (entity) throws(DocumentRejection) -> Entity in
                guard let type = entity["type"]?.stringValue, let name = entity["name"]?.stringValue else {
                    throw DocumentRejection("each entity needs a string 'type' and 'name'")
                }
                var mentions: [Mention] = []
                if case .array(let items)? = entity["mentions"] {
                    for item in items {
                        guard let text = item["text"]?.stringValue, let start = item["start"]?.intValue,
                              let end = item["end"]?.intValue, start >= 0, end >= start
                        else { throw DocumentRejection("entity '\(name)' has a mention without text, start and end") }
                        mentions.append(Mention(text: text, start: start, end: end))
                    }
                }
                return Entity(type: EntityType(rawValue: type), name: name, mentions: mentions)
            }
        }
        if case .object? = value["duplicate"], let duplicate = value["duplicate"] {
            guard let cluster = duplicate["cluster"]?.stringValue, let canonical = duplicate["canonical"]?.stringValue else {
                throw DocumentRejection("'duplicate' needs string 'cluster' and 'canonical'")
            }
            var relation: DuplicateInfo.Relation?
            if let value = duplicate["relation"], !value.isNull {
                guard let raw = value.stringValue, let known = DuplicateInfo.Relation(rawValue: raw) else {
                    let valid = DuplicateInfo.Relation.allCases.map(\.rawValue).joined(separator: ", ")
                    let given = value.stringValue.map { "'\($0)'" } ?? value.kindName
                    throw DocumentRejection("'duplicate.relation' must be one of \(valid), or null; it is \(given)")
                }
                relation = known
            }
            document.duplicate = DuplicateInfo(
                cluster: cluster, canonical: canonical, relation: relation,
                similarity: duplicate["similarity"]?.doubleValue ?? 0, containment: duplicate["containment"]?.doubleValue)
            if case .array(let passages)? = duplicate["passages"] {
                document.duplicate?.passages = passages.compactMap(\.stringValue)
            }
        }
        document.meta = userFields(of: members).fields
        return document
    }

    /// The user fields of a record's members: every member whose key is not in `skipping`, in order,
    /// with the members of a `meta` object merged in at its place; a `meta` that is not an object is kept
    /// as the user field `meta`. A key met twice keeps its last value at its first place, and is counted
    /// in `collisions`. Input records use this with nothing skipped (their consumed fields removed first).
    public static func userFields(
        of members: [(key: String, value: JSONValue)], skipping: Set<String> = recordKeys
    ) -> (fields: JSONObject, collisions: Int) {
        var fields = JSONObject()
        var collisions = 0
        for (key, value) in members {
            if key == "meta", case .object(let inner) = value {
                for (innerKey, innerValue) in inner where fields.set(innerKey, innerValue) { collisions += 1 }
            } else if key == "meta" || !skipping.contains(key) {
                if fields.set(key, value) { collisions += 1 }
            }
        }
        return (fields, collisions)
    }
}
