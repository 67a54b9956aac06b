import Foundation

/// Cheap byte-level looks into raw HTML that inputs need before any parser runs: the declared
/// charset and the `<title>`.
public enum HTMLSniffing {
    /// Decodes HTML bytes to text: a BOM wins, then a `<meta charset>` or `http-equiv` declaration in
    /// the first 4 KiB, then UTF-8 if valid, else Windows-1252. Returns the text and the charset used.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(DocumentRejection) -> (text: String, charset: String) {
        let decoded = try decodeCounting(bytes)
        return (decoded.text, decoded.charset)
    }

    /// ``decode(_:)``, also giving the number of NUL bytes removed: a page with a few stray NULs (a broken
    /// server or crawler) is repaired; a page of more than 1% NULs, or binary without them, is refused.
    public static func decodeCounting(_ bytes: UnsafeBufferPointer<UInt8>) throws(DocumentRejection) -> (text: String, charset: String, nulBytes: Int) {
        if let base = bytes.baseAddress, bytes.count > 0, memchr(base, 0, bytes.count) != nil,
           !(bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            for byte in bytes where byte != 0 { kept.append(byte) }
            let removed = bytes.count - kept.count
            if removed * 100 > bytes.count {
                throw DocumentRejection("binary content (\(removed) NUL bytes, first at byte offset \(TextDecoding.binaryOffset(bytes) ?? 0)); not an HTML page")
            }
            let decoded = try kept.withUnsafeBufferPointer { buffer throws(DocumentRejection) in try decodeWithoutNUL(buffer) }
            return (decoded.text, decoded.charset, removed)
        }
        let decoded = try decodeWithoutNUL(bytes)
        return (decoded.text, decoded.charset, 0)
    }

    private static func decodeWithoutNUL(_ bytes: UnsafeBufferPointer<UInt8>) throws(DocumentRejection) -> (text: String, charset: String) {
        var body = bytes
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: body[3...])
            return (try TextDecoding.decodeUTF8(body, policy: .repair).text, "utf-8")
        }
        if body.count >= 2, (body[0] == 0xFF && body[1] == 0xFE) || (body[0] == 0xFE && body[1] == 0xFF) {
            let little = body[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = 2
            while i + 1 < body.count {
                units.append(little ? UInt16(body[i]) | UInt16(body[i + 1]) << 8 : UInt16(body[i]) << 8 | UInt16(body[i + 1]))
                i += 2
            }
            return (String(decoding: units, as: UTF16.self), little ? "utf-16le" : "utf-16be")
        }
        if let offset = TextDecoding.binaryOffset(body) {
            throw DocumentRejection("binary content (NUL or control bytes at byte offset \(offset)); not an HTML page")
        }
        let declared = declaredCharset(body)
        switch declared {
        case "windows-1252", "cp1252", "iso-8859-1", "latin1", "latin-1", "iso8859-1", "us-ascii", "ascii", "iso-8859-15":
            if TextDecoding.validateUTF8(body).errors == 0, body.contains(where: { $0 >= 0x80 }), declared != "us-ascii" {
                // Declared Latin but valid UTF-8 with non-ASCII bytes: the declaration is wrong far more
                // often than real Latin-1 text happens to be valid UTF-8.
                return (String(decoding: body, as: UTF8.self), "utf-8")
            }
            return (TextDecoding.decodeWindows1252(body), "windows-1252")
        default:
            if let text = String(validating: body, as: UTF8.self) {
                return (text, "utf-8")
            }
            if declared == nil || declared == "utf-8" || declared == "utf8" {
                // Undeclared or mis-declared: mostly-valid UTF-8 keeps its valid parts; otherwise Windows-1252.
                let check = TextDecoding.validateUTF8(body)
                let high = body.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
                if check.errors * 4 < high {
                    return (String(decoding: body, as: UTF8.self), "utf-8")
                }
                return (TextDecoding.decodeWindows1252(body), "windows-1252")
            }
            return (String(decoding: body, as: UTF8.self), "utf-8")
        }
    }

    /// The charset named by `<meta charset=…>` or `<meta http-equiv … content="…charset=…">` in the first 4 KiB, lowercased.
    public static func declaredCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let limit = min(bytes.count, 4096)
        let needle = Array("charset".utf8)
        var i = 0
        while i + needle.count < limit {
            var matches = true
            for k in 0..<needle.count where lower(bytes[i + k]) != needle[k] {
                matches = false
                break
            }
            if matches {
                var j = i + needle.count
                while j < limit, bytes[j] == 0x20 { j += 1 }
                if j < limit, bytes[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < limit, bytes[j] == 0x20 || bytes[j] == 0x22 || bytes[j] == 0x27 { j += 1 }
                    var name: [UInt8] = []
                    while j < limit, name.count < 40 {
                        let c = lower(bytes[j])
                        guard (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x3A else { break }
                        name.append(c)
                        j += 1
                    }
                    if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
                }
            }
            i += 1
        }
        return nil
    }

    /// The text of the first `<title>` element, whitespace collapsed and basic entities decoded, or `nil`.
    public static func title(in html: String) -> String? {
        var html = html
        return html.withUTF8 { bytes -> String? in
            guard let open = find(Array("<title".utf8), in: bytes, from: 0) else { return nil }
            var start = open + 6
            while start < bytes.count, bytes[start] != UInt8(ascii: ">") { start += 1 }
            start += 1
            guard start < bytes.count, let end = find(Array("</title".utf8), in: bytes, from: start) else { return nil }
            let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            let collapsed = decodeBasicEntities(raw).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return collapsed.isEmpty ? nil : collapsed
        }
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            var k = 0
            while k < needle.count, lower(bytes[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    /// Named references decoded in metadata and titles (the normalise stage decodes body text fully).
    static let namedEntities: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘", "rdquo": "”",
        "ldquo": "“", "mdash": "—", "ndash": "–", "hellip": "…", "eacute": "é", "pound": "£", "euro": "€", "copy": "©",
    ]

    /// Decodes common named references and numeric ones (`&#39;`, `&#x2019;`) in titles and metadata
    /// values; anything else is left as it is.
    public static func decodeBasicEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            if let semi = rest.prefix(12).firstIndex(of: ";") {
                let name = rest[rest.index(after: rest.startIndex)..<semi]
                var replacement = namedEntities[name]
                if replacement == nil {
                    if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = UnicodeScalar(v) {
                        replacement = String(s)
                    } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = UnicodeScalar(v) {
                        replacement = String(s)
                    }
                }
                if let replacement {
                    out += replacement
                    rest = rest[rest.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = rest.dropFirst()
        }
        out += rest
        return out
    }
}
