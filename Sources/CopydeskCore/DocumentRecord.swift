/// The output record of docs/design.md: one JSON object per document, keys in a fixed order.
public enum DocumentRecord {
    /// Writes `document` as the record object into `writer`. `extra` adds fields after the record's own
    /// (used by the drops output); `includeHTML` adds the raw HTML.
    public static func write(
        _ document: Document, into writer: inout JSONWriter, includeHTML: Bool = false,
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
                writer.string("type", entity.type)
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
            writer.string("relation", duplicate.relation)
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
        extra(&writer)
        writer.endObject()
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
    public static func line(_ document: Document, includeHTML: Bool = false) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: document.text.utf8.count + 512)
        write(document, into: &writer, includeHTML: includeHTML)
        var bytes = writer.bytes
        bytes.append(0x0A)
        return bytes
    }

    /// Reads a record object back into a document (the inverse of `write`, for exec stages and
    /// round trips). Fields of the wrong type are errors naming the field.
    public static func read(_ value: JSONValue, source fallback: SourceLocation) throws(DocumentRejection) -> Document {
        guard case .object = value else { throw DocumentRejection("expected a JSON object, got \(value.kindName)") }
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
                path: path, line: value["source"]?["line"]?.doubleValue.map { Int($0) },
                record: value["source"]?["record"]?.doubleValue.map { Int($0) },
                offset: value["source"]?["offset"]?.doubleValue.map { Int64($0) })
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
                        guard let text = item["text"]?.stringValue, let start = item["start"]?.doubleValue,
                              let end = item["end"]?.doubleValue, start >= 0, end >= start
                        else { throw DocumentRejection("entity '\(name)' has a mention without text, start and end") }
                        mentions.append(Mention(text: text, start: Int(start), end: Int(end)))
                    }
                }
                return Entity(type: type, name: name, mentions: mentions)
            }
        }
        if case .object? = value["duplicate"], let duplicate = value["duplicate"] {
            guard let cluster = duplicate["cluster"]?.stringValue, let canonical = duplicate["canonical"]?.stringValue else {
                throw DocumentRejection("'duplicate' needs string 'cluster' and 'canonical'")
            }
            document.duplicate = DuplicateInfo(
                cluster: cluster, canonical: canonical, relation: duplicate["relation"]?.stringValue,
                similarity: duplicate["similarity"]?.doubleValue ?? 0, containment: duplicate["containment"]?.doubleValue)
            if case .array(let passages)? = duplicate["passages"] {
                document.duplicate?.passages = passages.compactMap(\.stringValue)
            }
        }
        return document
    }
}
