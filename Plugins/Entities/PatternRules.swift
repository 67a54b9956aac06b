/// Deterministic rules for DATE, TIME, MONEY, PERCENT, URL, EMAIL, HASHTAG and HANDLE over the tokens.
///
/// - DATE: ISO and numeric dates ("2019-06-28", "28/06/2019"), day–month–year in either order with an
///   optional weekday ("Friday 28 June 2019", "June 28, 2019", "28th June"), month and year ("June 2019"),
///   a weekday, a month name on its own (except "May" and "March", which need a number), a year after a
///   preposition ("in 2019"), decades ("the 1990s"), and "yesterday", "today", "tomorrow", "last week" ….
/// - TIME: "17:43", "5pm", "5.30 p.m.", "10 am", "noon", "midnight".
/// - MONEY: "£3,000", "$5m", "€2 billion", "300 pounds", "50p", and wire-service style ("15 mln dlrs",
///   "1.5 bln dlrs", "300 dlrs", "20 cts", "40 mln stg", "5 billion yen", "15 mln Canadian dlrs").
/// - PERCENT: "-58%", "58 %", "58 per cent", "58 percent", and wire-service "58 pct".
/// - URL, EMAIL, HASHTAG, HANDLE: tokens of those kinds.
enum PatternRules {
    static let months: Set<String> = Set(CueWords.months)
    static let weekdays: Set<String> = Set(CueWords.weekdays)
    static let relativeDays: Set<String> = ["yesterday", "today", "tomorrow", "tonight"]
    static let periods: Set<String> = ["week", "month", "year", "weekend", "decade", "century", "spring", "summer", "autumn", "winter", "fall", "season", "quarter"]
    static let relativeWords: Set<String> = ["last", "next", "this", "past", "previous", "coming"]
    static let yearPrepositions: Set<String> = ["in", "since", "by", "from", "until", "till", "to", "of", "during", "before", "after", "early", "late", "mid", "around", "and", "between"]
    static let magnitudes: Set<String> = ["million", "billion", "trillion", "bn", "m", "k", "thousand", "tn", "mn", "mln", "bln"]
    static let currencies: Set<String> = ["pounds", "pound", "dollars", "dollar", "euros", "euro", "pence", "yen", "yuan", "rupees", "francs", "cents", "sterling",
                                          "dlrs", "dlr", "cts", "ct", "stg"]
    /// Words naming whose currency an amount is, between the magnitude and the currency word ("15 mln
    /// Canadian dlrs", "2 mln U.S. dlrs").
    static let currencyQualifiers: Set<String> = ["u.s.", "us", "canadian", "australian", "singapore", "taiwan", "american"]
    static let meridiem: Set<String> = ["am", "pm", "a.m.", "p.m.", "a.m", "p.m"]

    /// Lower-case hashes of every word the rules compare with.
    static let vocabulary: Set<UInt64> = {
        let words = months.union(weekdays).union(relativeDays).union(periods).union(relativeWords).union(yearPrepositions)
            .union(magnitudes).union(currencies).union(currencyQualifiers).union(meridiem).union(["of", "per", "cent", "%", "percent", "pct", "noon", "midnight", "may", "march", ","])
        return Set(words.map { word in
            let bytes = Array(word.utf8)
            return bytes.withUnsafeBufferPointer { LowerCase.hash($0, 0, bytes.count) }
        })
    }()

    static func mentions(_ view: TokenView) -> [RawMention] {
        let text = view.text
        let n = text.tokens.count
        var out: [RawMention] = []
        // Lower-case strings only for numbers and the rules' own words (found by hash): no String per token,
        // and a cache that holds those tokens only (not a slot for every token of a big document).
        var lowerStrings: [Int: String] = [:]
        func low(_ i: Int) -> String {
            guard i >= 0, i < n else { return "" }
            let t = text.tokens[i]
            guard t.byteEnd - t.byteStart <= 24, t.kind == .number || vocabulary.contains(view.lower(i)) else { return "" }
            if let s = lowerStrings[i] { return s }
            let s = text.string(i).lowercased()
            lowerStrings[i] = s
            return s
        }
        func isNumber(_ i: Int) -> Bool { i < n && text.tokens[i].kind == .number }
        func digitsValue(_ i: Int) -> Int? {
            guard i < n, text.tokens[i].kind == .number, text.tokens[i].byteEnd - text.tokens[i].byteStart <= 6 else { return nil }
            var v = 0
            var any = false
            for k in text.tokens[i].byteStart..<text.tokens[i].byteEnd {
                let c = text.bytes[k]
                if ScalarClass.isDigit(c) { v = v * 10 + Int(c - 0x30); any = true } else { break }
            }
            return any ? v : nil
        }
        func isDay(_ i: Int) -> Bool {
            guard let v = digitsValue(i), v >= 1, v <= 31 else { return false }
            let s = low(i)
            let digits = s.prefix { $0.isNumber }
            let tail = s.dropFirst(digits.count)
            return tail.isEmpty || ["st", "nd", "rd", "th"].contains(tail)
        }
        func isYear(_ i: Int) -> Bool {
            guard let v = digitsValue(i), v >= 1000, v <= 2199 else { return false }
            return text.tokens[i].byteEnd - text.tokens[i].byteStart == 4
        }
        func isMonth(_ i: Int) -> Bool { i < n && view.isCapitalised(i) && months.contains(low(i)) }
        func isComma(_ i: Int) -> Bool { i < n && text.tokens[i].kind == .punctuation && text.bytes[text.tokens[i].byteStart] == 0x2C }

        var i = 0
        while i < n {
            let t = text.tokens[i]
            switch t.kind {
            case .url: out.append(RawMention(range: i..<(i + 1), type: "URL")); i += 1; continue
            case .email: out.append(RawMention(range: i..<(i + 1), type: "EMAIL")); i += 1; continue
            case .hashtag: out.append(RawMention(range: i..<(i + 1), type: "HASHTAG")); i += 1; continue
            case .handle: out.append(RawMention(range: i..<(i + 1), type: "HANDLE")); i += 1; continue
            case .percent: out.append(RawMention(range: i..<(i + 1), type: "PERCENT")); i += 1; continue
            case .money:
                var end = i + 1
                if end < n, magnitudes.contains(low(end)) { end += 1 }
                out.append(RawMention(range: i..<end, type: "MONEY"))
                i = end
                continue
            default: break
            }
            // DATE: weekday? day? month day? (,)? year?
            var j = i
            var isDate = false
            if j < n, view.isCapitalised(j), weekdays.contains(low(j)) {
                j += 1
                isDate = true
                if isComma(j), isDay(j + 1) || isMonth(j + 1) { j += 1 }
            }
            if isDay(j), isMonth(j + 1) || (j + 2 < n && low(j + 1) == "of" && isMonth(j + 2)) {
                j += low(j + 1) == "of" ? 3 : 2
                isDate = true
                if isComma(j), isYear(j + 1) { j += 1 }
                if isYear(j) { j += 1 }
            } else if isMonth(j) {
                let ambiguous = low(j) == "may" || low(j) == "march"
                if isDay(j + 1) {
                    j += 2
                    isDate = true
                    if isComma(j), isYear(j + 1) { j += 2 } else if isYear(j) { j += 1 }
                } else if isYear(j + 1) {
                    j += 2
                    isDate = true
                } else if !ambiguous, !isDate {
                    j += 1
                    isDate = true
                }
            }
            if isDate {
                out.append(RawMention(range: i..<j, type: "DATE"))
                i = j
                continue
            }
            if t.kind == .number {
                let s = low(i)
                // ISO and numeric dates.
                if isISODate(s) {
                    out.append(RawMention(range: i..<(i + 1), type: "DATE"))
                    i += 1
                    continue
                }
                // Times.
                if isClock(s) {
                    var end = i + 1
                    if end < n, meridiem.contains(low(end)) { end += 1 }
                    out.append(RawMention(range: i..<end, type: "TIME"))
                    i = end
                    continue
                }
                if let tail = timeTail(s) {
                    _ = tail
                    out.append(RawMention(range: i..<(i + 1), type: "TIME"))
                    i += 1
                    continue
                }
                if digitsValue(i).map({ $0 >= 1 && $0 <= 12 }) == true, i + 1 < n, meridiem.contains(low(i + 1)) {
                    out.append(RawMention(range: i..<(i + 2), type: "TIME"))
                    i += 2
                    continue
                }
                // Percentages written out or split.
                if i + 1 < n, low(i + 1) == "%" || low(i + 1) == "percent" || low(i + 1) == "pct" {
                    out.append(RawMention(range: i..<(i + 2), type: "PERCENT"))
                    i += 2
                    continue
                }
                if i + 2 < n, low(i + 1) == "per", low(i + 2) == "cent" {
                    out.append(RawMention(range: i..<(i + 3), type: "PERCENT"))
                    i += 3
                    continue
                }
                // Amounts with a currency word: "300 pounds", "5 million dollars", "50p".
                var end = i + 1
                if end < n, magnitudes.contains(low(end)) { end += 1 }
                if end + 1 < n, currencyQualifiers.contains(low(end)), currencies.contains(low(end + 1)) { end += 1 }
                if end < n, currencies.contains(low(end)) {
                    out.append(RawMention(range: i..<(end + 1), type: "MONEY"))
                    i = end + 1
                    continue
                }
                if s.count >= 2, s.hasSuffix("p"), s.dropLast().allSatisfy(\.isNumber) {
                    out.append(RawMention(range: i..<(i + 1), type: "MONEY"))
                    i += 1
                    continue
                }
                // Years after a preposition, decades.
                if isYear(i), i > 0, yearPrepositions.contains(low(i - 1)) {
                    out.append(RawMention(range: i..<(i + 1), type: "DATE"))
                    i += 1
                    continue
                }
                if s.count == 5, s.hasSuffix("s"), s.prefix(4).allSatisfy(\.isNumber) || s.hasSuffix("0s") && s.count == 3 {
                    out.append(RawMention(range: i..<(i + 1), type: "DATE"))
                    i += 1
                    continue
                }
            }
            if t.kind == .word {
                let s = low(i)
                if relativeDays.contains(s) {
                    out.append(RawMention(range: i..<(i + 1), type: "DATE"))
                    i += 1
                    continue
                }
                if s == "noon" || s == "midnight" {
                    out.append(RawMention(range: i..<(i + 1), type: "TIME"))
                    i += 1
                    continue
                }
                if relativeWords.contains(s), i + 1 < n, periods.contains(low(i + 1)) || (view.isCapitalised(i + 1) && weekdays.contains(low(i + 1))) {
                    out.append(RawMention(range: i..<(i + 2), type: "DATE"))
                    i += 2
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// "2019-06-28", "28/06/2019", "06/28/19".
    static func isISODate(_ s: String) -> Bool {
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return false }
        let lengths = parts.map(\.count)
        return lengths == [4, 2, 2] || (lengths[0] <= 2 && lengths[1] <= 2 && (lengths[2] == 4 || lengths[2] == 2))
            && s.contains("/")
    }

    /// "17:43", "9:05:30" with valid hours and minutes.
    static func isClock(_ s: String) -> Bool {
        let parts = s.split(separator: ":")
        guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return false }
        return h < 24 && m < 60 && parts[1].count == 2
    }

    /// "5pm", "10am", "5.30pm": the meridiem tail, when the token is a time.
    static func timeTail(_ s: String) -> String? {
        guard s.hasSuffix("am") || s.hasSuffix("pm") else { return nil }
        let head = s.dropLast(2)
        let parts = head.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: ":", omittingEmptySubsequences: false) }
        guard !parts.isEmpty, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), h >= 1, h <= 12 else { return nil }
        if parts.count == 2 { guard parts[1].count == 2, let m = Int(parts[1]), m < 60 else { return nil } }
        return String(s.suffix(2))
    }
}
