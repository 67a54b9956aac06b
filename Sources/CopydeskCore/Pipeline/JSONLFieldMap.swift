/// The names of the JSONL fields that hold each document field.
public struct JSONLFieldMap: Sendable, Equatable, OptionValueRepresentable {
    public var id = "id"
    public var url = "url"
    public var title = "title"
    public var text = "text"
    public var html = "html"
    public var published = "published"
    public var author = "author"
    public var site = "site"
    public var language = "language"

    public init() {}

    /// Whether `name`'s mapping differs from its default (the field of the same name): only such
    /// mappings count and log records that lack their path.
    public func isRemapped(_ name: String) -> Bool {
        switch name {
        case "id": id != "id"
        case "url": url != "url"
        case "title": title != "title"
        case "text": text != "text"
        case "html": html != "html"
        case "published": published != "published"
        case "author": author != "author"
        case "site": site != "site"
        case "language": language != "language"
        default: false
        }
    }

    static let names = ["id", "url", "title", "text", "html", "published", "author", "site", "language"]

    static let specs: [OptionSpec] = names.map {
        OptionSpec($0, .string, default: .string($0), "JSONL field (or dotted path into nested objects) holding the document's \($0).")
    }

    /// Reads a decoded `fields:` mapping.
    public init?(optionValue: OptionValue) {
        guard case .map(let entries) = optionValue else { return nil }
        for entry in entries {
            guard let name = entry.value.stringValue else { continue }
            switch entry.key {
            case "id": id = name
            case "url": url = name
            case "title": title = name
            case "text": text = name
            case "html": html = name
            case "published": published = name
            case "author": author = name
            case "site": site = name
            case "language": language = name
            default: break
            }
        }
    }

    public var optionValue: OptionValue {
        .map(zip(Self.names, [id, url, title, text, html, published, author, site, language]).map { KeyedOptionValue(key: $0, value: .string($1)) })
    }
}
