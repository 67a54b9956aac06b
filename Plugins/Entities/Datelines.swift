extension CueRules {
    /// Datelines: a place in capitals opening a line and followed by a date, "(Reuters)", a dash (known
    /// places only) or a comma and another place ("MADRID 1996-12-06", "LONDON (Reuters) -", "AL-AIN , United Arab Emirates 1996-12-06"),
    /// and the wire form with a month and day before the dash, at the start of a line: "SALVADOR, Feb 26 -",
    /// "SALVADOR, Brazil, March 2 -", "LONDON, March 2 (Reuters) -". A month name never extends the place.
    static func applyDatelines(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        for sentence in view.text.sentences where sentence.count >= 2 {
            let opensLine = sentence.lowerBound == 0 || tokens[sentence.lowerBound].afterNewline
            /// Whether a ", Month Day -" (or "… (") dateline tail starts at comma `c`.
            func monthDayTail(_ c: Int) -> Bool {
                guard opensLine, c + 3 < sentence.upperBound, view.text.string(c) == ",", view.has(c + 1, .calendar),
                      view.isCapitalised(c + 1), tokens[c + 2].kind == .number, tokens[c + 2].byteEnd - tokens[c + 2].byteStart <= 2 else { return false }
                let after = view.text.string(c + 3)
                return after == "-" || after == "–" || after == "—" || after == "("
            }
            var i = sentence.lowerBound
            var places: [Range<Int>] = []
            while i < sentence.upperBound {
                var j = i
                while j < sentence.upperBound, tokens[j].kind == .word, !view.has(j, .calendar) || j == i && places.isEmpty,
                      view.facts[j].caps == .upper || view.facts[j].caps == .initial || (places.count > 0 && view.isCapitalised(j)) { j += 1 }
                guard j > i, j < sentence.upperBound, j - i <= 4 else { break }
                places.append(i..<j)
                let next = view.text.string(j)
                if next == ",", places.count <= 2, monthDayTail(j) {
                    for run in places where !view.has(run.lowerBound, .calendar) { set(&labels, run, type: 2) }
                    break
                }
                if next == ",", places.count == 1 { i = j + 1; continue }
                let dated = tokens[j].kind == .number && (PatternRules.isISODate(next) || view.has(j, .calendar))
                // A dash also follows a subject in headlines ("SOCCER - JAPAN WIN"): only a known place opens a dateline so.
                let dash = next == "-" || next == "–" || next == "—"
                let known = places.allSatisfy { view.isEntry($0, .place) }
                if dated || next == "(" || view.has(j, .calendar) || (dash && known) {
                    for run in places where !view.has(run.lowerBound, .calendar) { set(&labels, run, type: 2) }
                }
                break
            }
        }
    }
}
