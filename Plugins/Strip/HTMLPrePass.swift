import Foundation

/// One linear pass over a page's bytes before libxml2 sees them, removing the markup that makes
/// libxml2 2.9's HTML parser quadratic (issue 17) and nothing a browser would show:
///
/// - attributes past ``HTMLLimits/maxAttributes`` in one start tag (libxml2 compares every attribute
///   with every earlier one);
/// - end tags that close no open element (libxml2 searches its whole open-element stack for each);
/// - start tags past ``HTMLLimits/maxOpenElements`` open elements, with their end tags (bounding the
///   stack that every end tag searches); content stays, in the ancestor at the limit, as strip's own
///   depth limit already does.
///
/// The pass keeps its own open-element stack, modelled on libxml2's: an end tag pops down to the
/// matching element unless an element of higher end priority (div, table, …) lies above it, which
/// libxml2 would not close either; a `p`, `li`, `td`, … start tag closes the same kind on top. Every
/// operation is amortised constant time, so the pass is linear in the page size. Works on UTF-8 bytes
/// only; markup is ASCII, text bytes are copied untouched.
///
/// NUL bytes (U+0000, which no page means; a JSON string can carry them) are removed first, and counted:
/// the page is repaired, not rejected.
struct HTMLPrePass {
    /// What the pass removed (work counters for tests and the benchmark).
    struct Counts: Equatable {
        var attributes = 0
        var endTags = 0
        var startTags = 0
        /// NUL bytes removed.
        var nulBytes = 0
        var isZero: Bool { attributes == 0 && endTags == 0 && startTags == 0 && nulBytes == 0 }
    }

    /// The page with the removals applied, or `nil` when nothing was removed (parse the original).
    private(set) var output: [UInt8]?
    private(set) var counts = Counts()

    private let maxAttributes: Int
    private let maxOpen: Int

    /// One open element of the model stack.
    private struct Entry {
        var name: UInt64
        /// Position of the next open element of the same name below, or -1.
        var sameBelow: Int32
        var level: UInt8
        var counted: Bool
    }
    private var stack: [Entry] = []
    private var topOfName: [UInt64: Int32] = [:]
    /// `blocker[l]`: position of the topmost open element whose end priority level is above `l`, or -1.
    private var blocker = [Int32](repeating: -1, count: Names.levels)
    /// `blocker` as it was before each push, 8 values per stack entry, restored on pop.
    private var savedBlockers: [Int32] = []
    private var countedDepth = 0
    /// Start tags dropped past the open-element limit whose end tags are still to come, by name.
    private var excess: [UInt64: Int] = [:]
    private var copiedUpTo = 0

    /// Runs the pass over `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, maxAttributes: Int, maxOpenElements: Int) {
        self.maxAttributes = maxAttributes
        self.maxOpen = maxOpenElements
        guard let base = bytes.baseAddress, bytes.count > 0, memchr(base, 0, bytes.count) != nil else {
            run(bytes)
            return
        }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for byte in bytes where byte != 0 { kept.append(byte) }
        counts.nulBytes = bytes.count - kept.count
        kept.withUnsafeBufferPointer { run($0) }
        if output == nil { output = kept }
    }

    // MARK: - Scanning

    private mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var i = 0
        while i < n {
            guard let lt = Self.find(0x3C, in: bytes, from: i) else { break }
            guard lt + 1 < n else { break }
            let next = bytes[lt + 1]
            if next == 0x21 {  // <!
                if lt + 3 < n, bytes[lt + 2] == 0x2D, bytes[lt + 3] == 0x2D {
                    i = Self.findSequence([0x2D, 0x2D, 0x3E], in: bytes, from: lt + 4).map { $0 + 3 } ?? n
                } else {
                    i = Self.find(0x3E, in: bytes, from: lt + 2).map { $0 + 1 } ?? n
                }
            } else if next == 0x3F {  // <?
                i = Self.find(0x3E, in: bytes, from: lt + 2).map { $0 + 1 } ?? n
            } else if next == 0x2F {  // </
                i = endTag(bytes, at: lt)
            } else if Self.isNameStart(next) {
                i = startTag(bytes, at: lt)
            } else {
                i = lt + 1
            }
        }
        if var rewritten = output {
            output = nil  // one owner while appending: no copy
            rewritten.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<n]))
            output = rewritten
        }
    }

    /// Leaves `from..<to` out of the output.
    private mutating func cut(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
        var rewritten = output ?? []
        output = nil  // one owner while appending: no copy
        if rewritten.isEmpty { rewritten.reserveCapacity(bytes.count) }
        rewritten.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<from]))
        output = rewritten
        copiedUpTo = to
    }

    private mutating func startTag(_ bytes: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int {
        let n = bytes.count
        var p = lt + 1
        let name = Self.name(bytes, &p)
        var attributes = 0
        var selfClosing = false
        while true {
            while p < n, Self.isBlank(bytes[p]) { p += 1 }
            guard p < n else { break }
            let c = bytes[p]
            if c == 0x3E { p += 1; break }
            if c == 0x2F, p + 1 < n, bytes[p + 1] == 0x3E { p += 2; selfClosing = true; break }
            let attributeStart = p
            while p < n, !Self.isBlank(bytes[p]), bytes[p] != 0x3E, bytes[p] != 0x3D, !(bytes[p] == 0x2F && p + 1 < n && bytes[p + 1] == 0x3E) { p += 1 }
            if p == attributeStart { p += 1 }
            var q = p
            while q < n, Self.isBlank(bytes[q]) { q += 1 }
            if q < n, bytes[q] == 0x3D {
                q += 1
                while q < n, Self.isBlank(bytes[q]) { q += 1 }
                if q < n, bytes[q] == 0x22 || bytes[q] == 0x27 {
                    q = Self.find(bytes[q], in: bytes, from: q + 1).map { $0 + 1 } ?? n
                } else {
                    while q < n, !Self.isBlank(bytes[q]), bytes[q] != 0x3E { q += 1 }
                }
                p = q
            }
            attributes += 1
            if attributes > maxAttributes {
                cut(bytes, from: attributeStart, to: p)
                counts.attributes += 1
            }
        }
        let end = p
        if !selfClosing, !Names.void.contains(name) {
            if let closes = Names.closesOnTop[name], let top = stack.last, closes.contains(top.name) { pop() }
            let counted = !Names.optionalEnd.contains(name)
            if counted, countedDepth >= maxOpen {
                cut(bytes, from: lt, to: end)
                counts.startTags += 1
                excess[name, default: 0] += 1
            } else {
                push(name, counted: counted)
            }
        }
        if !selfClosing, name == Names.script || name == Names.style {
            // Raw text: nothing inside is markup until the matching end tag.
            let closing: [UInt8] = name == Names.script ? Array("</script".utf8) : Array("</style".utf8)
            return Self.findSequence(closing, in: bytes, from: end, caseInsensitive: true) ?? n
        }
        return end
    }

    private mutating func endTag(_ bytes: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int {
        let n = bytes.count
        guard lt + 2 < n, Self.isNameStart(bytes[lt + 2]) else { return lt + 2 }
        var p = lt + 2
        let name = Self.name(bytes, &p)
        let end = Self.find(0x3E, in: bytes, from: p).map { $0 + 1 } ?? n
        if let extra = excess[name], extra > 0 {
            excess[name] = extra - 1
            cut(bytes, from: lt, to: end)
            counts.endTags += 1
            return end
        }
        guard let position = topOfName[name], position >= 0 else {
            if !Names.keptUnmatched.contains(name) {
                cut(bytes, from: lt, to: end)
                counts.endTags += 1
            }
            return end
        }
        // libxml2 ignores an end tag with an element of higher end priority above its match: so does the model.
        if blocker[Int(Names.level(name))] > position { return end }
        while stack.count > Int(position) { pop() }
        return end
    }

    // MARK: - The model stack

    private mutating func push(_ name: UInt64, counted: Bool) {
        let position = Int32(stack.count)
        let level = Names.level(name)
        stack.append(Entry(name: name, sameBelow: topOfName[name] ?? -1, level: level, counted: counted))
        topOfName[name] = position
        savedBlockers.append(contentsOf: blocker)
        var l = 0
        while l < Int(level) {
            blocker[l] = position
            l += 1
        }
        if counted { countedDepth += 1 }
    }

    private mutating func pop() {
        guard let entry = stack.popLast() else { return }
        topOfName[entry.name] = entry.sameBelow
        let base = savedBlockers.count - Names.levels
        for l in 0..<Names.levels { blocker[l] = savedBlockers[base + l] }
        savedBlockers.removeLast(Names.levels)
        if entry.counted { countedDepth -= 1 }
    }

    // MARK: - Bytes

    /// A tag name as libxml2 reads it (letters, digits, `:`, `-`, `_`, `.`; at most 100), hashed lowercase.
    private static func name(_ bytes: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        while p < bytes.count, isNameByte(bytes[p]) {
            if length < 100 {
                var c = bytes[p]
                if c >= 0x41, c <= 0x5A { c += 0x20 }
                hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3
                length += 1
            }
            p += 1
        }
        return hash
    }

    static func hash(_ name: String) -> UInt64 {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var p = 0
            return Self.name(buffer, &p)
        }
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x3A || c == 0x2E
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }

    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private static func findSequence(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, caseInsensitive: Bool = false) -> Int? {
        var i = from
        while let hit = find(needle[0], in: bytes, from: i) {
            guard hit + needle.count <= bytes.count else { return nil }
            var k = 1
            while k < needle.count {
                var c = bytes[hit + k]
                if caseInsensitive, c >= 0x41, c <= 0x5A { c += 0x20 }
                if c != needle[k] { break }
                k += 1
            }
            if k == needle.count { return hit }
            i = hit + 1
        }
        return nil
    }
}

/// Element names the pre-pass treats specially, as hashes.
private enum Names {
    static let levels = 8
    static let script = HTMLPrePass.hash("script")
    static let style = HTMLPrePass.hash("style")
    static let void: Set<UInt64> = Set([
        "area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    ].map(HTMLPrePass.hash))
    /// End tags kept even when nothing of their name is open: libxml2 opens these implicitly.
    static let keptUnmatched: Set<UInt64> = Set(["html", "head", "body", "p", "br"].map(HTMLPrePass.hash))
    /// Elements whose end tag is optional: they do not count towards the open-element limit.
    static let optionalEnd: Set<UInt64> = Set([
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rp", "rt",
        "html", "head", "body",
    ].map(HTMLPrePass.hash))
    /// A start tag closes an element of these names on top of the stack (libxml2 does the same and more).
    static let closesOnTop: [UInt64: Set<UInt64>] = {
        let table: [String: [String]] = [
            "p": ["p"], "li": ["li", "p"], "dt": ["dt", "dd", "p"], "dd": ["dt", "dd", "p"], "option": ["option"],
            "td": ["td", "th"], "th": ["td", "th"], "tr": ["tr", "td", "th"],
        ]
        var result: [UInt64: Set<UInt64>] = [:]
        for (name, closes) in table { result[HTMLPrePass.hash(name)] = Set(closes.map(HTMLPrePass.hash)) }
        return result
    }()
    /// libxml2's end priorities (htmlEndPriority): 100 by default, div 150, td/th 160, tr 170,
    /// thead/tbody/tfoot 180, table 190, head/body 200, html 220; as levels 0–7.
    static let levelOf: [UInt64: UInt8] = {
        let table: [String: UInt8] = ["div": 1, "td": 2, "th": 2, "tr": 3, "thead": 4, "tbody": 4, "tfoot": 4, "table": 5, "head": 6, "body": 6, "html": 7]
        var result: [UInt64: UInt8] = [:]
        for (name, level) in table { result[HTMLPrePass.hash(name)] = level }
        return result
    }()

    static func level(_ name: UInt64) -> UInt8 { levelOf[name] ?? 0 }
}
