/// Every document's cluster and the cluster's canonical member, once every document has been matched.
extension DedupeIndex {
    /// Per document number: its cluster root, the size of the cluster rooted at that number (0 when it
    /// is no root), and its cluster's canonical member. A cluster holding documents of an earlier run keeps
    /// that run's canonical member (or the new version of it, `replacements`); the others follow `policy`
    /// after the source-priority ranks.
    mutating func clusters(policy: CanonicalPolicy, priority: SourcePriority, replacements: [(old: UInt32, new: UInt32)])
        -> (roots: [UInt32], size: [UInt32], canonical: [UInt32])
    {
        let total = count
        var ranks = [Int32](repeating: .max, count: total)
        if !priority.entries.isEmpty {
            for x in 0..<total { ranks[x] = priority.rank(name: names[x]) }
        }
        var size = [UInt32](repeating: 0, count: total)
        var hasEarlier = [Bool](repeating: false, count: total)
        var roots = [UInt32](repeating: 0, count: total)
        // The members that may be canonical of a cluster holding earlier documents: its earlier canonical,
        // or the new version (same id) of an earlier canonical, which earlier outputs already name.
        var keepsCanonical = [Bool](repeating: false, count: total)
        for x in 0..<total {
            let r = sets.find(UInt32(x))
            roots[x] = r
            if superseded[x] { continue }
            size[Int(r)] += 1
            if x < earlierCount {
                hasEarlier[Int(r)] = true
                if earlierCanonical[x] == UInt32(x) { keepsCanonical[x] = true }
            }
        }
        for (old, new) in replacements where earlierCanonical[Int(old)] == old {
            keepsCanonical[Int(new)] = true
            hasEarlier[Int(roots[Int(new)])] = true
        }
        var best = [UInt32](repeating: .max, count: total)
        for x in 0..<total where !superseded[x] {
            let r = Int(roots[x])
            if hasEarlier[r], !keepsCanonical[x] { continue }
            if best[r] == .max || policy.prefers(x, over: Int(best[r]), in: self, ranks: ranks) { best[r] = UInt32(x) }
        }
        // Clusters of earlier runs whose canonical was superseded by a version now in another cluster (or
        // lost) fall back to the policy.
        for x in 0..<total where !superseded[x] && best[Int(roots[x])] == .max {
            let r = Int(roots[x])
            if best[r] == .max || policy.prefers(x, over: Int(best[r]), in: self, ranks: ranks) { best[r] = UInt32(x) }
        }
        var canonical = [UInt32](repeating: 0, count: total)
        for x in 0..<total { canonical[x] = best[Int(roots[x])] }
        return (roots, size, canonical)
    }
}

extension DedupeIndex {
    /// Appends what clustering and the canonical choice need of a document, without its sample (the
    /// in-order replay of a distributed run, ``ClusterReplay``); returns its number. A document of an
    /// earlier run comes with its cluster's first member and canonical member then (`earlier`).
    mutating func appendSummary(id: String, name: String?, published: Int64?, words: Int, contentHash: UInt64,
                                earlier: (root: UInt32, canonical: UInt32)?) -> UInt32 {
        ids.append(id)
        names.append(name)
        self.published.append(published ?? .min)
        self.words.append(UInt32(clamping: words))
        self.contentHash.append(contentHash)
        earlierCanonical.append(earlier?.canonical ?? UInt32.max)
        superseded.append(false)
        guard let earlier else { return sets.add() }
        sets.add(withRoot: earlier.root)
        return UInt32(sets.count - 1)
    }
}
