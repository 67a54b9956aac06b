/// The states of the United States and the provinces and territories of Canada as wire copy writes them after
/// a city: the full name, the AP Stylebook abbreviation ("Calif.", "Conn.", "N.J.", "Ont."), older agency
/// forms ("Tex.", "Penn.", "Wisc.") and the two-letter postal code ("PA", "TX", "ON"). A closed list: every
/// entry is a first-level division of one of the two countries, spelt as US and Canadian newsrooms spell it.
enum StatePlaces {
    /// Full name, then every written form other than the postal code (dots of a trailing period left off:
    /// the tokeniser splits "Calif." into "Calif" and "."), then the postal code.
    static let table: [(name: String, forms: [String], postal: String)] = [
        ("Alabama", ["Ala"], "AL"), ("Alaska", [], "AK"), ("Arizona", ["Ariz"], "AZ"), ("Arkansas", ["Ark"], "AR"),
        ("California", ["Calif", "Cal"], "CA"), ("Colorado", ["Colo"], "CO"), ("Connecticut", ["Conn"], "CT"),
        ("Delaware", ["Del"], "DE"), ("District of Columbia", ["D.C."], "DC"), ("Florida", ["Fla"], "FL"),
        ("Georgia", ["Ga"], "GA"), ("Hawaii", [], "HI"), ("Idaho", [], "ID"), ("Illinois", ["Ill"], "IL"),
        ("Indiana", ["Ind"], "IN"), ("Iowa", [], "IA"), ("Kansas", ["Kan", "Kans"], "KS"), ("Kentucky", ["Ky"], "KY"),
        ("Louisiana", ["La"], "LA"), ("Maine", [], "ME"), ("Maryland", ["Md"], "MD"), ("Massachusetts", ["Mass"], "MA"),
        ("Michigan", ["Mich"], "MI"), ("Minnesota", ["Minn"], "MN"), ("Mississippi", ["Miss"], "MS"),
        ("Missouri", ["Mo"], "MO"), ("Montana", ["Mont"], "MT"), ("Nebraska", ["Neb", "Nebr"], "NE"),
        ("Nevada", ["Nev"], "NV"), ("New Hampshire", ["N.H."], "NH"), ("New Jersey", ["N.J."], "NJ"),
        ("New Mexico", ["N.M.", "N.Mex"], "NM"), ("New York", ["N.Y."], "NY"), ("North Carolina", ["N.C."], "NC"),
        ("North Dakota", ["N.D.", "N.Dak"], "ND"), ("Ohio", [], "OH"), ("Oklahoma", ["Okla"], "OK"),
        ("Oregon", ["Ore", "Oreg"], "OR"), ("Pennsylvania", ["Pa", "Penn", "Penna"], "PA"), ("Rhode Island", ["R.I."], "RI"),
        ("South Carolina", ["S.C."], "SC"), ("South Dakota", ["S.D.", "S.Dak"], "SD"), ("Tennessee", ["Tenn"], "TN"),
        ("Texas", ["Tex"], "TX"), ("Utah", [], "UT"), ("Vermont", ["Vt"], "VT"), ("Virginia", ["Va"], "VA"),
        ("Washington", ["Wash"], "WA"), ("West Virginia", ["W.Va", "W. Va"], "WV"), ("Wisconsin", ["Wis", "Wisc"], "WI"),
        ("Wyoming", ["Wyo"], "WY"),
        ("Alberta", ["Alta"], "AB"), ("British Columbia", ["B.C."], "BC"), ("Manitoba", ["Man"], "MB"),
        ("New Brunswick", ["N.B."], "NB"), ("Newfoundland", ["Nfld", "Newfoundland and Labrador"], "NL"),
        ("Nova Scotia", ["N.S."], "NS"), ("Ontario", ["Ont"], "ON"), ("Prince Edward Island", ["P.E.I."], "PE"),
        ("Quebec", ["Que"], "QC"), ("Saskatchewan", ["Sask"], "SK"), ("Northwest Territories", ["N.W.T."], "NT"),
        ("Nunavut", [], "NU"), ("Yukon", ["Y.T."], "YT"),
    ]

    /// Full names and written abbreviations (capitalised in the text).
    static let written = WordHashes(table.flatMap { [$0.name] + $0.forms })
    /// Two-letter postal codes (all capitals in the text).
    static let postal = WordHashes(table.map(\.postal))

    /// Chained lower-case key of every form (postal codes included) → the full name.
    static let fullNames: [UInt64: String] = {
        var out: [UInt64: String] = [:]
        for entry in table {
            for form in [entry.name, entry.postal] + entry.forms {
                let text = TokenizedText(text: form)
                var key = GazetteerTable.chainSeed
                for hash in LowerCase.tokenHashes(text) { key = GazetteerTable.chain(key, hash) }
                out[key] = entry.name
            }
        }
        return out
    }()

    /// The full name of the state or province tokens `range` write, if they are one of the listed forms.
    static func fullName(_ view: TokenView, _ range: Range<Int>) -> String? { fullNames[view.key(range)] }

    /// The length in tokens of a state or province form starting at `i` (0 when none): a written form
    /// capitalised, or a postal code in capitals.
    static func match(_ view: TokenView, at i: Int, end: Int) -> Int {
        guard i < end, view.text.tokens[i].kind == .word, view.isCapitalised(i) else { return 0 }
        for length in stride(from: min(written.maxTokens, end - i), through: 1, by: -1) {
            let range = i..<(i + length)
            guard range.allSatisfy({ view.isCapitalised($0) || view.equals($0, "of") || view.equals($0, "and") }) else { continue }
            if written.contains(view, range) { return length }
        }
        let t = view.text.tokens[i]
        if t.byteEnd - t.byteStart == 2, view.facts[i].caps == .upper, postal.contains(view, i) { return 1 }
        return 0
    }
}

extension CueRules {
    /// "CARROLLTON, Texas", "SUFFIELD, Conn.", "IRVINE, Calif.", "Wilmington, Del.", "ERIE, PA": a run of
    /// capitalised words, a comma and a US state or Canadian province (``StatePlaces``) are a city and its
    /// state, both places. The state form must end the phrase — punctuation, a line end or a lower-case word
    /// follow, not another capitalised word ("Jackson, Miss Smith", "Dallas, Texas Instruments" are not
    /// places so) — and the city run holds no company suffix or organisation word and does not start with a
    /// sentence's first word the document also writes in lower case ("In Dallas, Texas" → "Dallas").
    static func applyStatePlaces(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        for sentence in view.text.sentences where sentence.count >= 3 {
            var c = sentence.lowerBound + 1
            while c + 1 < sentence.upperBound {
                defer { c += 1 }
                guard tokens[c].kind == .punctuation, view.equals(c, ","), view.isCapitalised(c - 1) else { continue }
                let length = StatePlaces.match(view, at: c + 1, end: sentence.upperBound)
                guard length > 0 else { continue }
                let state = (c + 1)..<(c + 1 + length)
                if state.upperBound < tokens.count, tokens[state.upperBound].kind == .word, view.isCapitalised(state.upperBound),
                   !tokens[state.upperBound].afterNewline { continue }
                // The city: up to three capitalised words before the comma, on the same line.
                var start = c
                while start > sentence.lowerBound, c - start < 3, tokens[start - 1].kind == .word, view.isCapitalised(start - 1) {
                    let k = start - 1
                    if view.has(k, .orgSuffix) || view.has(k, .orgWord) || CompanyNames.suffixes.contains(view, k) || view.has(k, .calendar) { break }
                    if view.isFirst(k), view.seenLowercase(k) { break }
                    if CueWords.honorificSet.contains(view.text.string(k).lowercased()) { break }
                    start = k
                    if tokens[k].afterNewline { break }
                }
                guard start < c else { continue }
                set(&labels, start..<c, type: 2)
                set(&labels, state, type: 2)
            }
        }
    }
}
