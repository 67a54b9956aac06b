import CopydeskCore

/// A compiled filter condition: a tree of tests combined with `all`, `any` and `not`, each node with
/// an optional reason of the user's that replaces the generated one.
public indirect enum Condition: Sendable {
    case test(ConditionTest)
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// The condition with the user's drop reason.
    case reasoned(Condition, String)

    /// What the condition requires, in words (the reason a `not` gives when its condition holds).
    public var requirement: String {
        switch self {
        case .test(let test): test.requirement
        case .all(let items): items.count == 1 ? items[0].requirement : "all of (" + items.map(\.requirement).joined(separator: "; ") + ")"
        case .any(let items): "any of (" + items.map(\.requirement).joined(separator: "; ") + ")"
        case .not(let inner): "not (\(inner.requirement))"
        case .reasoned(let inner, _): inner.requirement
        }
    }

    /// `nil` when `document` satisfies the condition, else the reason it does not.
    func failure(_ document: Document, _ context: inout EvaluationContext) -> String? {
        switch self {
        case .test(let test):
            return test.failure(document, &context)
        case .all(let items):
            for item in items {
                if let reason = item.failure(document, &context) { return reason }
            }
            return nil
        case .any(let items):
            var reasons: [String] = []
            for item in items {
                guard let reason = item.failure(document, &context) else { return nil }
                reasons.append(reason)
            }
            return reasons.count == 1 ? reasons[0] : "none of: " + reasons.joined(separator: "; ")
        case .not(let inner):
            return inner.failure(document, &context) == nil ? "excluded: \(inner.requirement)" : nil
        case .reasoned(let inner, let reason):
            return inner.failure(document, &context) == nil ? nil : reason
        }
    }

    /// Whether any test reads the text statistics, whether one reads repeated lines, and whether one
    /// reads the line counts.
    var statistics: (any: Bool, repeats: Bool, lines: Bool) {
        switch self {
        case .test(let test): (test.needsStatistics, test.needsRepeats, test.needsLines)
        case .all(let items), .any(let items):
            items.reduce((false, false, false)) { acc, item in
                let s = item.statistics
                return (acc.0 || s.any, acc.1 || s.repeats, acc.2 || s.lines)
            }
        case .not(let inner), .reasoned(let inner, _): inner.statistics
        }
    }
}

/// What a document evaluation shares between tests: the text statistics (measured once, on first
/// use, lines only when a test reads them) and where missing fields are reported.
struct EvaluationContext {
    let missing: MissingFieldLog
    let repeats: Bool
    let lines: Bool
    private var measured: TextStats?

    init(missing: MissingFieldLog, repeats: Bool, lines: Bool) {
        self.missing = missing
        self.repeats = repeats
        self.lines = lines
    }

    mutating func statistics(_ document: Document) -> TextStats {
        if let measured { return measured }
        let stats = TextStats.measure(document.text, repeats: repeats, lines: lines)
        measured = stats
        return stats
    }
}
