import CLibXML2
import CopydeskCore
import Foundation

/// Builds a ``PageTree`` straight from libxml2's HTML SAX events, so libxml2 never builds (and frees)
/// a tree of its own: the same parser, the same error recovery, fewer allocations. Lives for one parse.
final class SAXTreeBuilder {
    private(set) var tree = PageTree()
    private let maxDepth: Int
    /// What each open element pushed, so `end` undoes exactly that.
    private enum Open {
        case node(Int32)
        /// An element past the depth limit: its content goes to the ancestor at the limit.
        case flattened
        /// A discarded element (script, style, head, …): no node, content ignored or captured.
        case discarded
    }
    private var open: [Open] = []
    private var parents: [Int32] = []
    private var discardDepth = 0
    private var capture: Tag?
    private var captureIsJSONLD = false
    private var captured: [UInt8] = []
    private var tagCache: [UnsafePointer<xmlChar>: Tag] = [:]

    private let cancellation: CancellationFlag?
    private let grace: Double
    /// When the builder first saw the run cancelled (monotonic seconds), or nil.
    private var cancelSeen: Double?
    /// Whether the parse was abandoned because the run was interrupted.
    private(set) var stopped = false

    init(maxDepth: Int, cancellation: CancellationFlag? = nil, grace: Double = 0.5) {
        self.maxDepth = maxDepth
        self.cancellation = cancellation
        self.grace = grace
        tree.nodes.reserveCapacity(4096)
        tree.text.reserveCapacity(64 * 1024)
    }

    /// Whether the parse should stop: the run is cancelled and the grace period has run out. One atomic
    /// load per event while the run goes on; the clock is read only after an interrupt.
    func shouldStop() -> Bool {
        if stopped { return true }
        guard let cancellation, cancellation.isCancelled else { return false }
        let now = StageClock.wall()
        guard let seen = cancelSeen else {
            cancelSeen = now
            stopped = grace <= 0
            return stopped
        }
        stopped = now - seen >= grace
        return stopped
    }

    func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let tag = tagOf(name)
        if discardDepth > 0 || tag.isDiscarded {
            discardDepth += 1
            open.append(.discarded)
            handleMetadataElement(tag, attributes)
            return
        }
        if parents.count >= maxDepth {
            open.append(.flattened)
            return
        }
        var element = PageNode(tag: tag)
        element.depth = Int32(parents.count)
        if element.depth > tree.maxDepth { tree.maxDepth = element.depth }
        readAttributes(attributes, into: &element)
        if tag == .html { tree.language = element.attributes["lang"] ?? element.attributes["xml:lang"] }
        let index = append(element, parent: parents.last ?? -1)
        parents.append(index)
        open.append(.node(index))
    }

    func end() {
        guard let last = open.popLast() else { return }
        switch last {
        case .node: parents.removeLast()
        case .flattened: break
        case .discarded:
            discardDepth -= 1
            if capture != nil, discardDepth < captureDepth { finishCapture() }
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard count > 0 else { return }
        if discardDepth > 0 {
            if capture != nil { captured.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count)) }
            return
        }
        guard let parent = parents.last else { return }
        // SAX may deliver one text run in pieces: extend the previous text node when it is the last child.
        let last = tree.nodes[Int(parent)].lastChild
        if last >= 0, tree.nodes[Int(last)].tag == .text,
           Int(tree.nodes[Int(last)].textStart + tree.nodes[Int(last)].textLength) == tree.text.count {
            tree.nodes[Int(last)].textLength += Int32(count)
        } else {
            let index = append(PageNode(tag: .text), parent: parent)
            tree.nodes[Int(index)].textStart = Int32(tree.text.count)
            tree.nodes[Int(index)].textLength = Int32(count)
        }
        tree.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    // MARK: - Helpers

    private func append(_ node: PageNode, parent: Int32) -> Int32 {
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

    private func tagOf(_ name: UnsafePointer<xmlChar>) -> Tag {
        if let cached = tagCache[name] { return cached }
        let tag = Tag.byName[String(cString: name).lowercased()] ?? .other
        tagCache[name] = tag
        return tag
    }

    /// Attributes strip reads besides class and id; others are never turned into strings.
    private static let keptAttributes: [(name: String, cName: [CChar])] = [
        "itemprop", "itemtype", "role", "hidden", "aria-hidden", "style", "href", "datetime", "lang", "xml:lang",
        "property", "name", "content", "rel", "type", "charset",
    ].map { ($0, Array($0.utf8CString)) }

    private func readAttributes(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, into element: inout PageNode) {
        guard let attributes else { return }
        var classes = ""
        var id = ""
        var index = 0
        while let rawName = attributes[index] {
            let rawValue = attributes[index + 1]
            index += 2
            let cName = UnsafeRawPointer(rawName).assumingMemoryBound(to: CChar.self)
            func value() -> String { rawValue.map { String(cString: $0) } ?? "" }
            if strcasecmp(cName, "class") == 0 {
                classes = value()
            } else if strcasecmp(cName, "id") == 0 {
                id = value()
            } else if let kept = Self.keptAttributes.first(where: { strcasecmp(cName, $0.cName) == 0 }) {
                element.attributes[kept.name] = value()
            }
        }
        element.classAndID = id.isEmpty ? classes : (classes.isEmpty ? id : classes + " " + id)
    }

    /// Metadata lives in discarded elements: `<meta>`, `<link>`, `<title>`, JSON-LD `<script>`.
    private func handleMetadataElement(_ tag: Tag, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        switch tag {
        case .meta, .link, .script, .title:
            var element = PageNode(tag: tag)
            readAttributes(attributes, into: &element)
            switch tag {
            case .meta:
                if let key = (element.attributes["property"] ?? element.attributes["name"] ?? element.attributes["itemprop"])?.lowercased(),
                   let content = element.attributes["content"], tree.meta[key] == nil {
                    tree.meta[key] = content
                }
            case .link:
                if let rel = element.attributes["rel"]?.lowercased(), let href = element.attributes["href"], tree.links[rel] == nil {
                    tree.links[rel] = href
                }
            case .script:
                if capture == nil, element.attributes["type"]?.lowercased().contains("ld+json") == true { startCapture(.script, jsonLD: true) }
            default:
                if capture == nil, tree.title == nil { startCapture(.title, jsonLD: false) }
            }
        default:
            break
        }
    }

    private func startCapture(_ tag: Tag, jsonLD: Bool) {
        capture = tag
        captureIsJSONLD = jsonLD
        captured.removeAll(keepingCapacity: true)
        captureDepth = discardDepth
    }

    private var captureDepth = 0

    private func finishCapture() {
        guard capture != nil else { return }
        if captureIsJSONLD {
            tree.jsonLD.append(String(decoding: captured, as: UTF8.self))
        } else {
            let title = TextBytes.collapse(captured)
            if !title.isEmpty { tree.title = title }
        }
        capture = nil
    }
}
