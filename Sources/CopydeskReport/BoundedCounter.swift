/// Counts keys with a bounded number of distinct entries: when full, the least frequent half is
/// forgotten (so very long runs keep the frequent keys, with counts that are lower bounds).
struct BoundedCounter {
    let limit: Int
    private(set) var counts: [String: Int] = [:]
    /// True when some keys were forgotten, so counts may be low.
    private(set) var pruned = false

    init(limit: Int) { self.limit = limit }

    mutating func add(_ key: String, _ amount: Int = 1) {
        counts[key, default: 0] += amount
        if counts.count > limit {
            let keep = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit / 2)
            counts = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            pruned = true
        }
    }

    /// The `n` most frequent keys, ties in key order.
    func top(_ n: Int) -> [(key: String, count: Int)] {
        counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(n).map { ($0.key, $0.value) }
    }
}
