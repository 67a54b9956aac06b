public import CopydeskCore

/// A document field a condition reads by name (`field: title`), or one of the users' own fields by its
/// dotted path under `meta` (`field: meta.category`, `meta.warc.target_uri`). The one place field names
/// are resolved.
public enum DocumentField: Sendable, Hashable, CustomStringConvertible {
    case id, title, text, url, site, author, language, published, crawled
    /// A user field: the path inside `Document.meta` (without the leading `meta.`).
    case meta(String)

    /// The names a condition may use, in the order messages list them.
    public static let names = ["title", "text", "url", "site", "id", "author", "language", "published", "crawled"]

    /// Resolves `name`, or says that no document has such a field and which ones exist.
    public static func lookup(_ name: String) -> Result<DocumentField, NoSuchField> {
        switch name {
        case "id": .success(.id)
        case "title": .success(.title)
        case "text": .success(.text)
        case "url": .success(.url)
        case "site": .success(.site)
        case "author": .success(.author)
        case "language": .success(.language)
        case "published": .success(.published)
        case "crawled": .success(.crawled)
        case _ where name.hasPrefix("meta.") && name.utf8.count > 5: .success(.meta(String(name.dropFirst(5))))
        default: .failure(NoSuchField(name: name))
        }
    }

    /// The field's value in `document`, or `nil` when this document has none. A user field that is a
    /// string is matched as it is; a number as written; `true`/`false`; objects and arrays as their JSON.
    @inline(__always)
    public func value(in document: Document) -> String? {
        switch self {
        case .id: document.id
        case .title: document.title
        case .text: document.text
        case .url: document.url
        case .site: document.site
        case .author: document.author
        case .language: document.language
        case .published: document.published
        case .crawled: document.crawled
        case .meta(let path):
            switch document.field(path) {
            case nil, .null?: nil
            case .string(let string)?: string
            case .number(let number)?: number.literal
            case .bool(let flag)?: flag ? "true" : "false"
            case let other?: Self.json(other)
            }
        }
    }

    private static func json(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(nil, value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public var description: String {
        switch self {
        case .id: "id"
        case .title: "title"
        case .text: "text"
        case .url: "url"
        case .site: "site"
        case .author: "author"
        case .language: "language"
        case .published: "published"
        case .crawled: "crawled"
        case .meta(let path): "meta." + path
        }
    }
}

/// A field name that is not a document field.
public struct NoSuchField: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "documents have no field '\(name)'; " + NearestName.hint(for: name, among: DocumentField.names)
            + " (users' own fields are 'meta.<path>')"
    }
}
