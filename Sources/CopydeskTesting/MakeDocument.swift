public import CopydeskCore

/// Builds test documents with sensible defaults.
public func makeDocument(_ id: String, text: String, title: String? = nil, path: String? = nil, html: String? = nil) -> Document {
    Document(id: id, source: SourceLocation(path: path ?? "memory/\(id)"), title: title, text: text, html: html)
}
