extension CueRules {
    /// Datelines: a place in capitals opening a line and followed by a date, "(Reuters)", a dash (known
    /// places only) or a comma and another place ("MADRID 1996-12-06", "LONDON (Reuters) -", "AL-AIN , United Arab Emirates 1996-12-06").
    static func applyDatelines(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        for sentence in view.text.sentences where sentence.count >= 2 {
            var i = sentence.lowerBound
            var places: [Range<Int>] = []
            while i < sentence.upperBound {
                var j = i
                while j < sentence.upperBound, tokens[j].kind == .word, view.facts[j].caps == .upper || view.facts[j].caps == .initial || (places.count > 0 && view.isCapitalised(j)) { j += 1 }
                guard j > i, j < sentence.upperBound, j - i <= 4 else { break }
                places.append(i..<j)
                let next = view.text.string(j)
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
