/// Finds the candidate closest to a misspelt name, for "did you mean" hints.
public enum NearestName {
    /// The closest candidate within an edit distance that makes the suggestion plausible, or `nil`.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowered.utf8), Array(candidate.lowercased().utf8))
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, min(lowered.utf8.count, candidate.utf8.count) / 3)
        return distance <= limit ? candidate : nil
    }

    /// A "did you mean" clause, or a list of the valid names when nothing is close.
    public static func hint(for name: String, among candidates: [String]) -> String {
        if let near = suggestion(for: name, among: candidates) {
            return "did you mean '\(near)'? (valid: \(candidates.joined(separator: ", ")))"
        }
        return "valid: \(candidates.joined(separator: ", "))"
    }

    /// Damerau–Levenshtein distance (optimal string alignment) between two byte strings.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
