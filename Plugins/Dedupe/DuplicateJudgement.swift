import CopydeskCore

/// How a non-canonical member relates to its cluster's canonical member, from the two samples: the
/// `duplicate` field's relation, similarity and containment, and whether `action` drops it. One machine
/// and a distributed run (``DedupeStage/apply(_:assignment:)``) both decide it here.
struct DuplicateJudgement {
    let relation: DuplicateRelation
    let comparison: SampleComparison
    let canonical: ArraySlice<UInt32>
    let shift: UInt8

    /// Judges a member with sample `own` (`bandless`: an exact copy, or too short to have band keys)
    /// against the canonical member's sample.
    init(own: ArraySlice<UInt32>, ownShift: UInt8, ownHash: UInt64, bandless: Bool,
         canonical: ArraySlice<UInt32>, canonicalShift: UInt8, canonicalHash: UInt64, nearThreshold: Double) {
        comparison = SampleComparison(own, ownShift, canonical, canonicalShift)
        if ownHash == canonicalHash || bandless && own.isEmpty {
            relation = .exact
        } else if comparison.jaccard >= nearThreshold {
            relation = .near
        } else {
            // Joined through other members, or by shared passages: a version of the story.
            relation = .syndicated
        }
        self.canonical = canonical
        shift = max(ownShift, canonicalShift)
    }

    /// The relation in the output record.
    var published: DuplicateInfo.Relation { relation == .exact ? .exact : relation == .near ? .near : .syndicated }

    /// The `duplicate` field of the member.
    func info(cluster: String, canonical id: String, text: String, passages: Bool, builder: SketchBuilder) -> DuplicateInfo {
        var info = DuplicateInfo(cluster: cluster, canonical: id, similarity: 1.0)
        info.relation = published
        info.similarity = relation == .exact ? 1.0 : (comparison.jaccard * 10_000).rounded() / 10_000
        info.containment = relation == .exact ? 1.0 : (comparison.containmentOfA * 10_000).rounded() / 10_000
        if passages, relation != .exact {
            info.passages = PassageText.shared(text, with: canonical, shift: shift, builder: builder)
        }
        return info
    }

    /// The drop reason when `action` removes the member, else `nil`.
    func dropReason(_ info: DuplicateInfo, options: DedupeOptions) -> String? {
        let dropIt = options.action == .keepCanonicalOnly || (options.action == .drop && options.dropRelations.contains(published))
        return dropIt ? "duplicate of \(info.canonical) (\(published.rawValue), similarity \(info.similarity))" : nil
    }
}
