/// Where a document sits among duplicates of one story.
public struct DuplicateInfo: Sendable, Hashable {
    /// How a non-canonical member relates to its cluster's canonical member; the record writes the raw
    /// value (`"exact"`, `"near"`, `"syndicated"`).
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        /// The same text after normalisation.
        case exact
        /// Most of the text shared (verified Jaccard at or above the near threshold).
        case near
        /// The same story with passages shared (another outlet's version, a rewrite of one report).
        case syndicated
    }

    /// Cluster identifier (the id of the cluster's first member).
    public var cluster: String
    /// Id of the member chosen as canonical.
    public var canonical: String
    /// `exact`, `near`, `syndicated`, or `nil` for the canonical member itself.
    public var relation: Relation?
    /// Similarity to the canonical member (Jaccard estimate; 1.0 for the canonical).
    public var similarity: Double
    /// Share of this document's passages found in the canonical member, when computed.
    public var containment: Double?
    /// Passages shared with the canonical member, when the stage is asked to report them.
    public var passages: [String]?

    public init(
        cluster: String, canonical: String, relation: Relation? = nil, similarity: Double, containment: Double? = nil,
        passages: [String]? = nil
    ) {
        self.cluster = cluster
        self.canonical = canonical
        self.relation = relation
        self.similarity = similarity
        self.containment = containment
        self.passages = passages
    }
}

extension DuplicateInfo.Relation: OptionValueRepresentable, Comparable {
    /// In declaration order (exact, near, syndicated), the order `copydesk stages` lists them in.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .exact: 0
        case .near: 1
        case .syndicated: 2
        }
    }
}
