/// Orders identifiers as people read them: runs of ASCII digits compare by their value, so `1017`
/// comes before `10038` (as text it would not), and everything else compares byte by byte.
enum NaturalOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                let startI = i, startJ = j
                while i < x.count, isDigit(x[i]) { i += 1 }
                while j < y.count, isDigit(y[j]) { j += 1 }
                // Compare values without converting (digit runs may be longer than any integer type).
                let u = x[startI..<i].drop { $0 == UInt8(ascii: "0") }, v = y[startJ..<j].drop { $0 == UInt8(ascii: "0") }
                if u.count != v.count { return u.count < v.count }
                if !u.elementsEqual(v) { return u.lexicographicallyPrecedes(v) }
                if i - startI != j - startJ { return i - startI < j - startJ }
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        return x.count - i < y.count - j
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
