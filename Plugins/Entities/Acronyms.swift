extension CueRules {
    /// An acronym in a normal sentence that is no place, title or common abbreviation is an organisation
    /// ("USDA", "NYMEX", "U.N.").
    static func applyAcronyms(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        for i in 0..<view.count where labels[i] == 0 && tokens[i].kind == .word && view.facts[i].caps == .upper && !view.facts[i].capsSentence {
            let length = tokens[i].byteEnd - tokens[i].byteStart
            guard length >= 2, length <= 6 else { continue }
            if view.text.bytes[tokens[i].byteStart..<tokens[i].byteEnd].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { continue }
            if i + 1 < view.count, view.isCapitalised(i + 1), labels[i + 1] != 0 { continue }
            if i > 0, view.isCapitalised(i - 1), labels[i - 1] != 0 { continue }
            if view.has(i, .place) || view.has(i, .title) || view.has(i, .calendar) || view.has(i, .orgSuffix) { continue }
            // Emphasis ("did NOT say") and words the document also writes in lower case are not acronyms.
            if view.seenLowercase(i) { continue }
            if i + 1 < view.count, view.facts[i + 1].caps == .upper { continue }
            // A line's opening label before a colon ("NOTE:", "UPDATE:") is no acronym.
            if i + 1 < view.count, i == 0 || tokens[i].afterNewline, view.equals(i + 1, ":") { continue }
            if i > 0, view.facts[i - 1].caps == .upper { continue }
            let word = view.text.string(i).lowercased()
            if CueWords.commonAbbreviations.contains(word) || CueWords.demonymSet.contains(word) { continue }
            set(&labels, i..<(i + 1), type: 1)
        }
    }
}
