import CLibXML2
public import CopydeskCore
import Foundation

/// Limits applied to every HTML page before and while parsing.
public struct HTMLLimits: Sendable, Hashable {
    /// Pages larger than this are refused without parsing.
    public var maxBytes: Int
    /// Elements nested deeper than this are flattened into their ancestor at this depth.
    public var maxDepth: Int
    /// Attributes of one start tag past this many are removed before parsing (libxml2 compares each
    /// attribute with every earlier one, so thousands on one element take quadratic time).
    public var maxAttributes: Int

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 512, maxAttributes: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
    }

    /// Open elements libxml2 is allowed to hold (twice `maxDepth`: its stack also holds elements strip
    /// flattens); start tags past it are removed before parsing, with their end tags.
    public var maxOpenElements: Int { max(64, 2 * maxDepth) }
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

    /// How long a page may go on parsing once the run is interrupted; most pages finish well within it.
    public static let interruptGrace: Double = 0.5

    /// Parses `html` (already decoded to UTF-8) into a page tree. The page first goes through
    /// ``HTMLPrePass`` (linear), so libxml2 never sees the markup that makes it quadratic. When
    /// `cancellation` is set, a page still parsing `grace` seconds later is abandoned with an error.
    public static func parse(
        _ html: String, limits: HTMLLimits = HTMLLimits(), cancellation: CancellationFlag? = nil, grace: Double = interruptGrace
    ) throws(HTMLParseError) -> PageTree {
        var html = html
        let size = html.utf8.count
        guard size <= limits.maxBytes else {
            throw HTMLParseError(description: "page is \(size) bytes, over strip's max_html_bytes (\(limits.maxBytes)); raise the limit to process it")
        }
        guard size > 0 else { throw HTMLParseError(description: "empty page") }
        let result: Result<PageTree, HTMLParseError> = html.withUTF8 { bytes in
            let bounded = HTMLPrePass(bytes, maxAttributes: limits.maxAttributes, maxOpenElements: limits.maxOpenElements)
            guard let rewritten = bounded.output else { return parseBounded(bytes, limits: limits, cancellation: cancellation, grace: grace) }
            return rewritten.withUnsafeBufferPointer { parseBounded($0, limits: limits, cancellation: cancellation, grace: grace) }
        }
        return try result.get()
    }

    private static func parseBounded(
        _ bytes: UnsafeBufferPointer<UInt8>, limits: HTMLLimits, cancellation: CancellationFlag?, grace: Double
    ) -> Result<PageTree, HTMLParseError> {
        guard let address = bytes.baseAddress, bytes.count > 0 else { return .failure(HTMLParseError(description: "empty page")) }
        let base = UnsafeRawPointer(address).assumingMemoryBound(to: CChar.self)
        guard let context = htmlCreateMemoryParserCtxt(base, Int32(bytes.count)) else {
            return .failure(HTMLParseError(description: "libxml2 could not create a parser"))
        }
        defer {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            htmlFreeParserCtxt(context)
        }
        let builder = SAXTreeBuilder(maxDepth: limits.maxDepth, cancellation: cancellation, grace: grace)
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
        if builder.stopped {
            return .failure(HTMLParseError(description: "the run was interrupted while this page was being parsed; run again to process it"))
        }
        guard !builder.tree.nodes.isEmpty else { return .failure(HTMLParseError(description: "the page has no elements")) }
        return .success(builder.tree)
    }
}

/// The builder behind a SAX callback, after checking the run's cancellation: an interrupted parse is
/// stopped (`xmlStopParser`) once its grace period is over, so an interrupt reaches a page inside libxml2.
private func builder(_ context: UnsafeMutableRawPointer?) -> SAXTreeBuilder? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = parser.pointee._private else { return nil }
    let builder = Unmanaged<SAXTreeBuilder>.fromOpaque(opaque).takeUnretainedValue()
    if builder.shouldStop() {
        xmlStopParser(parser)
        return nil
    }
    return builder
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
