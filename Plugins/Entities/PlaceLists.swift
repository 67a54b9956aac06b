extension CueRules {
    /// Places the layout or a list shows: a place name wrapped over two lines ("the United\nStates": wire
    /// copy breaks its lines anywhere, and every line is a sentence to the tagger) is one place when the
    /// words together are a gazetteer place or country; and a one-word name the tagger read as a person but
    /// the gazetteer knows as a place, listed with places ("London, Paris and Bonn") or after "the", "in" or
    /// "near" ("the Gulf", "in Bonn") and never a word of a full name the document gives, is a place; so is
    /// one that is no known first name and never follows an honorific ("Bonn said"), and any lone "person"
    /// after a lower-case "the" and before punctuation ("the Gulf.", not "the Reagan administration").
    static func applyPlaceLists(_ view: TokenView, labels: inout [UInt8]) {
        let n = view.count
        let tokens = view.text.tokens
        func isWord(_ i: Int) -> Bool { i >= 0 && i < n && tokens[i].kind == .word && view.isCapitalised(i) }
        for i in 1..<max(1, n) where tokens[i].afterNewline && isWord(i) && isWord(i - 1) {
            var best: Range<Int>?
            for start in stride(from: i - 1, through: max(0, i - 2), by: -1) where isWord(start) {
                for end in (i + 1)...min(n, i + 2) where (start..<end).allSatisfy(isWord) {
                    let r = start..<end
                    if view.isEntry(r, .place) || view.isEntry(r, .country) { best = r }
                }
            }
            if let r = best, !(labels[r.lowerBound] != 0 && EntityLabel.type(labels[r.lowerBound]) == 2 && r.dropFirst().allSatisfy({ labels[$0] == EntityLabel.inside(2) })) {
                set(&labels, r, type: 2)
            }
        }
        let spans = EntityLabel.spans(labels)
        // "the Gulf", "the Bonn government", "in Bonn": a known place after "the" or "in" is no person.
        var places: Set<UInt64> = []
        let fullNames = Set(spans.filter { $0.type == 0 && $0.range.count >= 2 }.flatMap { [view.lower($0.range.lowerBound), view.lower($0.range.upperBound - 1)] })
        // A person is not "the X." either: a lone capitalised word after a lower-case "the" and before
        // punctuation ("the Gulf.", "the Rhine,") is a place when no cue made it a firm, known or not.
        // A known place read as a lone person, never with an honorific and never a word of a full name the
        // document gives (nor a first name), is the place ("Bonn said", "Bonn and Tokyo"): news introduces a
        // person by full name before the surname stands alone.
        var honoured: Set<UInt64> = []
        for span in spans where span.type == 0 {
            let i = span.range.lowerBound
            if i > 0, CueWords.honorificSet.contains(view.text.string(i - 1).lowercased()) { honoured.insert(view.lower(i)) }
        }
        for span in spans where span.type == 0 && span.range.count == 1 {
            let i = span.range.lowerBound
            guard i > 0, !fullNames.contains(view.lower(i)), !honoured.contains(view.lower(i)) else { continue }
            // ("the Reagan administration", "the Reagan Administration": a name before a word is a modifier.)
            if view.equals(i - 1, "the") {
                if i + 1 >= view.count || tokens[i + 1].kind != .word && tokens[i + 1].kind != .possessive { places.insert(view.lower(i)) }
                continue
            }
            guard view.has(i, .place) else { continue }
            if view.equals(i - 1, "in") || view.equals(i - 1, "near") || !view.has(i, .firstName) { places.insert(view.lower(i)) }
        }
        if !places.isEmpty {
            for span in spans where span.type == 0 && span.range.count == 1 && places.contains(view.lower(span.range.lowerBound)) {
                set(&labels, span.range, type: 2)
            }
        }
        for (index, span) in spans.enumerated() where span.type == 0 && span.range.count == 1 {
            let i = span.range.lowerBound
            guard view.has(i, .place) else { continue }
            func isListed(_ other: Int) -> Bool {
                guard other >= 0, other < spans.count, spans[other].type == 2 else { return false }
                let between = other < index ? spans[other].range.upperBound..<i : span.range.upperBound..<spans[other].range.lowerBound
                return between.count == 1 && (view.equals(between.lowerBound, ",") || view.equals(between.lowerBound, "and"))
                    || between.count == 2 && view.equals(between.lowerBound, ",") && view.equals(between.lowerBound + 1, "and")
            }
            if isListed(index - 1) || isListed(index + 1) { set(&labels, span.range, type: 2) }
        }
    }

    /// Holidays and feasts named in news copy.
    static let holidays = WordHashes(["Easter", "Christmas", "Thanksgiving", "Ramadan", "Passover", "Hanukkah", "Diwali", "Eid", "Pentecost", "Whitsun", "Lent", "Advent"])

    /// A month's or a holiday's name alone read as a person ("sold May" in a commodity report, "before
    /// Easter") is no person unless the document names someone in full with it as surname ("Theresa May").
    static func dropMonthPersons(_ view: TokenView, labels: inout [UInt8]) {
        let spans = EntityLabel.spans(labels)
        for span in spans where span.type == 0 && span.range.count == 1
            && (view.has(span.range.lowerBound, .calendar) || holidays.contains(view, span.range.lowerBound)) {
            let l = view.lower(span.range.lowerBound)
            let surname = spans.contains { $0.type == 0 && $0.range.count >= 2 && view.lower($0.range.upperBound - 1) == l }
            if !surname { clear(&labels, span.range) }
        }
    }
}
