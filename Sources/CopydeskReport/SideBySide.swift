/// Two versions of a story next to each other: the passages they share highlighted (`<mark>`), and
/// what each version adds marked as an insertion (`<ins>`), with the share of each text that is shared.
struct SideBySide {
    struct Version {
        var id: String
        var label: String
        var detail: CorpusDetails.Detail
    }

    let anchor: String
    let heading: String
    let left: Version, right: Version

    func write(into page: inout HTMLPage) {
        let leftText = left.detail.text ?? [], rightText = right.detail.text ?? []
        let passages = SharedPassages(leftText, rightText)
        page.raw("<section class=\"compare\" aria-labelledby=\"\(anchor)\">")
        page.subheading(heading, id: anchor)
        page.raw("<div class=\"pair\">")
        column(left, text: leftText, segments: passages.first, words: passages.firstWords, shared: passages.firstShared, into: &page)
        column(right, text: rightText, segments: passages.second, words: passages.secondWords, shared: passages.secondShared, into: &page)
        page.raw("</div></section>\n")
    }

    private func column(_ version: Version, text: [UInt8], segments: [SharedPassages.Segment], words: Int, shared: Int, into page: inout HTMLPage) {
        page.raw("<div><h4>")
        page.text("\(version.label): \(version.id)")
        page.raw("</h4>")
        let site = version.detail.site.isEmpty ? "" : "\(version.detail.site), "
        let share = words == 0 ? 0 : Int((Double(shared) * 100 / Double(words)).rounded())
        page.paragraph("\(site)\(words) words, \(share)% shared with the other version, \(words - shared) added."
            + (version.detail.truncated ? " (The text is cut here; the record has more.)" : ""))
        page.raw("<p><strong>")
        page.text(HTMLEscaping.oneLine(version.detail.title, limit: 200))
        page.raw("</strong></p><div class=\"text\" tabindex=\"0\" role=\"region\" aria-label=\"")
        page.text("text of \(version.id)")
        page.raw("\">")
        for segment in segments {
            let piece = String(decoding: text[segment.bytes], as: UTF8.self)
            if segment.shared {
                page.raw("<mark>"); page.text(piece); page.raw("</mark>")
            } else if piece.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
                page.raw("<ins>"); page.text(piece); page.raw("</ins>")
            } else {
                page.text(piece)
            }
        }
        page.raw("</div></div>")
    }
}
