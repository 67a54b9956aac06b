import CLibXML2
import Foundation

/// The speed floor for strip: libxml2 parsing plus a plain walk over every text node, nothing else.
/// The strip benchmark reports it beside strip's own speed. Pages go through ``HTMLPrePass`` first, as
/// in strip, so a hostile page cannot make the floor quadratic either.
public enum HTMLFloor {
    /// `body` called with libxml2's document for `bytes` after the pre-pass, or `nil` when libxml2 gives none.
    private static func withDocument<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (htmlDocPtr?) -> R) -> R {
        let limits = HTMLLimits()
        let bounded = HTMLPrePass(bytes, maxAttributes: limits.maxAttributes, maxOpenElements: limits.maxOpenElements)
        func read(_ page: UnsafeBufferPointer<UInt8>) -> R {
            guard let address = page.baseAddress, page.count > 0 else { return body(nil) }
            let base = UnsafeRawPointer(address).assumingMemoryBound(to: CChar.self)
            return body(htmlReadMemory(base, Int32(page.count), nil, "UTF-8", HTMLParser.options))
        }
        guard let rewritten = bounded.output else { return read(bytes) }
        return rewritten.withUnsafeBufferPointer { read($0) }
    }

    /// Parses `html` with the same options as strip and returns the number of text bytes walked.
    public static func parseAndWalk(_ html: String) -> Int {
        var html = html
        return html.withUTF8 { bytes -> Int in
            withDocument(bytes) { document -> Int in
                guard let document else { return 0 }
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
    }

    /// Parses `html` only (the libxml2 floor without a walk).
    public static func parseOnly(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { bytes -> Bool in
            withDocument(bytes) { document -> Bool in
                guard let document else { return false }
                xmlFreeDoc(document)
                return true
            }
        }
    }
}
