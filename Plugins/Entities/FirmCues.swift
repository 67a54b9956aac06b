extension CueWords {
    /// Lower-case words that name a market professional after the firm they work for ("Merrill Lynch
    /// analyst", "analyst at Smith Barney").
    static let marketRoles: Set<String> = [
        "analyst", "analysts", "economist", "economists", "strategist", "strategists", "broker", "brokers", "dealer", "dealers",
        "trader", "traders",
    ]
    /// Lower-case words right before a firm's name ("brokerage Smith Barney", "investment house Kidder").
    static let firmBefore: Set<String> = ["brokerage", "brokers", "firm", "house", "bank", "banks", "insurer", "underwriter", "underwriters"]
    /// Prepositions between a market role and the firm: "analyst at X", "economist with X", "strategist for X".
    static let firmPrepositions: Set<String> = ["at", "with", "for", "of", "from"]
    /// After "will", what only firms do to an issue: "Goldman Sachs and Merrill Lynch will underwrite the issue".
    static let underwriteAfterWill: Set<String> = ["underwrite", "co-manage", "lead-manage", "co-lead"]
    /// What firms, not people, do to a securities issue: "Merrill Lynch co-managed the deal".
    static let firmVerbs: Set<String> = ["co-managed", "co-manages", "lead-managed", "lead-manages", "underwrote", "underwrites", "co-led", "comanaged"]
    /// Lower-case words that may qualify a market role between the firm and the role: "X debt analyst",
    /// "X chief economist", "X senior bank analyst".
    static let roleModifiers: Set<String> = [
        "chief", "senior", "junior", "debt", "bond", "bank", "oil", "equity", "stock", "credit", "market", "industry",
        "financial", "money", "currency", "economic", "research", "investment", "securities", "technical", "managing",
    ]
    /// The role a firm takes in a securities issue: "lead manager X", "X as sole manager", "co-manager X".
    static let issueRoles: Set<String> = ["manager", "managers", "co-manager", "co-managers", "underwriter", "underwriters", "co-underwriter"]
    /// Words before ``issueRoles`` that make them a firm's role in an issue ("lead manager", not "fund manager").
    static let issueRoleQualifiers: Set<String> = ["lead", "sole", "co-lead", "joint", "co", "principal"]
    /// Words after "X's" that show the possessive belongs to a firm's name ("rated by Moody's and", "Moody's
    /// said", "Standard and Poor's."): a verb, "and" — no possessive of a person stands so.
    static let afterFirmPossessive: Set<String> = [
        "and", "said", "says", "rated", "rates", "rate", "downgraded", "upgraded", "lowered", "raised", "cut", "affirmed",
        "assigned", "placed", "confirmed", "reported", "announced", "expects", "expected", "also", "has", "had", "is", "was",
        "will", "would", "noted", "added", "reviewing", "withdrew", "or", "cited", "pointed", "warned", "believes", "indicated",
        "stated", "commented", "explained", "predicted", "concluded", "estimates", "estimated",
    ]
}

extension CueRules {
    /// A name the tagger read as a person but that the sentence uses as a firm — "Merrill Lynch analyst",
    /// "an economist at Smith Barney", "brokerage Kidder", "Harlow Keating co-managed the issue", "rated by
    /// Moody's and Standard and Poor's" (a possessive that ends the phrase is part of a firm's name) — is an
    /// organisation, and so is every other mention of the same words in the document (a person is not "an
    /// analyst at" someone).
    static func applyFirmCues(_ view: TokenView, labels: inout [UInt8]) {
        let n = view.count
        let spans = EntityLabel.spans(labels)
        var firms: Set<UInt64> = []
        func lowerWord(_ i: Int, in set: Set<String>) -> Bool {
            guard i >= 0, i < n, view.isLowercase(i), view.text.tokens[i].byteEnd - view.text.tokens[i].byteStart <= 12 else { return false }
            return set.contains(view.text.string(i))
        }
        for span in spans where span.type == 0 && span.range.count <= 3 {
            let r = span.range
            // A news agency ("Reuter correspondents", "ROME, March 13, Reuter -") is an organisation.
            if r.count <= 2, view.text.tokens[r.upperBound - 1].byteEnd - view.text.tokens[r.lowerBound].byteStart <= 24,
               CueWords.agencySignOffs.contains(view.text.string(tokens: r).lowercased()) {
                firms.insert(view.key(r))
                continue
            }
            var next = r.upperBound
            if next < n, view.text.tokens[next].kind == .possessive { next += 1 }
            // "X analyst", "X debt analyst", "X's chief economist": at most two qualifying words before the role.
            var role = next
            while role < next + 2, lowerWord(role, in: CueWords.roleModifiers) { role += 1 }
            let roleAfter = lowerWord(role, in: CueWords.marketRoles)
            // "lead manager X", "X as lead manager", "co-manager X".
            let issueBefore = lowerWord(r.lowerBound - 1, in: CueWords.issueRoles)
                && (view.text.string(r.lowerBound - 1).hasPrefix("co-") || lowerWord(r.lowerBound - 2, in: CueWords.issueRoleQualifiers))
            let issueAfter = lowerWord(r.upperBound, in: ["as"]) && lowerWord(r.upperBound + 1, in: CueWords.issueRoleQualifiers)
                && lowerWord(r.upperBound + 2, in: CueWords.issueRoles)
            let roleBefore = lowerWord(r.lowerBound - 1, in: CueWords.firmPrepositions) && lowerWord(r.lowerBound - 2, in: CueWords.marketRoles)
            let firmBefore = lowerWord(r.lowerBound - 1, in: CueWords.firmBefore)
            let firmVerb = lowerWord(r.upperBound, in: CueWords.firmVerbs)
            if roleAfter || roleBefore || firmBefore || firmVerb || issueBefore || issueAfter { firms.insert(view.key(r)) }
            // "by Moody's and", "Standard and Poor's.": a one-word name whose possessive ends the phrase.
            guard r.count == 1, next == r.upperBound + 1 else { continue }
            // "Standard and Poor's 500": an index named for the firm.
            let ends = next >= n || view.text.tokens[next].kind == .punctuation && !view.equals(next, "-") || view.text.tokens[next].kind == .number
            guard ends || lowerWord(next, in: CueWords.afterFirmPossessive) else { continue }
            let i = r.lowerBound
            // "Standard and Poor's": the partner before "and" belongs to the name.
            if i >= 2, view.equals(i - 1, "and"), view.text.tokens[i - 2].kind == .word, view.isCapitalised(i - 2),
               view.facts[i - 2].caps != .upper, i == 2 || !view.isCapitalised(i - 3) || view.text.tokens[i - 3].kind != .word {
                set(&labels, (i - 2)..<(i + 1), type: 1)
                firms.insert(view.key((i - 2)..<(i + 1)))
            }
            firms.insert(view.key(r))
        }
        // "Kidder Peabody, Merrill Lynch and Smith Barney co-managed the issue": every name of a list that
        // does what only firms do is a firm.
        for v in 1..<max(1, n) where lowerWord(v, in: CueWords.firmVerbs) || (lowerWord(v, in: CueWords.underwriteAfterWill) && lowerWord(v - 1, in: ["will"])) {
            var k = v - 1
            if lowerWord(k, in: ["will"]) { k -= 1 }
            var listed = 0
            while k >= 0, v - k <= 30 {
                if labels[k] != 0 {
                    var start = k
                    while start > 0, labels[start] != 0, !EntityLabel.isBegin(labels[start]) { start -= 1 }
                    if EntityLabel.type(labels[start]) == 0 { firms.insert(view.key(start..<(k + 1))) }
                    listed += 1
                    k = start - 1
                } else if view.text.tokens[k].kind == .word, view.isCapitalised(k), !view.facts[k].capsSentence {
                    listed += 1
                    k -= 1
                } else if view.equals(k, ",") || view.equals(k, "and") || view.equals(k, "&") {
                    guard listed > 0 else { break }
                    k -= 1
                } else {
                    break
                }
            }
        }
        guard !firms.isEmpty else { return }
        for span in EntityLabel.spans(labels) where span.type != 1 && firms.contains(view.key(span.range)) {
            set(&labels, span.range, type: 1)
        }
    }
}
