import CLibXML2
import Foundation

/// The speed floor for strip: libxml2 parsing plus a plain walk over every text node, nothing else.
/// The strip benchmark reports it beside strip's own speed.
public enum HTMLFloor {
    /// Parses `html` with the same options as strip and returns the number of text bytes walked.
    public static func parseAndWalk(_ html: String) -> Int {
        var html = html
        return html.withUTF8 { bytes -> Int in
            guard bytes.count > 0 else { return 0 }
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let document = htmlReadMemory(base, Int32(bytes.count), nil, "UTF-8", HTMLParser.options) else { return 0 }
            defer { xmlFreeDoc(document) }
            var total = 0
            var stack: [xmlNodePtr] = []
            if let root = xmlDocGetRootElement(document) { stack.append(root) }
            while let node = stack.popLast() {
                if node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content {
                    total += strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                }
                var child = node.pointee.children
                while let current = child {
                    stack.append(current)
                    child = current.pointee.next
                }
            }
            return total
        }
    }

    /// Parses `html` only (the libxml2 floor without a walk).
    public static func parseOnly(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { bytes -> Bool in
            guard bytes.count > 0 else { return false }
            let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let document = htmlReadMemory(base, Int32(bytes.count), nil, "UTF-8", HTMLParser.options) else { return false }
            xmlFreeDoc(document)
            return true
        }
    }
}
