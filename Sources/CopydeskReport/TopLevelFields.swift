import CopydeskCore

/// Finds the values of a few top-level keys of one JSON object without building the rest: every other
/// value (the text, the entities) is skipped byte by byte. Reading cluster fields from a large JSONL
/// output this way costs a scan of each line, not a parse of it.
struct TopLevelFields {
    /// The keys looked for, as UTF-8 bytes (keys without escapes).
    let keys: [[UInt8]]

    init(_ keys: [String]) { self.keys = keys.map { Array($0.utf8) } }

    /// The byte range of each key's value in `line` (`nil` where absent), or `nil` when `line` is not one
    /// JSON object as far as the scan can tell (the values found are parsed by ``JSONParser`` afterwards).
    func spans(_ line: UnsafeBufferPointer<UInt8>) -> [Range<Int>?]? {
        var found = [Range<Int>?](repeating: nil, count: keys.count)
        var i = Self.skipSpace(line, 0)
        guard i < line.count, line[i] == UInt8(ascii: "{") else { return nil }
        i = Self.skipSpace(line, i + 1)
        if i < line.count, line[i] == UInt8(ascii: "}") { return found }
        while i < line.count {
            guard line[i] == UInt8(ascii: "\""), let keyEnd = Self.skipString(line, i) else { return nil }
            let keyBytes = UnsafeBufferPointer(rebasing: line[(i + 1)..<(keyEnd - 1)])
            i = Self.skipSpace(line, keyEnd)
            guard i < line.count, line[i] == UInt8(ascii: ":") else { return nil }
            i = Self.skipSpace(line, i + 1)
            guard let valueEnd = Self.skipValue(line, i) else { return nil }
            for (k, key) in keys.enumerated() where found[k] == nil && key.count == keyBytes.count && key.elementsEqual(keyBytes) {
                found[k] = i..<valueEnd
            }
            i = Self.skipSpace(line, valueEnd)
            guard i < line.count else { return nil }
            if line[i] == UInt8(ascii: "}") { return found }
            guard line[i] == UInt8(ascii: ",") else { return nil }
            i = Self.skipSpace(line, i + 1)
        }
        return nil
    }

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        return i
    }

    /// The index after the string starting at `start` (a quote), or `nil` when it does not end.
    static func skipString(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start + 1
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        return nil
    }

    /// The index after the value starting at `start`, or `nil` when it does not end.
    static func skipValue(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start < b.count else { return nil }
        switch b[start] {
        case UInt8(ascii: "\""):
            return skipString(b, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard let end = skipString(b, i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}"), b[i] != UInt8(ascii: "]"), b[i] > 0x20 { i += 1 }
            return i > start ? i : nil
        }
    }
}
