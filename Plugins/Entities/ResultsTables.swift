extension CueRules {
    /// Results tables and score lines ("Barcelona 3 Real Madrid 2", "Leeds 10 4 3 3 12 11 15"): lines of
    /// names and numbers with few lower-case words. A name followed by a score is a team: an organisation,
    /// or the country itself for a national team; "Name (Country) result" in a ranked line is a person.
    @discardableResult
    static func applyResults(_ view: TokenView, labels: inout [UInt8]) -> Set<UInt64> {
        var teams: Set<UInt64> = []
        let tokens = view.text.tokens
        for sentence in view.text.sentences {
            var words = 0, lowerWords = 0, numbers = 0
            for i in sentence {
                switch tokens[i].kind {
                case .word:
                    words += 1
                    if view.isLowercase(i) { lowerWords += 1 }
                case .number, .percent: numbers += 1
                default: break
                }
            }
            guard numbers >= 1, words >= 1, lowerWords * 4 <= words else { continue }
            let ranked = tokens[sentence.lowerBound].kind == .number
            // Score lines name two teams; table rows give one name several numbers.
            var scored = 0
            for k in sentence where k + 1 < sentence.upperBound && tokens[k].kind == .word && view.isCapitalised(k) && tokens[k + 1].kind == .number {
                scored += 1
            }
            let table = scored >= 2 || numbers >= 3
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                guard tokens[i].kind == .word, view.isCapitalised(i) else { i += 1; continue }
                var j = i
                while j < sentence.upperBound, tokens[j].kind == .word, view.isCapitalised(j) || (j > i && isConnector(view, j)) { j += 1 }
                while j > i + 1, isConnector(view, j - 1) { j -= 1 }
                let run = i..<j
                defer { i = max(j, i + 1) }
                guard j < sentence.upperBound else { continue }
                let tagged = (table && !view.seenLowercase(i)) || run.contains { labels[$0] != 0 } || view.isEntry(run, .place)
                if tokens[j].kind == .number, tagged, !PatternRules.isISODate(view.text.string(j)), !view.has(i, .calendar) {
                    if view.isEntry(run, .country) {
                        set(&labels, run, type: 2)
                    } else if run.count >= 2, run.contains(where: { labels[$0] != 0 && EntityLabel.type(labels[$0]) == 0 }) {
                        continue
                    } else if run.count >= 2, view.has(i, .firstName), !view.has(i, .place) {
                        continue
                    } else {
                        set(&labels, run, type: 1)
                        teams.insert(view.key(run))
                    }
                } else if ranked, run.count >= 2, view.text.string(j) == "(", j + 2 < sentence.upperBound, view.isCapitalised(j + 1) {
                    set(&labels, run, type: 0)
                }
            }
        }
        return teams
    }

    static func isConnector(_ view: TokenView, _ i: Int) -> Bool {
        view.equals(i, "de") || view.equals(i, "of") || view.equals(i, "and") || view.equals(i, "&")
    }
}
