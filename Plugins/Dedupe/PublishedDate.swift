/// ISO 8601 publication times as seconds since 1970 (UTC), for the "earliest published" canonical
/// policy: `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` or `±HH[:MM]`. Anything else is unknown.
enum PublishedDate {
    static func seconds(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let b = Array(text.utf8)
        func number(_ at: Int, _ length: Int) -> Int? {
            guard at + length <= b.count else { return nil }
            var value = 0
            for i in at..<(at + length) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), b.count >= 10, b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D,
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        var i = 10
        if i < b.count, b[i] == 0x54 || b[i] == 0x20 {
            guard let h = number(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let m = number(i + 4, 2) else { return nil }
            hour = h; minute = m; i += 6
            if i < b.count, b[i] == 0x3A, let s = number(i + 1, 2) { second = s; i += 3 }
            if i < b.count, b[i] == 0x2E { i += 1; while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 } }
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                guard let oh = number(i + 1, 2) else { return nil }
                var om = 0
                if let m = number(i + 4, 2), b[i + 3] == 0x3A { om = m } else if let m = number(i + 3, 2) { om = m }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Int64(days * 86400 + hour * 3600 + minute * 60 + second - offset)
    }
}
