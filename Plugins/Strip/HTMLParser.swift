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
        let result: Result<PageTree, HTMLParseError> = html.withUTF8 { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let context = htmlCreateMemoryParserCtxt(base, Int32(bytes.count)) else {
                return .failure(HTMLParseError(description: "libxml2 could not create a parser"))
            }
            defer {
                if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                htmlFreeParserCtxt(context)
            }
            let builder = SAXTreeBuilder(maxDepth: limits.maxDepth)
            let unmanaged = Unmanaged.passRetained(builder)
            defer { unmanaged.release() }
            context.pointee._private = unmanaged.toOpaque()
            if let handler = context.pointee.sax {
                var sax = xmlSAXHandler()
                sax.startElement = saxStart
                sax.endElement = saxEnd
                sax.characters = saxCharacters
                sax.ignorableWhitespace = saxCharacters
                sax.cdataBlock = saxCharacters
                handler.pointee = sax
            }
            // The page is already UTF-8: ignore <meta charset> inside it. No tree is built by libxml2 (SAX
            // only), so its nesting limit can be lifted; ours flattens past `maxDepth`.
            _ = htmlCtxtUseOptions(context, options | Int32(HTML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_HUGE.rawValue))
            _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
            _ = htmlParseDocument(context)
            guard !builder.tree.nodes.isEmpty else { return .failure(HTMLParseError(description: "the page has no elements")) }
            return .success(builder.tree)
        }
        return try result.get()
    }
}

private func builder(_ context: UnsafeMutableRawPointer?) -> SAXTreeBuilder? {
    guard let context, let opaque = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
    return Unmanaged<SAXTreeBuilder>.fromOpaque(opaque).takeUnretainedValue()
}

private func saxStart(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let name else { return }
    builder(context)?.start(name, attributes)
}

private func saxEnd(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    builder(context)?.end()
}

private func saxCharacters(_ context: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ count: Int32) {
    guard let characters else { return }
    builder(context)?.characters(characters, Int(count))
}
