import Foundation

/// Turns the dates pages and datelines carry into ISO 8601: `2019-06-28`, `2019-06-28T17:43:00`, or with a
/// zone `2019-06-28T17:43:00+01:00` / `…Z`. Unknown zones are left off rather than guessed.
public enum DateParsing {
    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5, "jun": 6,
        "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
        "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]
    static let weekdays: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday",
        "sat", "saturday", "sun", "sunday",
    ]
    /// Fixed-offset zone names, in minutes east of UTC.
    static let zones: [String: Int] = [
        "z": 0, "utc": 0, "gmt": 0, "bst": 60, "cet": 60, "cest": 120, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "ist": 330, "aest": 600, "aedt": 660, "jst": 540,
    ]

    /// An ISO 8601 rendering of `text`, or `nil` when it holds no recognisable date.
    public static func iso8601(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let iso = parseISO(trimmed) { return iso }
        return parseWords(trimmed, requireWholeLine: false)
    }

    /// A date from a URL path such as `/2019/06/28/` or `/2019-06-28-`.
    public static func fromURL(_ url: String) -> String? {
        let parts = url.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "_" }).map(String.init)
        guard parts.count >= 3 else { return nil }
        for i in 0..<(parts.count - 2) {
            guard parts[i].count == 4, let year = Int(parts[i]), (1990...2100).contains(year),
                  parts[i + 1].count <= 2, let month = Int(parts[i + 1]), (1...12).contains(month),
                  parts[i + 2].count <= 2, let day = Int(parts[i + 2]), (1...31).contains(day)
            else { continue }
            return date(year, month, day)
        }
        return nil
    }

    /// A dateline: a line that is only a date with optional weekday, time and zone
    /// ("Friday 28 June 2019 17:43, UK", "Updated: June 28, 2019 5:43 pm ET"). `nil` for anything else.
    public static func dateline(_ line: String) -> String? {
        var text = line.trimmingCharacters(in: .whitespaces)
        for prefix in ["updated:", "updated", "published:", "published", "posted:", "posted", "last updated:", "last updated", "first published:", "first published"] {
            if text.lowercased().hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        guard text.count <= 60 else { return nil }
        if let iso = parseISO(text) { return iso }
        return parseWords(text, requireWholeLine: true)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        "\(year)-\(two(month))-\(two(day))"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`
    static func parseISO(_ text: String) -> String? {
        let chars = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= chars.count else { return nil }
            var value = 0
            for i in start..<(start + count) {
                guard chars[i] >= 0x30, chars[i] <= 0x39 else { return nil }
                value = value * 10 + Int(chars[i] - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), chars.count >= 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
              let month = number(5, 2), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day), (1900...2100).contains(year)
        else { return nil }
        var result = date(year, month, day)
        guard chars.count >= 16, chars[10] == UInt8(ascii: "T") || chars[10] == 0x20, let hour = number(11, 2), chars[13] == UInt8(ascii: ":"),
              let minute = number(14, 2), hour < 24, minute < 60
        else { return result }
        var index = 16
        var second = 0
        if index + 3 <= chars.count, chars[index] == UInt8(ascii: ":"), let s = number(index + 1, 2) {
            second = min(s, 59)
            index += 3
            if index < chars.count, chars[index] == UInt8(ascii: ".") {
                index += 1
                while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39 { index += 1 }
            }
        }
        result += "T\(two(hour)):\(two(minute)):\(two(second))"
        guard index < chars.count else { return result }
        if chars[index] == UInt8(ascii: "Z") { return result + "Z" }
        if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
            if let h = number(index + 1, 2) {
                var m = 0
                if let mm = number(index + 4, 2), index + 3 < chars.count, chars[index + 3] == UInt8(ascii: ":") { m = mm }
                else if let mm = number(index + 3, 2) { m = mm }
                return result + offset(sign * (h * 60 + m))
            }
        }
        return result
    }

    static func offset(_ minutes: Int) -> String {
        if minutes == 0 { return "Z" }
        let sign = minutes < 0 ? "-" : "+"
        let value = abs(minutes)
        return "\(sign)\(two(value / 60)):\(two(value % 60))"
    }

    /// Dates written in words: "28 June 2019", "June 28, 2019", "Fri, 28 Jun 2019 17:43:00 GMT",
    /// "Nov. 18, 2019, 4:06 p.m.", with an optional weekday, time, am/pm and zone.
    static func parseWords(_ text: String, requireWholeLine: Bool) -> String? {
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == ":" {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if character == "+" || character == "-" { tokens.append(String(character)) }
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var year: Int?, month: Int?, day: Int?, hour: Int?, minute: Int?, second = 0
        var zoneMinutes: Int?
        var ukLocal = false
        var pm: Bool?
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            defer { index += 1 }
            if month == nil, let m = months[token] {
                month = m
                continue
            }
            if weekdays.contains(token) || token == "at" || token == "on" || token == "of" || token == "the" { continue }
            if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int($0) }
                if parts.count >= 2, parts[0] < 24, parts[1] < 60 {
                    hour = parts[0]
                    minute = parts[1]
                    if parts.count >= 3 { second = min(parts[2], 59) }
                    continue
                }
                return nil
            }
            if token == "am" || token == "a" || token == "pm" || token == "p" {
                if token == "a" || token == "p" {
                    guard index + 1 < tokens.count, tokens[index + 1] == "m" else { if requireWholeLine { return nil } else { continue } }
                    index += 1
                }
                pm = token.hasPrefix("p")
                continue
            }
            if token == "uk" || token == "london" { ukLocal = true; continue }
            if token == "et" { zoneMinutes = nil; continue }
            if let zone = zones[token] { zoneMinutes = zone; continue }
            if token == "+" || token == "-", index + 1 < tokens.count, let value = Int(tokens[index + 1]), tokens[index + 1].count == 4 {
                zoneMinutes = (token == "-" ? -1 : 1) * (value / 100 * 60 + value % 100)
                index += 1
                continue
            }
            if let value = Int(token.hasSuffix("st") || token.hasSuffix("nd") || token.hasSuffix("rd") || token.hasSuffix("th") ? String(token.dropLast(2)) : token) {
                if token.count == 4, (1900...2100).contains(value), year == nil { year = value; continue }
                if (1...31).contains(value), day == nil { day = value; continue }
                if requireWholeLine { return nil }
                continue
            }
            if requireWholeLine { return nil }
        }
        guard let year, let month, let day else { return nil }
        var result = date(year, month, day)
        guard var h = hour, let m = minute else { return result }
        if let pm {
            if pm, h < 12 { h += 12 }
            if !pm, h == 12 { h = 0 }
        }
        result += "T\(two(h)):\(two(m)):\(two(second))"
        if ukLocal { return result + offset(britishSummerTime(year: year, month: month, day: day, hour: h) ? 60 : 0) }
        if let zoneMinutes { return result + offset(zoneMinutes) }
        return result
    }

    /// Whether a UK local time falls in British Summer Time (last Sunday of March to last Sunday of October).
    static func britishSummerTime(year: Int, month: Int, day: Int, hour: Int) -> Bool {
        if month < 3 || month > 10 { return false }
        if month > 3 && month < 10 { return true }
        let lastSunday = 31 - weekday(year: year, month: month, day: 31)  // weekday: 0 = Sunday
        if month == 3 { return day > lastSunday || (day == lastSunday && hour >= 1) }
        return day < lastSunday || (day == lastSunday && hour < 1)
    }

    /// Day of the week, 0 = Sunday (Sakamoto's method).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }
}
