import CLibXML2

/// Limits applied to every HTML page before and while parsing.
public struct HTMLLimits: Sendable, Hashable {
    /// Pages larger than this are refused without parsing.
    public var maxBytes: Int
    /// Elements nested deeper than this are flattened into their ancestor at this depth.
    public var maxDepth: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 512) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}

/// Why a page could not be parsed.
public struct HTMLParseError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Parses HTML with libxml2 into a ``PageTree`` and frees the libxml2 document before returning, so no
/// libxml2 object outlives the call. Parsing is always offline: `HTML_PARSE_NONET`, no DTD loading, no
/// entity expansion beyond the HTML built-ins.
public enum HTMLParser {
    /// The libxml2 options every parse uses.
    static let options: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
    // Not HTML_PARSE_NOBLANKS: whitespace-only text between inline elements separates words.

    /// Parses `html` (already decoded to UTF-8) into a page tree.
    public static func parse(_ html: String, limits: HTMLLimits = HTMLLimits()) throws(HTMLParseError) -> PageTree {
        var html = html
        let size = html.utf8.count
        guard size <= limits.maxBytes else {
            throw HTMLParseError(description: "page is \(size) bytes, over strip's max_html_bytes (\(limits.maxBytes)); raise the limit to process it")
        }
        guard size > 0 else { throw HTMLParseError(description: "empty page") }
        let first = parse(&html, options: options, limits: limits)
        // libxml2 silently stops at 256 levels of nesting, losing everything deeper. When a page reaches
        // that depth, parse again without libxml2's limits (size is bounded above; our tree builder is
        // iterative and flattens past `maxDepth`).
        if case .success(let tree) = first, tree.maxDepth >= 250 {
            return try parse(&html, options: options | Int32(XML_PARSE_HUGE.rawValue), limits: limits).get()
        }
        return try first.get()
    }

    private static func parse(_ html: inout String, options: Int32, limits: HTMLLimits) -> Result<PageTree, HTMLParseError> {
        html.withUTF8 { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let document = htmlReadMemory(base, Int32(bytes.count), nil, "UTF-8", options) else {
                return .failure(HTMLParseError(description: "libxml2 could not parse the page"))
            }
            defer { xmlFreeDoc(document) }
            guard let root = xmlDocGetRootElement(document) else {
                return .failure(HTMLParseError(description: "the page has no elements"))
            }
            var builder = PageTreeBuilder(maxDepth: limits.maxDepth)
            builder.build(from: root)
            return .success(builder.tree)
        }
    }
}
