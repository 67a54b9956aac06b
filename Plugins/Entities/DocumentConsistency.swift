/// The document-level pass over the tagger's labels: one type per surface string (majority vote),
/// untagged repeats of a tagged name tagged too, and a person's surname or first name alone taken as that
/// person ("Walker" after "Jackie Walker").
enum DocumentConsistency {
    static func apply(_ view: TokenView, labels: inout [UInt8], teams: Set<UInt64> = []) {
        let n = view.count
        guard n > 0 else { return }
        var spans = EntityLabel.spans(labels)
        // 0. A one-word name that is never a person's (no honorific, not a known first name or surname) and sits
        // in organisation contexts ("campaign group X", "X members", "X's steering group") is an organisation.
        var cues: [UInt64: (org: Int, person: Int)] = [:]
        let oneWord = Set(spans.filter { $0.range.count == 1 }.map { view.lower($0.range.lowerBound) })
        for i in 0..<n where view.isCapitalised(i) && oneWord.contains(view.lower(i)) {
            var c = cues[view.lower(i)] ?? (0, 0)
            if i > 0, view.isLowercase(i - 1), CueWords.orgBefore.contains(view.text.string(i - 1)) { c.org += 1 }
            var next = i + 1
            if next < n, view.text.tokens[next].kind == .possessive { next += 1 }
            if next < n, view.isLowercase(next), CueWords.orgAfter.contains(view.text.string(next)) { c.org += 1 }
            if i > 0, view.isCapitalised(i - 1), CueWords.honorificSet.contains(view.text.string(i - 1).lowercased()) { c.person += 1 }
            if view.has(i, .firstName) || view.has(i, .surname) { c.person += 1 }
            cues[view.lower(i)] = c
        }
        // A place that plays ("Barcelona beat Madrid", "against Porto", "Porto striker X") is a team, unless it is a
        // country: national teams are named as their country, which stays a place.
        var teamCues: [UInt64: Int] = [:]
        let places = Set(spans.filter { $0.range.count == 1 && $0.type == 2 }.map { view.lower($0.range.lowerBound) })
        for i in 0..<n where view.isCapitalised(i) && oneWord.contains(view.lower(i)) && (view.has(i, .place) || places.contains(view.lower(i))) {
            var c = 0
            if i > 0, view.isLowercase(i - 1), CueWords.teamBefore.contains(view.text.string(i - 1)) { c += 1 }
            if i + 1 < n, view.isLowercase(i + 1), CueWords.teamAfter.contains(view.text.string(i + 1)) { c += 1 }
            if c > 0 { teamCues[view.lower(i), default: 0] += c }
        }
        for k in spans.indices where spans[k].range.count == 1 {
            let i = spans[k].range.lowerBound
            guard teamCues[view.lower(i)] != nil else { continue }
            let type = view.has(i, .country) ? 2 : 1
            if spans[k].type != type {
                spans[k].type = type
                CueRules.set(&labels, spans[k].range, type: type)
            }
        }
        for k in spans.indices where spans[k].range.count == 1 && spans[k].type != 1 && !view.has(spans[k].range.lowerBound, .country) {
            // A country's officials are its government's: "U.S. officials" leaves the U.S. a place.
            if let c = cues[view.lower(spans[k].range.lowerBound)], c.org > c.person {
                spans[k].type = 1
                CueRules.set(&labels, spans[k].range, type: 1)
            }
        }
        // A one-word "person" that is a known place and no known name is the place.
        for k in spans.indices where spans[k].range.count == 1 && spans[k].type == 0 {
            let i = spans[k].range.lowerBound
            if view.has(i, .place), !view.has(i, .firstName), !view.has(i, .surname), cues[view.lower(i)].map({ $0.person == 0 }) ?? true {
                spans[k].type = 2
                CueRules.set(&labels, spans[k].range, type: 2)
            }
        }
        // Teams found in results lines are organisations wherever the document names them.
        for k in spans.indices where spans[k].type != 1 && teams.contains(view.key(spans[k].range)) {
            spans[k].type = 1
            CueRules.set(&labels, spans[k].range, type: 1)
        }
        // 1. Majority type per surface.
        var votes: [UInt64: [Int]] = [:]
        for span in spans { votes[view.key(span.range), default: [0, 0, 0]][span.type] += span.range.count }
        func majority(_ key: UInt64) -> Int? {
            guard let v = votes[key] else { return nil }
            let best = v.indices.max { v[$0] < v[$1] || (v[$0] == v[$1] && $0 > $1) }!
            return v[best] > 0 ? best : nil
        }
        for k in spans.indices {
            let key = view.key(spans[k].range)
            if let v = votes[key], let best = majority(key), v[best] > v[spans[k].type] {
                spans[k].type = best
                CueRules.set(&labels, spans[k].range, type: best)
            }
        }
        // 2. Person name parts: surnames (and first names) of full names.
        var surnames: Set<UInt64> = []
        var firstNames: Set<UInt64> = []
        for span in spans where span.type == 0 && span.range.count >= 2 {
            surnames.insert(view.lower(span.range.upperBound - 1))
            firstNames.insert(view.lower(span.range.lowerBound))
        }
        for span in spans where span.range.count == 1 && span.type != 0 {
            let l = view.lower(span.range.lowerBound)
            if surnames.contains(l) { CueRules.set(&labels, span.range, type: 0) }
        }
        // Short forms of organisation names with a legal suffix or organisation word: "Barrick" and
        // "Barrick Gold" after "Barrick Gold Corp"; "Merrill Lynch" after "Merrill Lynch and Co", "Moody's"
        // after "Moody's Investors Service Inc", "Smith Barney" and "Harris Upham" after "Smith Barney,
        // Harris Upham and Co" (``firmShortForms(_:_:)``).
        var shortForms: [UInt64: Int] = [:]
        for span in EntityLabel.spans(labels) where span.type == 1 && span.range.count >= 2 {
            for key in firmShortForms(view, span.range) { shortForms[key] = 1 }
        }
        for span in EntityLabel.spans(labels) where span.type != 1 && span.range.count <= 2 {
            if shortForms[view.key(span.range)] != nil { CueRules.set(&labels, span.range, type: 1) }
        }
        // 3. Untagged repeats of tagged names (capitalised, and not a word the document also uses in lower case).
        var known: [UInt64: Int] = [:]
        var maxLength = 1
        for span in EntityLabel.spans(labels) where view.isCapitalised(span.range.lowerBound) {
            let key = view.key(span.range)
            if let t = majority(key) ?? Optional(span.type) { known[key] = t }
            maxLength = max(maxLength, min(span.range.count, 6))
        }
        for s in surnames { known[GazetteerTable.chain(GazetteerTable.chainSeed, s)] = 0 }
        for (key, type) in shortForms where known[key] == nil { known[key] = type }
        var i = 0
        while i < n {
            guard labels[i] == 0, view.isCapitalised(i) else { i += 1; continue }
            var matched = false
            var length = min(maxLength, n - i)
            while length >= 1 {
                let range = i..<(i + length)
                if range.allSatisfy({ labels[$0] == 0 }), let t = known[view.key(range)] {
                    let single = length == 1
                    let ok = !single || (!view.seenLowercase(i) && view.text.tokens[i].kind == .word
                                         && !view.has(i, .title) && !view.has(i, .calendar))
                    let continues = range.upperBound < n && labels[range.upperBound] != 0 && !EntityLabel.isBegin(labels[range.upperBound])
                    if ok && !continues {
                        CueRules.set(&labels, range, type: t)
                        i = range.upperBound
                        matched = true
                        break
                    }
                }
                length -= 1
            }
            if !matched { i += 1 }
        }
        _ = firstNames
    }
}

extension DocumentConsistency {
    /// Whether token `i` ends a firm's name and may be left off in a short form: a legal suffix or an
    /// organisation word, or what joins partners' names ("and", "&", ",", "'s").
    static func isTail(_ view: TokenView, _ i: Int) -> Bool {
        view.has(i, .orgSuffix) || view.has(i, .orgWord) || CompanyNames.suffixes.contains(view, i)
            || CompanyNames.businessWords.contains(view, i) || isJoin(view, i)
    }

    static func isJoin(_ view: TokenView, _ i: Int) -> Bool {
        view.text.tokens[i].kind == .possessive || view.equals(i, "and") || view.equals(i, "&") || view.equals(i, ",")
    }

    /// The keys of the short forms of organisation name `range` (when it ends in a suffix or organisation
    /// word): the name without its tail, its first word (unless a place, a first name or a word the document
    /// writes in lower case), and each partner's name in a partnership ("Smith Barney", "Harris Upham").
    static func firmShortForms(_ view: TokenView, _ range: Range<Int>) -> [UInt64] {
        var keys = leadingPair(view, range).map { [$0] } ?? []
        keys += tailShortForms(view, range)
        return keys
    }

    /// "Merrill Lynch" after "Merrill Lynch Capital Markets": the first two words of a firm's name of three
    /// or more words, when both are capitalised words (not "Bank of"), neither is a word the document writes
    /// in lower case, and they are no place ("New York Stock Exchange" leaves New York a place).
    static func leadingPair(_ view: TokenView, _ range: Range<Int>) -> UInt64? {
        let first = range.lowerBound
        guard range.count >= 3, view.text.tokens[first + 2].kind == .word,
              (first..<(first + 2)).allSatisfy({ view.text.tokens[$0].kind == .word && view.isCapitalised($0) && !view.seenLowercase($0) }),
              !view.isEntry(first..<(first + 2), .place), !view.isEntry(first..<(first + 2), .country),
              !view.has(first, .place)
        else { return nil }
        return view.key(first..<(first + 2))
    }

    /// The short forms of a name that ends in a suffix or organisation word (see ``firmShortForms(_:_:)``).
    static func tailShortForms(_ view: TokenView, _ range: Range<Int>) -> [UInt64] {
        var end = range.upperBound
        while end > range.lowerBound + 1, isTail(view, end - 1) { end -= 1 }
        guard end < range.upperBound else { return [] }
        let first = range.lowerBound
        guard !view.seenLowercase(first), !view.has(first, .place) else { return [] }
        var keys: [UInt64] = []
        if end - first >= 2 { keys.append(view.key(first..<end)) }
        func oneWordOK(_ i: Int) -> Bool { !view.has(i, .firstName) && !view.has(i, .surname) && !view.has(i, .place) && !view.seenLowercase(i) }
        // "Moody's Investors Service Inc" → "Moody": a firm named for its founder, whatever the name's other uses.
        let founder = first + 1 < range.upperBound && view.text.tokens[first + 1].kind == .possessive
        if founder || !view.has(first, .firstName) { keys.append(view.key(first..<(first + 1))) }
        // "E.F. Hutton Group Inc" → "Hutton": the name after a founder's initials.
        var afterInitials = first
        func isInitials(_ k: Int) -> Bool {
            let t = view.text.tokens[k]
            return t.kind == .word && (view.facts[k].caps == .initial || view.facts[k].caps == .upper)
                && t.byteEnd - t.byteStart <= 6 && view.text.bytes[t.byteEnd - 1] == 0x2E
        }
        while afterInitials < end - 1, isInitials(afterInitials) { afterInitials += 1 }
        if afterInitials > first { keys.append(view.key(afterInitials..<end)) }
        // Partners' names between the joins.
        var partStart = first
        var joined = false
        for k in first...end {
            if k == end || isJoin(view, k) {
                if k < end { joined = true }
                let part = partStart..<k
                if joined || k < end, part.count >= 2 || part.count == 1 && oneWordOK(part.lowerBound) {
                    keys.append(view.key(part))
                }
                partStart = k + 1
            }
        }
        return keys
    }
}
