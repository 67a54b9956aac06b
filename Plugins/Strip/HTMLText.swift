/// Entity decoding for attribute and metadata values (the text stage decodes body text fully).
enum HTMLText {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘", "rdquo": "”",
        "ldquo": "“", "mdash": "—", "ndash": "–", "hellip": "…", "eacute": "é", "pound": "£", "euro": "€", "copy": "©",
    ]

    /// Decodes `&name;`, `&#NN;` and `&#xHH;` references; anything else is left as it is.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            if let semi = rest.prefix(12).firstIndex(of: ";") {
                let name = rest[rest.index(after: rest.startIndex)..<semi]
                var replacement: String?
                if let value = named[String(name)] {
                    replacement = value
                } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = UnicodeScalar(v) {
                    replacement = String(s)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = UnicodeScalar(v) {
                    replacement = String(s)
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
        return out + rest
    }
}
