import CLibXML2
import Foundation

/// Copies a libxml2 tree into a ``PageTree`` with an explicit stack (no recursion, so deep nesting
/// cannot overflow), skipping discarded elements and comments, capturing metadata on the way.
struct PageTreeBuilder {
    var tree = PageTree()
    let maxDepth: Int
    private var tagCache: [UnsafePointer<xmlChar>: Tag] = [:]

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    mutating func build(from root: xmlNodePtr) {
        tree.nodes.reserveCapacity(4096)
        tree.text.reserveCapacity(64 * 1024)
        // (libxml node, parent index, depth)
        var stack: [(xmlNodePtr, Int32, Int32)] = [(root, -1, 0)]
        while let (node, parent, depth) = stack.popLast() {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard parent >= 0, let content = node.pointee.content else { continue }
                let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                guard length > 0 else { continue }
                let index = append(PageNode(tag: .text), parent: parent)
                tree.nodes[Int(index)].textStart = Int32(tree.text.count)
                tree.nodes[Int(index)].textLength = Int32(length)
                tree.text.append(contentsOf: UnsafeBufferPointer(start: content, count: length))
            case XML_ELEMENT_NODE:
                let tag = tagOf(node)
                if tag.isDiscarded {
                    capture(tag, node)
                    if tag == .head || tag == .title {
                        // Walk head for meta/link/title/script, without keeping nodes.
                        walkHead(node)
                    }
                    continue
                }
                var element = PageNode(tag: tag)
                element.depth = depth
                if depth > tree.maxDepth { tree.maxDepth = depth }
                readAttributes(node, into: &element, tag: tag)
                if tag == .html { tree.language = element.attributes["lang"] ?? element.attributes["xml:lang"] }
                // Past the depth limit, children are attached to the ancestor at the limit.
                let index: Int32
                if depth >= maxDepth, parent >= 0 {
                    index = parent
                } else {
                    index = append(element, parent: parent)
                }
                // Push children last to first (libxml2 keeps `last` and `prev`), so they pop in order.
                var child = node.pointee.last
                while let current = child {
                    stack.append((current, index, min(depth + 1, Int32(maxDepth))))
                    child = current.pointee.prev
                }
            default:
                continue
            }
        }
    }

    private mutating func append(_ node: PageNode, parent: Int32) -> Int32 {
        var node = node
        node.parent = parent
        let index = Int32(tree.nodes.count)
        tree.nodes.append(node)
        if parent >= 0 {
            let last = tree.nodes[Int(parent)].lastChild
            if last >= 0 {
                tree.nodes[Int(last)].nextSibling = index
            } else {
                tree.nodes[Int(parent)].firstChild = index
            }
            tree.nodes[Int(parent)].lastChild = index
        }
        return index
    }

    private mutating func tagOf(_ node: xmlNodePtr) -> Tag {
        guard let name = node.pointee.name else { return .other }
        if let cached = tagCache[name] { return cached }
        let string = String(cString: name).lowercased()
        let tag = Tag.byName[string] ?? .other
        tagCache[name] = tag
        return tag
    }

    /// Attributes strip reads besides class and id; others are never turned into strings.
    private static let keptAttributes: [(name: String, cName: [CChar])] = [
        "itemprop", "itemtype", "role", "hidden", "aria-hidden", "style", "href", "datetime", "lang", "xml:lang",
        "property", "name", "content", "rel", "type",
    ].map { ($0, Array($0.utf8CString)) }

    private func readAttributes(_ node: xmlNodePtr, into element: inout PageNode, tag: Tag) {
        var attribute = node.pointee.properties
        var classes = ""
        var id = ""
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let rawName = current.pointee.name else { continue }
            let cName = UnsafeRawPointer(rawName).assumingMemoryBound(to: CChar.self)
            func value() -> String { current.pointee.children?.pointee.content.map { String(cString: $0) } ?? "" }
            if strcasecmp(cName, "class") == 0 {
                classes = value().lowercased()
            } else if strcasecmp(cName, "id") == 0 {
                id = value().lowercased()
            } else if let kept = Self.keptAttributes.first(where: { strcasecmp(cName, $0.cName) == 0 }) {
                element.attributes[kept.name] = value()
            }
        }
        element.classAndID = id.isEmpty ? classes : (classes.isEmpty ? id : classes + " " + id)
    }

    /// Reads metadata from discarded elements (scripts with JSON-LD, meta, link, title).
    private mutating func capture(_ tag: Tag, _ node: xmlNodePtr) {
        switch tag {
        case .script:
            var element = PageNode(tag: tag)
            readAttributes(node, into: &element, tag: tag)
            if element.attributes["type"]?.lowercased().contains("ld+json") == true {
                tree.jsonLD.append(Self.childText(node))
            }
        case .meta:
            var element = PageNode(tag: tag)
            readAttributes(node, into: &element, tag: tag)
            if let key = (element.attributes["property"] ?? element.attributes["name"] ?? element.attributes["itemprop"])?.lowercased(),
               let content = element.attributes["content"], tree.meta[key] == nil {
                tree.meta[key] = content
            }
        case .link:
            var element = PageNode(tag: tag)
            readAttributes(node, into: &element, tag: tag)
            if let rel = element.attributes["rel"]?.lowercased(), let href = element.attributes["href"], tree.links[rel] == nil {
                tree.links[rel] = href
            }
        case .title:
            if tree.title == nil {
                let title = TextBytes.collapse(Array(Self.childText(node).utf8))
                if !title.isEmpty { tree.title = title }
            }
        default:
            break
        }
    }

    /// The concatenated content of a node's direct text children (no libxml2 allocation).
    private static func childText(_ node: xmlNodePtr) -> String {
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE, let content = current.pointee.content {
                let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: length))
            }
            child = current.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func walkHead(_ head: xmlNodePtr) {
        var stack: [xmlNodePtr] = []
        var child = head.pointee.children
        while let current = child {
            stack.append(current)
            child = current.pointee.next
        }
        var visited = 0
        while let node = stack.popLast(), visited < 100_000 {
            visited += 1
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let tag = tagOf(node)
            capture(tag, node)
            if tag == .script || tag == .title { continue }
            var inner = node.pointee.children
            while let current = inner {
                stack.append(current)
                inner = current.pointee.next
            }
        }
    }
}

/// Byte helpers for text.
enum TextBytes {
    /// Collapses runs of ASCII whitespace and no-break spaces to one space and trims, as a string.
    static func collapse(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                i += 1
                continue
            }
            if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                pendingSpace = true
                i += 2
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
