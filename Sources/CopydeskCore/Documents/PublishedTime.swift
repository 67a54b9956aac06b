/// ISO 8601 times as seconds since 1970 (UTC), read from UTF-8 bytes: `YYYY-MM-DD`, optionally
/// `THH:MM[:SS[.fff]]` (or a space for `T`) and `Z` or `±HH[:MM]`; anything else (trailing text
/// included) is not a time. A date alone is midnight UTC.
public enum PublishedTime {
    /// Seconds since 1970-01-01T00:00:00Z, or `nil` when `text` is not such a time.
    public static func seconds(_ text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { seconds(bytes: $0) }
    }

    /// Whether `text` is a date alone (`YYYY-MM-DD`), which an upper bound reads as the whole day.
    public static func isDateOnly(_ text: String) -> Bool { text.utf8.count == 10 && seconds(text) != nil }

    static func seconds(bytes b: UnsafeBufferPointer<UInt8>) -> Int? {
        func number(_ at: Int, _ length: Int) -> Int? {
            guard at + length <= b.count else { return nil }
            var value = 0
            for i in at..<(at + length) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard b.count >= 10, let year = number(0, 4), b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D,
              let day = number(8, 2), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        var i = 10
        if i < b.count {
            guard b[i] == 0x54 || b[i] == 0x20, let h = number(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A,
                  let m = number(i + 4, 2), h < 24, m < 60 else { return nil }
            hour = h; minute = m; i += 6
            if i < b.count, b[i] == 0x3A {
                guard let s = number(i + 1, 2), s <= 60 else { return nil }
                second = s; i += 3
                if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
                    i += 1
                    let digits = i
                    while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                    guard i > digits else { return nil }
                }
            }
            if i < b.count, b[i] == 0x5A {
                i += 1
            } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                guard let oh = number(i + 1, 2), oh < 24 else { return nil }
                i += 3
                var om = 0
                if i < b.count, b[i] == 0x3A { i += 1 }
                if i < b.count {
                    guard let m = number(i, 2), m < 60 else { return nil }
                    om = m; i += 2
                }
                offset = sign * (oh * 3600 + om * 60)
            }
            guard i == b.count else { return nil }
        }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
