public import CopydeskCore

/// The `strip` stage's options.
public struct StripOptions: DeclaredOptions {
    /// What to do with a page that has no article text.
    public enum EmptyPage: String, Sendable, CaseIterable, OptionValueRepresentable {
        case drop, keep
    }

    public var boilerplateLines: [String] = []
    public var builtinBoilerplate = true
    public var maxHTMLBytes = HTMLLimits().maxBytes
    public var maxDepth = HTMLLimits().maxDepth
    public var format: TextFormat = .plain
    public var keepHTML = false
    public var empty: EmptyPage = .drop

    public init() {}

    public static let schema = OptionSchema<Self>([
        .strings("boilerplate_lines", \.boilerplateLines,
                 "Extra regular expressions; a line (paragraph) matching one whole (case-insensitive) is removed."),
        .bool("builtin_boilerplate", \.builtinBoilerplate,
              "Use the built-in line rules (Advertisement, 'Like Love Haha Wow Sad Angry', Related Posts, share bars, Read more:, cookie notices, photo credits, datelines, bare URLs)."),
        .int("max_html_bytes", \.maxHTMLBytes, min: 1024, "Pages larger than this are rejected with a reason instead of parsed."),
        .int("max_depth", \.maxDepth, min: 16, max: 100_000, "Elements nested deeper are flattened into their ancestor at this depth."),
        .choice("format", \.format,
                "How `text` is written: plain paragraphs, or markdown (headings, lists, tables and links kept as Markdown)."),
        .bool("keep_html", \.keepHTML, "Keep the raw HTML on the document after stripping (default: free it)."),
        .choice("empty", \.empty,
                "What to do with a page that has no article text (navigation only): drop it with the reason, or keep it with empty text."),
    ])
}

extension TextFormat: OptionValueRepresentable {}
