/// How cluster and document ids are ordered for people: ids made only of digits by their number
/// (`1017` before `10038`, however long), before other ids, which are ordered as strings.
public enum CanonicalOrder {
    /// Whether `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let numberA = isNumber(a), numberB = isNumber(b)
        if numberA != numberB { return numberA }
        if numberA {
            let trimmedA = a.drop { $0 == "0" }, trimmedB = b.drop { $0 == "0" }
            if trimmedA.utf8.count != trimmedB.utf8.count { return trimmedA.utf8.count < trimmedB.utf8.count }
            if trimmedA != trimmedB { return trimmedA.utf8.lexicographicallyPrecedes(trimmedB.utf8) }
        }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func isNumber(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
