extension CueWords {
    /// News agencies as they sign off or credit a story ("Reuter", "REUTER", "AP", "Associated Press"),
    /// lower case, the words of a name joined by one space.
    static let agencySignOffs: Set<String> = [
        "reuter", "reuters", "ap", "afp", "upi", "dpa", "ansa", "efe", "tass", "itar-tass", "xinhua", "kyodo", "aap",
        "pti", "ians", "yonhap", "bernama", "antara", "anadolu", "interfax", "ria", "pa", "bloomberg", "nhk",
        "associated press", "united press international", "agence france-presse", "agence france presse",
        "press association", "press trust of india", "australian associated press", "kyodo news", "dow jones",
    ]
}

extension CueRules {
    /// A sign-off: an agency name standing alone as the last words of the text, on its own line or after the
    /// last sentence ("… said.\n Reuter", "… (33.7).   REUTER") credits the story and is no entity of it.
    static func dropSignOff(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        var end = tokens.count
        while end > 0, tokens[end - 1].kind == .punctuation { end -= 1 }
        guard end > 0 else { return }
        for start in stride(from: end - 1, through: max(0, end - 4), by: -1) {
            guard tokens[start].kind == .word, tokens[start].byteEnd - tokens[start].byteStart <= 24 else { return }
            guard view.isCapitalised(start) else { continue }
            let alone = start == 0 || tokens[start].afterNewline || view.isFirst(start) || endsSentence(view, start - 1)
            guard alone else { continue }
            let name = (start..<end).map { view.text.string($0).lowercased() }.joined(separator: " ")
            guard CueWords.agencySignOffs.contains(name) else { continue }
            clear(&labels, start..<end)
            return
        }
    }

    /// Whether token `i` is punctuation that closes a sentence (".", "!", "?", or a closing quote or bracket after one).
    static func endsSentence(_ view: TokenView, _ i: Int) -> Bool {
        var k = i
        while k >= 0, view.text.tokens[k].kind == .punctuation {
            let b = view.text.bytes[view.text.tokens[k].byteStart]
            if b == 0x2E || b == 0x21 || b == 0x3F { return true }
            guard b == 0x29 || b == 0x22 || b == 0x27 || b == 0xE2 else { return false }
            k -= 1
        }
        return false
    }

    /// In a text that capitalises names, a word written in lower case is a common word, whatever names it
    /// appears in elsewhere ("cocoa" beside "Brazilian Cocoa Trade Commission"): no PERSON, ORG or LOC span made
    /// only of lower-case words is kept (the tagger can read one as a name from a gazetteer entry, "Cocoa" the
    /// town). A text that writes names in lower case ("talks in new york": fewer than three words capitalised in
    /// mid-sentence) keeps them. The user's gazetteer, applied later, still matches lower-case entries.
    static func dropLowercase(_ view: TokenView, labels: inout [UInt8]) {
        var cased = 0
        for flags in view.documentFlags.values where flags & 2 != 0 {
            cased += 1
            if cased >= 3 { break }
        }
        guard cased >= 3 else { return }
        for span in EntityLabel.spans(labels) where span.range.allSatisfy({ view.text.tokens[$0].kind == .word && view.isLowercase($0) }) {
            for k in span.range { labels[k] = 0 }
        }
    }

    /// Clears every entity that overlaps `range`.
    static func clear(_ labels: inout [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var a = range.lowerBound
        while a > 0, labels[a] != 0, !EntityLabel.isBegin(labels[a]) { a -= 1 }
        var b = range.upperBound
        while b < labels.count, labels[b] != 0, !EntityLabel.isBegin(labels[b]) { b += 1 }
        for k in a..<b { labels[k] = 0 }
    }
}
