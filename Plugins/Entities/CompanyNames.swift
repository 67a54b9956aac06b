/// Company names as news copy writes them: a legal-form suffix ends the name, and the capitalised words
/// before it — with the possessive of a founder's name ("Moody's", "Standard and Poor's"), the "and"/"&" of
/// a partnership ("Merrill Lynch and Co", "Smith Barney, Harris Upham and Co") and the "of" after an
/// organisation word ("Bank of Boston Corp") — are one organisation.
enum CompanyNames {
    /// Legal-form and corporate-structure suffixes in English-language copy (with and without their dot).
    static let suffixes = WordHashes([
        "Corp", "Corp.", "Inc", "Inc.", "Co", "Co.", "Cos", "Cos.", "Ltd", "Ltd.", "Plc", "Plc.", "PLC", "Corporation",
        "Incorporated", "Limited", "Company", "Companies", "Bancorp", "Bancorporation", "Bancshares", "Holdings", "Holding",
        "Group", "LP", "L.P.", "LLC", "L.L.C.", "LLP", "NV", "N.V.", "SA", "S.A.", "AG", "GmbH", "SpA", "S.p.A.", "BV",
        "B.V.", "AB", "ASA", "Oyj", "KK", "K.K.", "Pty", "Pte", "Bhd", "Berhad", "SE", "Cie", "KGaA", "Sarl", "SARL",
        "S.A.S.", "Srl", "Trust", "Partners",
    ])

    /// Capitalised words that name what a firm does and end or continue its name after a founder's possessive
    /// or another name ("Moody's Investors Service", "Merrill Lynch Research", "Salomon Brothers"), beside
    /// the gazetteer's organisation words (which the model was trained with, so not extended here).
    static let businessWords = WordHashes([
        "Investors", "Investor", "Service", "Research", "Markets", "Brothers", "Economics", "Management", "Associates",
        "Investments", "Advisers", "Advisors", "Ratings", "Rating", "Financial", "Securities", "Capital", "Services",
    ])

    /// Whether token `i` ends a firm's name as a capitalised suffix, organisation word or business word.
    static func isFirmWord(_ view: TokenView, _ i: Int) -> Bool {
        isNameWord(view, i) && (view.has(i, .orgWord) || suffixes.contains(view, i) || businessWords.contains(view, i))
    }

    /// Suffixes that may follow a comma: "Acme, Inc.", "Acme Holdings, Ltd".
    static let afterComma = WordHashes(["Inc", "Inc.", "Ltd", "Ltd.", "LLC", "L.L.C.", "LP", "L.P.", "Plc", "PLC", "Limited", "Incorporated"])

    /// Whether token `i` is a capitalised company suffix. A suffix counts only with a capitalised name
    /// before it and not after a comma (except "Inc", "Ltd" …), so that "Reno, NV" stays a place.
    static func isSuffix(_ view: TokenView, _ i: Int) -> Bool {
        view.text.tokens[i].kind == .word && view.isCapitalised(i) && suffixes.contains(view, i)
    }

    /// Whether token `i` is a capitalised word that may stand inside a company name.
    static func isNameWord(_ view: TokenView, _ i: Int) -> Bool {
        view.text.tokens[i].kind == .word && view.isCapitalised(i) && !view.facts[i].capsSentence
    }

    /// Whether the word ends in "corp" and is longer ("Citicorp", "Bancorp", "Unicorp"): a company's name.
    static func endsInCorp(_ view: TokenView, _ i: Int) -> Bool {
        let t = view.text.tokens[i]
        guard t.kind == .word, t.byteEnd - t.byteStart >= 7, view.isCapitalised(i) else { return false }
        let b = view.text.bytes
        let e = t.byteEnd
        return b[e - 4] | 0x20 == 0x63 && b[e - 3] | 0x20 == 0x6F && b[e - 2] | 0x20 == 0x72 && b[e - 1] | 0x20 == 0x70
    }

    /// The start of the company name that ends with suffix `s`, or `nil` when no capitalised word precedes
    /// the suffix. The name may run over a line break (wire copy wraps its lines) but not into a line in capitals.
    static func nameStart(_ view: TokenView, suffix s: Int) -> Int? {
        let tokens = view.text.tokens
        var k = s - 1
        if k > 0, view.equals(k, ","), afterComma.contains(view, s) { k -= 1 }
        var andBeforeSuffix = false   // "and Co", "& Co": a partnership's name, whose partners a comma may list
        var commas = 0
        var wordsSinceJoin = 0
        var start: Int?
        while k >= 0, s - k <= 9 {
            let t = tokens[k]
            if isNameWord(view, k) {
                if view.isFirst(k), view.seenLowercase(k) { break }
                if view.equals(k, "The") || view.has(k, .calendar) { break }
                if CueWords.honorificSet.contains(view.text.string(k).lowercased()) { break }
                start = k
                wordsSinceJoin += 1
                k -= 1
                continue
            }
            guard k > 0, isNameWord(view, k - 1) else { break }
            if view.equals(k, "&") || view.equals(k, "and"), start == nil {
                // "Merrill Lynch and Co", "Johnson & Co".
                andBeforeSuffix = true
                k -= 1
                continue
            }
            if t.kind == .possessive {
                // "Moody's", "Poor's" — not "Britain's Acme Corp", "Japan's Toyota Motor Corp".
                if view.has(k - 1, .place) || view.has(k - 1, .country) { break }
                k -= 1
                continue
            }
            guard start != nil else { break }
            if view.equals(k, "&") || view.equals(k, "and") {
                // "Standard and Poor's Corp", "Procter and Gamble Co": one partner's name between "and" and the
                // suffix; not "Ford and General Motors Corp", "GM and Chrysler Corp", "Ford Motor and Acme Inc".
                let before = k - 1
                let acronym = view.facts[before].caps == .upper
                let joinsPartner = (view.equals(k, "&") && wordsSinceJoin <= 3)
                    || (wordsSinceJoin == 1 && !acronym && !view.has(before, .orgWord) && !suffixes.contains(view, before))
                guard joinsPartner else { break }
                wordsSinceJoin = 0
                k -= 1
                continue
            }
            if view.equals(k, "of") {
                // "Bank of Boston Corp": "of" after an organisation word only.
                guard view.has(k - 1, .orgWord) else { break }
                wordsSinceJoin = 0
                k -= 1
                continue
            }
            if view.equals(k, ","), andBeforeSuffix, commas == 0 {
                if view.has(k - 1, .place) || view.has(k - 1, .country) { break }
                commas += 1
                wordsSinceJoin = 0
                k -= 1
                continue
            }
            break
        }
        return start
    }
}

extension CueRules {
    /// Company names in sentences written in normal case: every capitalised company suffix with the name
    /// before it (``CompanyNames/nameStart(_:suffix:)``) is one organisation; a word ending in
    /// "corp" ("Citicorp") is an organisation; a suffix alone is never a person or a place; an
    /// organisation's leading "The" is not part of its name; a name the tagger split at "and" before an
    /// organisation word is joined ("Securities and Exchange Commission", "Savings and Loan Association"),
    /// and capitalised organisation words right after an organisation's name belong to it.
    static func applyCompanyNames(_ view: TokenView, labels: inout [UInt8]) {
        let n = view.count
        do {
            var i = 0
            while i < n {
                defer { i += 1 }
                guard !view.facts[i].capsSentence else { continue }
                // "Citicorp" alone (not inside a longer name) is an organisation.
                if CompanyNames.endsInCorp(view, i), labels[i] == 0 || EntityLabel.isBegin(labels[i]) && EntityLabel.type(labels[i]) != 1,
                   i + 1 >= n || labels[i + 1] == 0 || EntityLabel.isBegin(labels[i + 1]) {
                    set(&labels, i..<(i + 1), type: 1)
                }
                guard CompanyNames.isSuffix(view, i), i > 0 else { continue }
                // "Group of Seven", "Company of Players": a suffix followed by "of" is not a legal form.
                if i + 1 < n, view.equals(i + 1, "of") { continue }
                guard let start = CompanyNames.nameStart(view, suffix: i) else { continue }
                var end = i + 1
                // "Acme Corp Ltd", "Acme Holdings Plc": further suffixes belong to the name.
                while end < n, CompanyNames.isSuffix(view, end), !view.facts[end].capsSentence { end += 1 }
                set(&labels, start..<end, type: 1)
                i = end - 1
            }
        }
        // "Moody's Investors Service", "Moody's Investors": a founder's name, its possessive and capitalised
        // business words are one firm (not "Japan's Trade Ministry": a place's possessive is the place's).
        for i in 1..<max(1, n - 1) where view.text.tokens[i].kind == .possessive && CompanyNames.isFirmWord(view, i + 1) {
            let name = i - 1
            guard CompanyNames.isNameWord(view, name), !view.has(name, .place), !view.has(name, .country) else { continue }
            var end = i + 2
            while end < n, CompanyNames.isFirmWord(view, end) { end += 1 }
            if labels[name] != 0, !EntityLabel.isBegin(labels[name]) { continue }
            set(&labels, name..<end, type: 1)
        }
        for span in EntityLabel.spans(labels) {
            let r = span.range
            // A suffix alone is not a person or a place.
            if span.type != 1, r.allSatisfy({ CompanyNames.suffixes.contains(view, $0) || view.text.tokens[$0].kind == .punctuation }) {
                clear(&labels, r)
                continue
            }
            guard span.type == 1 else { continue }
            // "The Bank of England" → "Bank of England".
            if r.count >= 2, view.equals(r.lowerBound, "The") || view.equals(r.lowerBound, "the") {
                set(&labels, (r.lowerBound + 1)..<r.upperBound, type: 1)
                labels[r.lowerBound] = 0
            }
        }
        // "Valley Federal Savings and Loan" + "Association", "Smith" + "Foundation": a name the tagger read as a
        // person or place, followed by a capitalised organisation word or suffix, is that organisation's name.
        for span in EntityLabel.spans(labels) where span.type != 1 && span.range.upperBound < n {
            let e = span.range.upperBound
            guard labels[e] == 0 || labels[e] == EntityLabel.begin(1), CompanyNames.isFirmWord(view, e),
                  !view.isFirst(span.range.lowerBound) || !view.seenLowercase(span.range.lowerBound) else { continue }
            var f = e + 1
            while f < n, labels[f] == EntityLabel.inside(1) { f += 1 }
            set(&labels, span.range.lowerBound..<f, type: 1)
        }
        for span in EntityLabel.spans(labels) where span.type == 1 {
            let r = span.range
            // "Securities and" + "Exchange Commission" → one name; "Loan Association" after "Savings and".
            var start = r.lowerBound
            if r.count == 2, view.has(r.upperBound - 1, .orgWord) || CompanyNames.suffixes.contains(view, r.upperBound - 1),
               start >= 2, view.equals(start - 1, "and"), labels[start - 1] == 0, CompanyNames.isNameWord(view, start - 2),
               view.facts[start - 2].caps != .upper, !(view.isFirst(start - 2) && view.seenLowercase(start - 2)) {
                let before = start - 2
                if labels[before] != 0, EntityLabel.type(labels[before]) == 1 {
                    // "First Federal Savings" + "and" + "Loan Association": one name.
                    var s = before
                    while s > 0, labels[s] == EntityLabel.inside(1) { s -= 1 }
                    start = s
                } else if labels[before] == 0, before == 0 || !(view.isCapitalised(before - 1) && view.text.tokens[before - 1].kind == .word) {
                    start = before
                }
            }
            // "Securities and Exchange" + "Commission": capitalised organisation words after the name (also on
            // the next line: wire copy wraps its lines anywhere).
            var end = r.upperBound
            while end < n, labels[end] == 0, CompanyNames.isNameWord(view, end),
                  view.has(end, .orgWord) || CompanyNames.suffixes.contains(view, end) { end += 1 }
            if start != r.lowerBound || end != r.upperBound { set(&labels, start..<end, type: 1) }
        }
    }
}
