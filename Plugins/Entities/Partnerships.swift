extension CueRules {
    /// Lower-case words right before a partnership's name that show it is a firm ("privately-held Wagner
    /// and Brown", "brokerage Donaldson, Lufkin and Jenrette"), beside ``CueWords/firmBefore`` and ``CueWords/orgBefore``.
    static let partnershipBefore: Set<String> = ["privately-held", "privately", "held", "investment", "law", "accounting", "accountants"]

    /// Firms named for their partners, as wire copy writes them without a suffix: "Donaldson, Lufkin and
    /// Jenrette", "Merrill Lynch, Pierce, Fenner and Smith", also with a comma before "and" (three or more partners, at least one of them no
    /// known first name or surname: people are not listed by bare surnames), "Johnson & Higgins" (an
    /// ampersand), and "Wagner and Brown" after a firm word ("privately-held", "brokerage"). Each partner is
    /// a capitalised word (two for a part before a comma), untagged or read as a person, and no place,
    /// suffix, title or word of a full name the document gives a person ("Baker, Volcker and Miller" after
    /// "James Baker" stays three people); a capitalised word after the last partner makes it another name
    /// ("Smith and Jones Corp" is the company rules'). The whole name becomes one organisation, and so does
    /// every other mention of it in the document. Partners before a comma that a company name with a join
    /// leaves out ("Donaldson, Lufkin and Jenrette Securities Corp") join it.
    static func applyPartnerships(_ view: TokenView, labels: inout [UInt8]) {
        let n = view.count
        guard n > 2 else { return }
        let tokens = view.text.tokens
        // Most documents name no partnership: nothing to do without a capitalised word before a join.
        guard (1..<(n - 1)).contains(where: { (view.equals($0, "and") || view.equals($0, "&")) && view.isCapitalised($0 + 1) }) else { return }
        var nameWords: Set<UInt64> = []
        for span in EntityLabel.spans(labels) where span.type == 0 && span.range.count >= 2 {
            for k in span.range where tokens[k].kind == .word { nameWords.insert(view.lower(k)) }
        }
        func isPart(_ k: Int, strict: Bool = true) -> Bool {
            guard k >= 0, k < n, tokens[k].kind == .word, view.isCapitalised(k), view.facts[k].caps != .upper else { return false }
            // Untagged, or read as a person or (not in the gazetteer) a place: not already a firm.
            if labels[k] != 0 && EntityLabel.type(labels[k]) == 1 { return false }
            // A partner of a suffixed firm's name may share its name with a town ("Donaldson, Lufkin and Jenrette Securities Corp").
            if (strict && view.has(k, .place)) || view.has(k, .country) || view.has(k, .calendar) || view.has(k, .title) { return false }
            if view.has(k, .orgSuffix) || view.has(k, .orgWord) || CompanyNames.suffixes.contains(view, k) { return false }
            if view.equals(k, "The") || CueWords.honorificSet.contains(view.text.string(k).lowercased()) { return false }
            return !strict || !nameWords.contains(view.lower(k))
        }
        func isFirm(_ k: Int) -> Bool { k >= 0 && k < n && labels[k] != 0 && EntityLabel.type(labels[k]) == 1 }
        func isLowerWord(_ k: Int, in set: Set<String>) -> Bool {
            k >= 0 && k < n && view.isLowercase(k) && set.contains(view.text.string(k))
        }
        var firms: Set<UInt64> = []
        var firmLengths: [Int] = []
        for i in 1..<(n - 1) where (view.equals(i, "and") || view.equals(i, "&")) && isPart(i + 1) {
            if i + 2 < n, tokens[i + 2].kind == .word, view.isCapitalised(i + 2) { continue }
            // An Oxford comma before the join: "Donaldson, Lufkin, and Jenrette".
            let oxford = i >= 3 && view.equals(i - 1, ",") && isPart(i - 2) && view.equals(i - 3, ",")
            guard isPart(i - 1) || oxford else { continue }
            // Walk left over "Part, Part, … Part": one word right before the join, one or two before each comma.
            var start = oxford ? i - 2 : i - 1
            var parts = 2
            while start - 2 >= 0, view.equals(start - 1, ","), isPart(start - 2) {
                start -= 2
                if isPart(start - 1) { start -= 1 }
                parts += 1
            }
            let range = start..<(i + 2)
            let partWords = range.filter { tokens[$0].kind == .word && !view.equals($0, "and") }
            let unknownName = partWords.contains { !view.has($0, .firstName) && !view.has($0, .surname) }
            let ampersand = view.equals(i, "&")
            // "AFG Industries Inc and Wagner and Brown", "Wagner and Brown and AFG": a pair joined by "and" that is
            // itself one member of a list with a firm (a list of three joins its first two with a comma).
            let withFirm = (parts == 2 && !ampersand) && (
                (i + 3 < n && view.equals(i + 2, "and") && isFirm(i + 3) && EntityLabel.isBegin(labels[i + 3]))
                    || (start >= 2 && view.equals(start - 1, "and") && isFirm(start - 2)))
            let cue = isLowerWord(start - 1, in: CueWords.firmBefore) || isLowerWord(start - 1, in: CueWords.orgBefore)
                || isLowerWord(start - 1, in: partnershipBefore) || withFirm
            guard (parts >= 3 && unknownName) || ampersand || cue else { continue }
            // Not a partner list that another name continues ("Smith, Jones and Brown of X" is fine; "Kohl, …" after a capital is not).
            if start > 0, tokens[start - 1].kind == .word, view.isCapitalised(start - 1) { continue }
            set(&labels, range, type: 1)
            firms.insert(view.key(range))
            firmLengths.append(range.count)
        }
        // "Donaldson, Lufkin and Jenrette Securities Corp": partners before a comma that the company rules
        // left out of a firm's name that has a join in it belong to the name.
        // So do "Harcourt, Wenlow and" before "Pribble Securities Corp": a comma list of partners ending in a join.
        for span in EntityLabel.spans(labels) where span.type == 1 {
            var start = span.range.lowerBound
            var parts = 0
            let joined = span.range.contains { view.equals($0, "and") || view.equals($0, "&") }
            // The firm's name ends in a suffix: its partners may be words the document also reads as a person's
            // ("Merrill Lynch, Pierce, Fenner and Smith Inc").
            if !joined, start >= 3, view.equals(start - 1, "and") || view.equals(start - 1, "&"), isPart(start - 2, strict: false), view.equals(start - 3, ",") {
                start -= 2
                parts = 1
            } else if !joined {
                continue
            }
            while start - 2 >= 0, view.equals(start - 1, ","), isPart(start - 2, strict: false) {
                start -= 2
                if isPart(start - 1, strict: false) { start -= 1 }
                parts += 1
            }
            // "Merrill Lynch Pierce, Fenner and Smith Inc": the first part may have a third word.
            if parts >= 1, start < span.range.lowerBound, isPart(start - 1, strict: false), !view.equals(start, ","),
               start - 1 == 0 || !(tokens[start - 2].kind == .word && view.isCapitalised(start - 2)) {
                start -= 1
            }
            guard start < span.range.lowerBound, joined || parts >= 2,
                  start == 0 || !(tokens[start - 1].kind == .word && view.isCapitalised(start - 1)) else { continue }
            let range = start..<span.range.upperBound
            set(&labels, range, type: 1)
            firms.insert(view.key(range))
            firmLengths.append(range.count)
        }
        guard !firms.isEmpty else { return }
        // Every other mention of the same words, however the tagger split it ("Kessler and Vance said").
        let lengths = Set(firmLengths)
        var k = 0
        while k < n {
            var matched = 0
            for length in lengths.sorted(by: >) where k + length <= n && firms.contains(view.key(k..<(k + length))) {
                matched = length
                break
            }
            if matched > 0, !(k..<(k + matched)).allSatisfy({ labels[$0] != 0 && EntityLabel.type(labels[$0]) == 1 }) {
                set(&labels, k..<(k + matched), type: 1)
            }
            k += max(matched, 1)
        }
    }
}
