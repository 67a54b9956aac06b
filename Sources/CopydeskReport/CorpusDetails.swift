import CopydeskCore

/// What the page needs of a few chosen documents, read in a second streaming pass over the records:
/// the canonical members' titles (their records may come after their duplicates') and the texts of the
/// versions shown side by side.
struct CorpusDetails {
    struct Detail {
        var title, site, published: String
        /// The text, cut to `textBytes` bytes (at a character boundary), only for documents asked with text.
        var text: [UInt8]?
        var truncated = false
    }

    private let wanted: Set<String>
    private let withText: Set<String>
    private let textBytes: Int
    private(set) var found: [String: Detail] = [:]

    init(wanted: Set<String>, withText: Set<String>, textBytes: Int) {
        self.wanted = wanted.union(withText)
        self.withText = withText
        self.textBytes = textBytes
    }

    var isEmpty: Bool { wanted.isEmpty }

    mutating func add(_ record: JSONValue) {
        guard let id = record["id"]?.stringValue, wanted.contains(id), found[id] == nil else { return }
        var detail = Detail(title: record["title"]?.stringValue ?? "", site: record["site"]?.stringValue ?? "",
                            published: record["published"]?.stringValue ?? "")
        if withText.contains(id) {
            var text = Array((record["text"]?.stringValue ?? "").utf8)
            if text.count > textBytes {
                var end = textBytes
                while end > 0, text[end] & 0xC0 == 0x80 { end -= 1 }
                text.removeSubrange(end...)
                detail.truncated = true
            }
            detail.text = text
        }
        found[id] = detail
    }
}
