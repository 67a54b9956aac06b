extension CueRules {
    /// Lines in capitals in a text that otherwise uses normal case — headlines, datelines, table headers,
    /// ticker and futures lines — and a line's opening label in capitals before a colon ("NOTE:",
    /// "CORRECTED:", "UPDATE 2:") name nothing by their case: a PERSON, ORG or LOC there is kept only when
    /// the name is known — a place in the gazetteer, or a name whose every word the document also writes
    /// capitalised in a normal sentence ("NEW YORK" after "New York"). Runs after the dateline rule, whose
    /// places stay. A word mixing letters and digits ("MAY7", "SEP7") is never a name of a person, an
    /// organisation or a place: ``dropTableValues(_:labels:)``; "Class B" (shares) is no name.
    static func dropCapitalLines(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        // A text written in normal case: some words in lower case and some capitalised in normal sentences.
        var lower = 0
        var cased = 0
        for flags in view.documentFlags.values {
            if flags & 1 != 0 { lower += 1 }
            if flags & 2 != 0 { cased += 1 }
            if lower >= 5 && cased >= 3 { break }
        }
        let normalCase = lower >= 5 && cased >= 3
        for span in EntityLabel.spans(labels) {
            let r = span.range
            let first = r.lowerBound
            // "Class A and Class B" shares, "Series C" notes: no names.
            if r.count == 2, view.equals(first, "Class") || view.equals(first, "Series"),
               tokens[first + 1].byteEnd - tokens[first + 1].byteStart == 1 {
                clear(&labels, r)
                continue
            }
            let label = view.facts[first].caps == .upper && r.count == 1 && (first == 0 || tokens[first].afterNewline)
                && first + 1 < tokens.count && view.equals(first + 1, ":")
            let capitalLine = normalCase && view.facts[first].capsSentence
            guard capitalLine || label else { continue }
            if span.type == 2, view.has(first, .place) && r.count == 1 || view.isEntry(r, .place) || view.isEntry(r, .country) { continue }
            let known = r.allSatisfy { k in
                tokens[k].kind != .word || (view.documentFlags[view.lower(k)] ?? 0) & 2 != 0
            }
            if known, !label { continue }
            clear(&labels, r)
        }
    }

    /// Table rows — lines with at least half as many numbers as words, in any text — hold values, not names:
    /// a word in capitals between two figures ("4676  OFF 238", "168.38 UP 1.62"), or any word in capitals in
    /// a row that holds a code mixing letters and digits (a futures or ticker row: "MAY7  4676  OFF 238"), is
    /// no name unless the document writes it capitalised in a normal sentence too or it is a known place. A
    /// word mixing letters and digits ("MAY7") is never a name; nor is a ticker code in brackets ("<F>",
    /// "<RHON.PA>") or an economic indicator's abbreviation ("GDP", "CPI"). Runs last among the cues, after the results
    /// tables rule, which reads any capitalised word before a figure as a team.
    static func dropTableValues(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        var row = [UInt8](repeating: 0, count: view.count)  // 1 table row, 2 table row with a code
        for sentence in view.text.sentences {
            var words = 0
            var numbers = 0
            var code = false
            for k in sentence {
                switch tokens[k].kind {
                case .word: words += 1
                case .number, .money, .percent: numbers += 1
                default: break
                }
                if mixesLettersAndDigits(view, k) { code = true }
            }
            if numbers >= 2, numbers * 2 >= words { for k in sentence { row[k] = code ? 2 : 1 } }
        }
        func isFigure(_ k: Int) -> Bool { k >= 0 && k < tokens.count && [.number, .money, .percent].contains(tokens[k].kind) }
        for span in EntityLabel.spans(labels) {
            let r = span.range
            if r.contains(where: { mixesLettersAndDigits(view, $0) }) {
                clear(&labels, r)
                continue
            }
            let first = r.lowerBound
            if isTicker(view, r) || economicAbbreviations.contains(view, r) {
                clear(&labels, r)
                continue
            }
            guard row[first] != 0, r.allSatisfy({ tokens[$0].kind != .word || view.facts[$0].caps == .upper }) else { continue }
            // The figure before, over the punctuation between columns ("23-7/8, OFF 3/8").
            var previous = first - 1
            while previous >= 0, tokens[previous].kind == .punctuation, !tokens[previous + 1].afterNewline { previous -= 1 }
            let betweenFigures = isFigure(previous) && !tokens[first].afterNewline && !tokens[previous + 1].afterNewline
                && (r.upperBound >= tokens.count || isFigure(r.upperBound) || tokens[r.upperBound].afterNewline)
            guard betweenFigures || row[first] == 2 else { continue }
            if span.type == 2, view.isEntry(r, .place) || view.isEntry(r, .country) || r.count == 1 && view.has(first, .place) { continue }
            if r.allSatisfy({ tokens[$0].kind != .word || (view.documentFlags[view.lower($0)] ?? 0) & 2 != 0 }) { continue }
            clear(&labels, r)
        }
    }

    /// Economic indicators and accounting measures written as abbreviations: no organisations.
    static let economicAbbreviations = WordHashes(["GDP", "GNP", "CPI", "PPI", "EPS", "EBIT", "EBITDA", "NAV", "VAT", "IPO", "M1", "M2", "M3"])

    /// Whether tokens `range` are (part of) a ticker code in brackets written without spaces ("<F>",
    /// "<RHON.PA>", "(NYSE:F)"): a code, not a name.
    static func isTicker(_ view: TokenView, _ range: Range<Int>) -> Bool {
        let tokens = view.text.tokens
        var a = range.lowerBound
        while a > 0, !tokens[a].afterSpace, !view.equals(a - 1, "<"), !view.equals(a - 1, "("), range.lowerBound - a < 4 { a -= 1 }
        guard a > 0, !tokens[a].afterSpace, view.equals(a - 1, "<") || view.equals(a - 1, "(") else { return false }
        var b = range.upperBound
        while b < tokens.count, !tokens[b].afterSpace, !view.equals(b, ">"), !view.equals(b, ")"), b - range.upperBound < 4 { b += 1 }
        guard b < tokens.count, !tokens[b].afterSpace, view.equals(b, ">") || view.equals(b, ")") else { return false }
        // A code: capitals, digits and dots only, no word in lower case.
        return (a..<b).allSatisfy { tokens[$0].kind != .word || view.facts[$0].caps == .upper || view.facts[$0].caps == .initial }
            && (a..<b).contains { tokens[$0].kind == .punctuation || view.equals(a - 1, "<") }
    }

    /// Whether token `i` is a word with both letters and digits ("MAY7", "B2B"), or a word glued to a number
    /// token ("MAY" "7" as the tokeniser may split it).
    static func mixesLettersAndDigits(_ view: TokenView, _ i: Int) -> Bool {
        let tokens = view.text.tokens
        let t = tokens[i]
        if t.kind == .word {
            if i + 1 < tokens.count, !tokens[i + 1].afterSpace, tokens[i + 1].byteStart == t.byteEnd, tokens[i + 1].kind == .number { return true }
            if i > 0, !t.afterSpace, tokens[i - 1].byteEnd == t.byteStart, tokens[i - 1].kind == .number { return true }
        }
        guard t.kind == .word || t.kind == .number else { return false }
        var letters = false
        var digits = false
        for k in t.byteStart..<t.byteEnd {
            let c = view.text.bytes[k]
            if ScalarClass.isDigit(c) { digits = true } else if ScalarClass.isASCIILetter(c) || c >= 0x80 { letters = true }
        }
        return letters && digits
    }
}
