/// One canonical spelling per referent whatever the case it is written in: the document's mixed-case form
/// when it has one (the resolver prefers it), else — for a name the gazetteer knows as a place — the words
/// capitalised as place names are ("NEW YORK" → "New York", "ISLE OF MAN" → "Isle of Man"), else the name
/// as written ("NASDAQ", "OPEC"). The gazetteer stores hashes, not spellings, so the place spelling is
/// rebuilt by rule: each word in capitals gets a capital and lower-case letters, small connecting words
/// inside the name are lower case, and a word in capitals with no vowel after its first letter ("USSR")
/// stays as written, as do words with dots ("U.S.").
enum CanonicalCase {
    static let connectors: Set<String> = ["of", "and", "the", "de", "du", "des", "la", "le", "del", "da", "on", "upon", "in", "am"]

    /// Whether every word of `range` is written in capitals (at least one with two or more letters).
    static func isCapitals(_ view: TokenView, _ range: Range<Int>) -> Bool {
        var upper = false
        for k in range where view.text.tokens[k].kind == .word {
            switch view.facts[k].caps {
            case .upper: upper = true
            case .initial: continue
            default: return false
            }
        }
        return upper
    }

    /// The canonical name of tokens `range`, an entity of `type`.
    static func name(_ view: TokenView, _ range: Range<Int>, type: String) -> String {
        var written = view.text.string(tokens: range)
        // A name wrapped over two lines ("Securities and Exchange\nCommission") is named on one.
        if needsJoining(written) {
            written = written.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        }
        guard type == "LOC", isCapitals(view, range) else { return written }
        let known = range.count == 1 ? view.has(range.lowerBound, .place) || view.has(range.lowerBound, .country)
            : view.isEntry(range, .place) || view.isEntry(range, .country)
        guard known else { return written }
        var out = ""
        var previousEnd = view.text.tokens[range.lowerBound].byteStart
        for k in range {
            let t = view.text.tokens[k]
            if t.byteStart > previousEnd { out += " " }
            previousEnd = t.byteEnd
            let word = view.text.string(k)
            guard t.kind == .word, view.facts[k].caps == .upper else { out += word; continue }
            let lower = word.lowercased()
            if k != range.lowerBound, connectors.contains(lower) { out += lower; continue }
            out += capitalised(word)
        }
        return out
    }

    /// Whether `written` has a line break, a tab or two spaces in a row (read on its UTF-8 bytes).
    static func needsJoining(_ written: String) -> Bool {
        var previousSpace = false
        for byte in written.utf8 {
            if byte == 0x0A || byte == 0x0D || byte == 0x09 || (byte == 0x20 && previousSpace) { return true }
            previousSpace = byte == 0x20
        }
        return false
    }

    /// "WINSTON-SALEM" → "Winston-Salem", "O'HARE" → "O'Hare"; "USSR" stays.
    static func capitalised(_ word: String) -> String {
        let letters = Array(word)
        guard letters.dropFirst().contains(where: { "AEIOUY".contains($0) }) else { return word }
        var out = ""
        var startOfPart = true
        for c in letters {
            out += startOfPart ? String(c).uppercased() : String(c).lowercased()
            startOfPart = !c.isLetter
        }
        return out
    }
}
