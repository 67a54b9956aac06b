public import CopydeskCore

/// How the canonical member of a cluster is chosen. A source-priority list, when given, decides first;
/// then the policy; input order (earlier runs first) breaks the remaining ties. A cluster that holds
/// documents of an earlier run keeps that run's canonical member, since earlier outputs already name it.
public enum CanonicalPolicy: String, Sendable, CaseIterable, OptionValueRepresentable {
    /// Earliest `published` (documents without a date last), then longest, then input order.
    case earliest
    /// Longest (most matching words), then earliest published, then input order.
    case longest
    /// Input order only.
    case first

    /// Whether document `a` is preferred to `b` as canonical.
    func prefers(_ a: Int, over b: Int, in index: DedupeIndex, ranks: [Int32]) -> Bool {
        if ranks[a] != ranks[b] { return ranks[a] < ranks[b] }
        let pa = index.published[a] == .min ? Int64.max : index.published[a]
        let pb = index.published[b] == .min ? Int64.max : index.published[b]
        switch self {
        case .earliest:
            if pa != pb { return pa < pb }
            if index.words[a] != index.words[b] { return index.words[a] > index.words[b] }
        case .longest:
            if index.words[a] != index.words[b] { return index.words[a] > index.words[b] }
            if pa != pb { return pa < pb }
        case .first:
            break
        }
        return a < b
    }
}
