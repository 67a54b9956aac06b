import CopydeskCore

/// What the page shows of the records, gathered in one streaming pass: the document list (within a
/// byte budget), the duplicate clusters (their duplicates; the canonical member is named), the
/// distributions of cluster sizes, similarity and containment, and the entities.
struct CorpusDigest {
    struct Member {
        var id, title, site, relation: String
        var similarity, containment: Double?
    }

    /// A cluster's duplicates (its canonical member is named, not listed); `size` counts the duplicates.
    struct Cluster {
        var key: String
        var canonical: String
        var members: [Member] = []
        var size = 0
        var relations: [String: Int] = [:]
    }

    static let clusterLimit = 200_000
    let limits: ReportPage

    var documents = 0
    /// The document list as JSON rows `[id, title, published, site, snippet, cluster]`, and its first page as text.
    var documentJSON: [UInt8] = [UInt8(ascii: "[")]
    var listed = 0, withSnippet = 0
    var firstPage: [[String]] = []
    var clusters: [String: Cluster] = [:]
    var similarity = Histogram.unitInterval(), containment = Histogram.unitInterval()
    var entityTypes = BoundedCounter(limit: 64)
    var entities: [String: BoundedCounter] = [:]
    var withEntities = 0
    var sawDedupe = false
    /// Duplicates of clusters past `clusterLimit`, counted but not listed.
    var untracked = 0

    init(limits: ReportPage) { self.limits = limits }

    mutating func add(_ record: JSONValue) {
        documents += 1
        let id = record["id"]?.stringValue ?? ""
        let title = record["title"]?.stringValue ?? ""
        if case .array(let list)? = record["entities"] {
            withEntities += 1
            for entity in list {
                let type = entity["type"]?.stringValue ?? "?"
                let name = entity["name"]?.stringValue ?? ""
                var mentions = 1
                if case .array(let m)? = entity["mentions"] { mentions = max(1, m.count) }
                entityTypes.add(type, mentions)
                entities[type, default: BoundedCounter(limit: 50_000)].add(name, mentions)
            }
        }
        var cluster = ""
        if let duplicate = record["duplicate"], case .object = duplicate, let key = duplicate["cluster"]?.stringValue {
            sawDedupe = true
            if let relation = duplicate["relation"]?.stringValue {
                let canonical = duplicate["canonical"]?.stringValue ?? key
                cluster = "\(relation) of \(canonical)"
                addDuplicate(key: key, canonical: canonical, Member(
                    id: id, title: title, site: record["site"]?.stringValue ?? "", relation: relation,
                    similarity: duplicate["similarity"]?.doubleValue, containment: duplicate["containment"]?.doubleValue))
            }
        }
        list(record, id: id, title: title, cluster: cluster)
    }

    /// Only duplicates are kept (a canonical member is named by its id), so memory follows the number
    /// of duplicates, and at most `clusterLimit` clusters are tracked.
    private mutating func addDuplicate(key: String, canonical: String, _ member: Member) {
        if let value = member.similarity { similarity.add(value) }
        if let value = member.containment { containment.add(value) }
        guard clusters[key] != nil || clusters.count < Self.clusterLimit else {
            untracked += 1
            return
        }
        var entry = clusters[key] ?? Cluster(key: key, canonical: canonical)
        entry.size += 1
        entry.relations[member.relation, default: 0] += 1
        if entry.members.count < limits.membersPerCluster { entry.members.append(member) }
        clusters[key] = entry
    }

    /// Adds the document to the list while the list's byte budget lasts; snippets while theirs lasts.
    private mutating func list(_ record: JSONValue, id: String, title: String, cluster: String) {
        guard documentJSON.count < limits.documentListBytes else { return }
        let snippet = documentJSON.count < limits.snippetBytes
            ? HTMLEscaping.oneLine(record["text"]?.stringValue ?? "", limit: limits.snippetCharacters) : ""
        if !snippet.isEmpty { withSnippet += 1 }
        let row = [id, HTMLEscaping.oneLine(title, limit: 200), record["published"]?.stringValue ?? "", record["site"]?.stringValue ?? "", snippet, cluster]
        if listed > 0 { documentJSON.append(UInt8(ascii: ",")) }
        documentJSON.append(UInt8(ascii: "["))
        for (index, field) in row.enumerated() {
            if index > 0 { documentJSON.append(UInt8(ascii: ",")) }
            HTMLEscaping.appendJSONString(field, to: &documentJSON)
        }
        documentJSON.append(UInt8(ascii: "]"))
        documentJSON.append(UInt8(ascii: "\n"))
        listed += 1
        if firstPage.count < ReportPage.pageRows { firstPage.append(row) }
    }

    /// Clusters largest first; equal sizes by canonical id in natural order (`1017` before `10038`).
    func sortedClusters() -> [Cluster] {
        clusters.values.sorted {
            $0.size != $1.size ? $0.size > $1.size
                : $0.canonical != $1.canonical ? NaturalOrder.precedes($0.canonical, $1.canonical) : NaturalOrder.precedes($0.key, $1.key)
        }
    }
}
