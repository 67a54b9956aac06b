import CopydeskCore
import Foundation

/// The page being written: every piece of text from the data goes through ``HTMLEscaping``; the only
/// markup is the writer's own. The page's one script is inline and allowed by its SHA-256 in a
/// Content-Security-Policy that forbids every other script, style sheet, frame and network request.
struct HTMLPage {
    private(set) var bytes: [UInt8] = []

    /// An empty fragment.
    init() {}

    /// A page: the head (title, policy, style sheet) and the start of the body.
    static func document(title: String) -> HTMLPage {
        var page = HTMLPage()
        page.head(title: title)
        return page
    }

    private mutating func head(title: String) {
        raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '\(PageAssets.scriptHash)'\">")
        raw("<title>")
        text(title)
        raw("</title><style>\(PageAssets.style)</style></head><body>\n")
        raw("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n")
    }

    /// Appends markup the writer made itself (never data).
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Appends a fragment written separately.
    mutating func append(_ fragment: HTMLPage) { bytes.append(contentsOf: fragment.bytes) }

    /// Appends data as escaped text.
    mutating func text(_ value: String) { HTMLEscaping.appendText(value, to: &bytes) }

    mutating func heading(_ title: String, id: String) { raw("<h2 id=\"\(id)\">"); text(title); raw("</h2>\n") }
    mutating func subheading(_ title: String, id: String? = nil) {
        raw(id.map { "<h3 id=\"\($0)\">" } ?? "<h3>"); text(title); raw("</h3>\n")
    }
    mutating func paragraph(_ body: String, className: String? = nil) {
        raw(className.map { "<p class=\"\($0)\">" } ?? "<p>"); text(body); raw("</p>\n")
    }

    /// A table with column headers, and with the first cell of each row as its row header.
    mutating func table(caption: String? = nil, _ header: [String], _ rows: [[String]], numeric: Range<Int> = 0..<0) {
        raw("<div class=\"scroll\"><table>")
        if let caption { raw("<caption>"); text(caption); raw("</caption>") }
        raw("<thead><tr>")
        for (index, cell) in header.enumerated() {
            raw(numeric.contains(index) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"); text(cell); raw("</th>")
        }
        raw("</tr></thead><tbody>\n")
        for row in rows { tableRow(row, numeric: numeric) }
        raw("</tbody></table></div>\n")
    }

    mutating func tableRow(_ row: [String], numeric: Range<Int> = 0..<0) {
        raw("<tr>")
        for (index, cell) in row.enumerated() {
            if index == 0 {
                raw("<th scope=\"row\">"); text(cell); raw("</th>")
            } else {
                raw(numeric.contains(index) ? "<td class=\"num\">" : "<td>"); text(cell); raw("</td>")
            }
        }
        raw("</tr>\n")
    }

    /// Two columns, name and value, each row headed by its name.
    mutating func facts(caption: String, _ rows: [(String, String)]) {
        raw("<div class=\"scroll\"><table class=\"facts\"><caption>"); text(caption); raw("</caption><tbody>\n")
        for (name, value) in rows {
            raw("<tr><th scope=\"row\">"); text(name); raw("</th><td>"); text(value); raw("</td></tr>\n")
        }
        raw("</tbody></table></div>\n")
    }

    /// A JSON data block the script reads (never executed: its type is not JavaScript).
    mutating func dataBlock(id: String, json: [UInt8]) {
        raw("<script type=\"application/json\" id=\"\(id)\">")
        bytes.append(contentsOf: json)
        raw("</script>\n")
    }

    mutating func finish() -> [UInt8] {
        raw("</main><script>\(PageAssets.script)</script></body></html>\n")
        return bytes
    }
}
