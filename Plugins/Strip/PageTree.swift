/// The tags strip distinguishes; everything else is `.other` (treated as inline).
public enum Tag: UInt8, Sendable {
    case other, html, head, body, title, meta, link, script, style, noscript, template
    case article, main, section, div, p, br, hr, span, a, b, strong, i, em, u, small, sup, sub, abbr, cite, q, mark, code, time
    case h1, h2, h3, h4, h5, h6, header, footer, nav, aside, form, button, input, select, textarea, label, option
    case ul, ol, li, dl, dt, dd, blockquote, pre, figure, figcaption, picture, img, table, thead, tbody, tr, td, th, caption
    case iframe, object, embed, svg, math, canvas, video, audio, source, menu, dialog, address, details, summary, center, font
    case text

    static let byName: [String: Tag] = {
        var map: [String: Tag] = [:]
        for raw in 1..<Tag.text.rawValue {
            let tag = Tag(rawValue: raw)!
            map["\(tag)"] = tag
        }
        return map
    }()

    /// Elements whose content is never article text.
    var isDiscarded: Bool {
        switch self {
        case .script, .style, .noscript, .template, .iframe, .object, .embed, .svg, .math, .canvas, .video, .audio, .source,
             .button, .input, .select, .textarea, .option, .head, .title, .meta, .link:
            true
        default: false
        }
    }

    /// Elements that start a new block of text.
    var isBlock: Bool {
        switch self {
        case .html, .body, .article, .main, .section, .div, .p, .h1, .h2, .h3, .h4, .h5, .h6, .header, .footer, .nav, .aside,
             .form, .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .figure, .figcaption, .table, .thead, .tbody, .tr, .td, .th,
             .caption, .menu, .dialog, .address, .details, .summary, .center, .hr, .br, .picture:
            true
        default: false
        }
    }

    /// Elements that are page furniture by their tag alone.
    var isStructuralFurniture: Bool {
        switch self {
        case .nav, .aside, .footer, .form, .menu, .dialog, .figure, .figcaption, .header, .address, .button, .label, .caption: true
        default: false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: true
        default: false
        }
    }
}

/// One node of a parsed page: an element or a text run. Links are indices into `PageTree.nodes`.
public struct PageNode: Sendable {
    public var tag: Tag
    public var parent: Int32 = -1
    public var firstChild: Int32 = -1
    public var lastChild: Int32 = -1
    public var nextSibling: Int32 = -1
    /// For text nodes: the range of their bytes in `PageTree.text`.
    public var textStart: Int32 = 0
    public var textLength: Int32 = 0
    /// `class` and `id` as written (case kept: camelCase marks word boundaries), joined by a space (elements only).
    public var classAndID: String = ""
    /// Attributes strip reads, by name (lowercased): itemprop, role, hidden, aria-hidden, style, href, …
    public var attributes: [String: String] = [:]
    public var depth: Int32 = 0
}

/// A page as a flat array of nodes plus one buffer holding all text, independent of libxml2.
public struct PageTree: Sendable {
    public var nodes: [PageNode] = []
    /// UTF-8 bytes of every text node, back to back.
    public var text: [UInt8] = []
    /// `<script type="application/ld+json">` bodies, in page order.
    public var jsonLD: [String] = []
    /// `<meta>` name/property → content, first occurrence wins (keys lowercased).
    public var meta: [String: String] = [:]
    /// `<link rel=…>` rel → href, first occurrence wins.
    public var links: [String: String] = [:]
    /// `<title>` text.
    public var title: String?
    /// `<html lang>`.
    public var language: String?
    /// The deepest element nesting seen while building.
    public var maxDepth: Int32 = 0

    /// The text of node `index` and all its descendants, whitespace collapsed.
    public func textContent(of index: Int) -> String {
        var out: [UInt8] = []
        appendText(of: index, to: &out)
        return TextBytes.collapse(out)
    }

    func appendText(of index: Int, to out: inout [UInt8]) {
        var stack = [Int32(index)]
        while let current = stack.popLast() {
            let node = nodes[Int(current)]
            if node.tag == .text {
                out.append(contentsOf: text[Int(node.textStart)..<Int(node.textStart + node.textLength)])
                continue
            }
            if node.tag.isBlock { out.append(0x20) }
            var children: [Int32] = []
            var child = node.firstChild
            while child >= 0 {
                children.append(child)
                child = nodes[Int(child)].nextSibling
            }
            stack.append(contentsOf: children.reversed())
        }
    }
}
