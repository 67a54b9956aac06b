import CopydeskCore
public import Dedupe

/// The duplicate clusters of an output, for `copydesk clusters`: grouped from the documents'
/// `duplicate` objects, largest first, ties by canonical id (numbers by value, then strings, see
/// ``CanonicalOrder``). A cluster whose canonical member is not in the output (an earlier run's, in an
/// incremental run) is named through the dedupe index when one is given.
public struct ClusterListing: Sendable {
    /// One cluster.
    public struct Cluster: Sendable, Equatable {
        /// The cluster id (its first member's id).
        public var id: String
        /// Members in this output, in output order.
        public var members: [ClusterMember]
        /// The canonical member's id, and what is known of it.
        public var canonical: String
        public var title: String?
        public var published: String?
        public var site: String?
        /// Where the canonical's fields come from: `output` (it is in the output), `index` (an earlier run's,
        /// found in the dedupe index) or `unknown` (an earlier run's, no index given or not in it).
        public var canonicalSource: String
        /// Documents the dedupe index holds in this cluster, earlier runs included (`nil` without an index).
        public var indexed: Int?

        public var size: Int { members.count }

        /// Members by relation to the canonical (`exact`, `near`, `syndicated`).
        public var relations: [(relation: String, count: Int)] {
            var counts: [String: Int] = [:]
            for member in members { if let relation = member.relation { counts[relation, default: 0] += 1 } }
            let known = DuplicateInfo.Relation.allCases.map(\.rawValue)
            return known.compactMap { name in counts[name].map { (name, $0) } }
                + counts.keys.filter { !known.contains($0) }.sorted().map { ($0, counts[$0]!) }
        }

        public static func == (a: Cluster, b: Cluster) -> Bool {
            a.id == b.id && a.members == b.members && a.canonical == b.canonical && a.title == b.title && a.published == b.published
                && a.site == b.site && a.canonicalSource == b.canonicalSource && a.indexed == b.indexed
        }
    }

    /// Which clusters to list.
    public struct Filter: Sendable {
        /// Clusters with at least this many members in the output (2: documents alone are left out).
        public var minSize = 2
        /// Clusters with at least one member of this relation.
        public var relation: String?
        /// Clusters with at least one member from this site (the record's `site`, else its URL's host).
        public var site: String?

        public init(minSize: Int = 2, relation: String? = nil, site: String? = nil) {
            self.minSize = minSize
            self.relation = relation
            self.site = site
        }

        func admits(_ cluster: Cluster) -> Bool {
            cluster.size >= minSize
                && (relation.map { r in cluster.members.contains { $0.relation == r } } ?? true)
                && (site.map { s in cluster.members.contains { $0.site?.lowercased() == s.lowercased() } } ?? true)
        }
    }

    /// The clusters, largest first.
    public var clusters: [Cluster]
    /// Documents in the output, and those with a `duplicate` object.
    public var documents: Int
    public var deduplicated: Int

    /// Groups `members` (of an output of `documents` documents) into clusters, keeps those `filter`
    /// admits, and names canonicals that are not in the output from `index`.
    public init(members: [ClusterMember], documents: Int, filter: Filter = Filter(), index: IndexCatalogue? = nil) {
        self.documents = documents
        deduplicated = members.count
        var order: [String] = []
        var byID: [String: [ClusterMember]] = [:]
        for member in members {
            if byID[member.cluster] == nil { order.append(member.cluster) }
            byID[member.cluster, default: []].append(member)
        }
        var indexed: [String: Int] = [:]
        var indexEntries: [String: IndexCatalogue.Entry] = [:]
        if let index {
            for entry in index.entries {
                indexed[entry.cluster, default: 0] += 1
                indexEntries[entry.id] = entry
            }
        }
        var clusters: [Cluster] = []
        for id in order {
            let members = byID[id]!
            let canonicalID = members[0].canonical
            var cluster = Cluster(
                id: id, members: members, canonical: canonicalID, canonicalSource: "unknown", indexed: index == nil ? nil : indexed[id] ?? 0)
            if let canonical = members.first(where: { $0.id == canonicalID }) {
                (cluster.title, cluster.published, cluster.site, cluster.canonicalSource) = (canonical.title, canonical.published, canonical.site, "output")
            } else if let entry = indexEntries[canonicalID] {
                (cluster.title, cluster.published, cluster.site, cluster.canonicalSource) = (entry.title, entry.published, entry.site, "index")
            }
            if filter.admits(cluster) { clusters.append(cluster) }
        }
        clusters.sort { a, b in
            a.size != b.size ? a.size > b.size : a.canonical != b.canonical ? CanonicalOrder.precedes(a.canonical, b.canonical)
                : CanonicalOrder.precedes(a.id, b.id)
        }
        self.clusters = clusters
    }

    /// Clusters whose canonical member is neither in the output nor named by the index.
    public var unresolved: Int { clusters.count { $0.canonicalSource == "unknown" } }
}
