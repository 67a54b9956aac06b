/// The documents, each with a snippet of its text, a page at a time: the first page is in the page's
/// markup (readable without JavaScript); the rest of the list is a JSON data block the script pages and
/// filters by title.
struct DocumentSection {
    let digest: CorpusDigest

    func write(into page: inout HTMLPage) {
        page.heading("Documents", id: "documents")
        var note = "\(digest.documents) records"
        if digest.listed < digest.documents {
            note += "; the first \(digest.listed) are listed (the rest would make the page too large to open quickly)"
        }
        if digest.withSnippet < digest.listed { note += "; snippets for the first \(digest.withSnippet)" }
        page.paragraph(note + ".")
        page.raw("<div id=\"doc-pager\" class=\"pager\" hidden><button type=\"button\" id=\"doc-prev\">Previous page</button>")
        page.raw("<button type=\"button\" id=\"doc-next\">Next page</button><span id=\"doc-status\" aria-live=\"polite\"></span></div>\n")
        page.raw("<div class=\"scroll\"><table><caption>Documents</caption><thead><tr>")
        for name in ["id", "title", "published", "site", "snippet", "duplicate"] { page.raw("<th scope=\"col\">\(name)</th>") }
        page.raw("</tr></thead><tbody id=\"doc-rows\">\n")
        for row in digest.firstPage { page.tableRow(row) }
        page.raw("</tbody></table></div>\n")
        var json = digest.documentJSON
        json.append(UInt8(ascii: "]"))
        page.dataBlock(id: "doc-data", json: json)
    }
}
