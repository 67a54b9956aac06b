/// How text from a run's data is written into the page, byte by byte on its UTF-8 form, so that
/// nothing in a title or text can become markup or script: `<`, `>`, `&` and `"` become entities (the
/// writer always quotes attributes with `"`),
/// a NUL byte becomes the visible symbol ␀ (a NUL in HTML is a parse error), other control bytes but
/// tab, line feed and carriage return become U+FFFD.
enum HTMLEscaping {
    /// Appends `value` as HTML text or attribute content (quotes escaped, so both are safe).
    static func appendText(_ value: String, to bytes: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case 0: bytes.append(contentsOf: "\u{2400}".utf8)
            case 0x09, 0x0A, 0x0D: bytes.append(byte)
            case 0x01...0x1F, 0x7F: bytes.append(contentsOf: "\u{FFFD}".utf8)
            default: bytes.append(byte)
            }
        }
    }

    /// Appends `value` as a JSON string literal that is safe inside a `<script type="application/json">`
    /// element: besides JSON's own escapes, `<`, `>` and `&` are written as `\u003c`… so that no
    /// `</script>` or `<!--` can end the element, and U+2028/U+2029 are escaped.
    static func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: "\\\"".utf8)
            case "\\": bytes.append(contentsOf: "\\\\".utf8)
            case "\n": bytes.append(contentsOf: "\\n".utf8)
            case "\t": bytes.append(contentsOf: "\\t".utf8)
            case "\0": bytes.append(contentsOf: "\u{2400}".utf8)
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{01}"..."\u{1F}", "\u{7F}":
                bytes.append(contentsOf: "\\u".utf8)
                let hex = String(scalar.value, radix: 16)
                bytes.append(contentsOf: (String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `value` with runs of white space (including line breaks) as one space, cut to at most `limit`
    /// characters with an ellipsis: for snippets and one-line titles.
    static func oneLine(_ value: String, limit: Int) -> String {
        var result = ""
        var count = 0
        var space = false
        for scalar in value.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = count > 0
                continue
            }
            if space { result.unicodeScalars.append(" "); count += 1; space = false }
            if count >= limit { return result + "…" }
            result.unicodeScalars.append(scalar)
            count += 1
        }
        return result
    }
}
