public import CopydeskCore

/// The dedupe stage split across machines (``DistributedCorpusStage``): a signature carries the sketch
/// verification needs (sample with word positions, shift, facts, publication time) besides the band
/// keys and anchors; judging a pair runs ``DedupeIndex/classify(_:_:other:options:)``; the replay joins
/// clusters with the same voting as one machine's ``DedupeIndex/match(_:_:options:relations:templates:)``;
/// applying fills `duplicate` as ``DedupeStage/finish(into:)`` does.
extension DedupeStage: DistributedCorpusStage {
    public var candidateRules: CandidateRules {
        CandidateRules(bandCap: DedupeIndex.bandCap, anchorCap: options.commonFingerprintCap)
    }

    /// What an index file's parameters hold (``DedupeIndex/Parameters``), and the signature's layout.
    public var signatureSettings: String {
        let p = indexParameters
        return "signature=1 shingle_size=\(p.shingleSize) permutations=\(p.permutations) lsh=\(p.lsh.bands)x\(p.lsh.rows) "
            + "sample_cap=\(p.sampleCap) hashing=\(String(p.seed, radix: 16)) boilerplate_lines=\(String(p.boilerplate, radix: 16))"
    }

    public func signature(of document: Document) -> JSONValue {
        let sketch = builder.sketch(document)
        func numbers(_ values: some Sequence<UInt32>) -> JSONValue { .array(values.map { .number(JSONNumber(Int($0))) }) }
        return .object([
            ("id", .string(document.id)),
            ("name", SourcePriority.name(of: document).map { JSONValue.string($0) } ?? JSONValue.null),
            ("published", sketch.published.map { .number(JSONNumber($0)) } ?? .null),
            (SignatureKeys.words, .number(JSONNumber(sketch.words))),
            (SignatureKeys.contentHash, .number(JSONNumber(Int64(bitPattern: sketch.contentHash)))),
            ("shift", .number(JSONNumber(Int(sketch.shift)))),
            ("sample", numbers(sketch.sample)),
            ("positions", numbers(sketch.samplePositions)),
            (SignatureKeys.bandKeys, numbers(sketch.bandKeys)),
            (SignatureKeys.anchors, numbers(sketch.sample.lazy.filter { $0 & DedupeIndex.anchorMask == 0 })),
            ("facts", numbers(sketch.facts)),
            ("story", numbers(sketch.storyFacts)),
        ])
    }

    public func summary(of signature: JSONValue) -> JSONValue {
        guard case .object(let members) = signature else { return signature }
        return .object(members.compactMap { member -> (key: String, value: JSONValue)? in
            switch member.key {
            case "id", "name", "published", SignatureKeys.words, SignatureKeys.contentHash: return member
            // Clustering asks only whether there are band keys.
            case SignatureKeys.bandKeys:
                guard case .array(let keys) = member.value else { return member }
                return (member.key, .array(Array(keys.prefix(1))))
            default: return nil
            }
        })
    }

    public func judge(_ later: JSONValue, against earlier: JSONValue) throws(DocumentRejection) -> String? {
        let mine = try SignatureSketch(later), theirs = try SignatureSketch(earlier)
        var single = DedupeIndex(parameters: indexParameters)
        _ = single.append(id: theirs.id, name: theirs.name, title: nil, published: theirs.sketch.published, sketch: theirs.sketch, sameSampleAs: nil)
        let comparison = SampleComparison(mine.sketch.sample, mine.sketch.shift, theirs.sketch.sample, theirs.sketch.shift)
        return single.classify(comparison, mine.sketch, other: 0, options: options).engineName
    }

    public func makeClustering() -> any DistributedClustering {
        ClusterReplay(parameters: indexParameters, policy: options.canonical, priority: SourcePriority(options.sourcePriority))
    }

    public func apply(_ document: Document, signature: JSONValue, assignment: ClusterAssignment, canonical: JSONValue)
        throws(DocumentRejection) -> (document: Document, dropReason: String?)
    {
        var document = document
        let own = try SignatureSketch(signature)
        var info = DuplicateInfo(cluster: assignment.cluster, canonical: assignment.canonicalID, similarity: 1.0)
        guard assignment.canonical != assignment.number else {
            document.duplicate = info
            return (document, nil)
        }
        let other = try SignatureSketch(canonical)
        let judged = DuplicateJudgement(
            own: own.sketch.sample, ownShift: own.sketch.shift, ownHash: own.sketch.contentHash, bandless: assignment.bandless,
            canonical: other.sketch.sample, canonicalShift: other.sketch.shift, canonicalHash: other.sketch.contentHash,
            nearThreshold: options.nearThreshold)
        info = judged.info(cluster: info.cluster, canonical: info.canonical, text: document.text, passages: options.passages, builder: builder)
        document.duplicate = info
        return (document, judged.dropReason(info, options: options))
    }
}

extension DuplicateRelation {
    /// The relation's name between engine modes (`nil` for none).
    var engineName: String? {
        switch self {
        case .none: nil
        case .exact: "exact"
        case .near: "near"
        case .syndicated: "syndicated"
        case .template: "template"
        case .strongTemplate: "strong-template"
        }
    }

    init?(engineName: String) {
        switch engineName {
        case "exact": self = .exact
        case "near": self = .near
        case "syndicated": self = .syndicated
        case "template": self = .template
        case "strong-template": self = .strongTemplate
        default: return nil
        }
    }
}

/// A signature read back: the sketch and what the index keeps beside it.
struct SignatureSketch {
    var id: String
    var name: String?
    var sketch: DocumentSketch

    init(_ value: JSONValue) throws(DocumentRejection) {
        func numbers(_ key: String) throws(DocumentRejection) -> [UInt32] {
            guard case .array(let items)? = value[key] else { throw DocumentRejection("signature has no array '\(key)'; was it written by this copydesk?") }
            var result: [UInt32] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard let n = item.int64Value, let v = UInt32(exactly: n) else { throw DocumentRejection("signature '\(key)' holds \(item.kindName) that is no 32-bit key") }
                result.append(v)
            }
            return result
        }
        guard let id = value["id"]?.stringValue, let words = value[SignatureKeys.words]?.intValue,
              let hash = value[SignatureKeys.contentHash]?.int64Value, let shift = value["shift"]?.intValue, (0...32).contains(shift)
        else { throw DocumentRejection("not a dedupe signature (needs id, words, hash, shift); was it written by `copydesk engine signatures`?") }
        self.id = id
        name = value["name"]?.stringValue
        let sample = try numbers("sample"), positions = try numbers("positions"), bands = try numbers(SignatureKeys.bandKeys)
        guard positions.count == sample.count else { throw DocumentRejection("signature of \(id): 'positions' and 'sample' differ in length") }
        sketch = DocumentSketch(
            words: words, contentHash: UInt64(bitPattern: hash), shift: UInt8(shift), storage: sample + positions + bands,
            sampleCount: sample.count, published: value["published"]?.int64Value, priority: .max,
            facts: try numbers("facts"), storyFacts: try numbers("story"))
    }
}

/// The in-order part of a distributed dedupe: starts from the clusters of earlier runs (as
/// ``IndexFile/load(_:parameters:anchorCap:)`` does), then consumes this run's documents as
/// ``DedupeStage/consume(_:prepared:into:)`` does (an updated version retires the earlier one, empty
/// documents stay alone, exact copies join their original, the rest are joined by their judgments),
/// keeping only what clustering and the canonical choice need (about 100 bytes a document).
struct ClusterReplay: DistributedClustering {
    private var index: DedupeIndex
    private let policy: CanonicalPolicy
    private let priority: SourcePriority
    private var relations: [DuplicateRelation] = []
    private var bandless: [Bool] = []
    private var replacements: [(old: UInt32, new: UInt32)] = []
    private var stats = (documents: 0, empty: 0, short: 0, templates: 0, clusters: 0, matchedEarlier: 0, updated: 0)

    init(parameters: DedupeIndex.Parameters, policy: CanonicalPolicy, priority: SourcePriority) {
        index = DedupeIndex(parameters: parameters)
        self.policy = policy
        self.priority = priority
    }

    /// The fields of a summary that the replay reads.
    private static func fields(_ summary: JSONValue) throws(DocumentRejection) -> (id: String, words: Int, hash: UInt64, bands: [JSONValue]) {
        guard let id = summary["id"]?.stringValue, let words = summary[SignatureKeys.words]?.intValue,
              let hash = summary[SignatureKeys.contentHash]?.int64Value, case .array(let bands)? = summary[SignatureKeys.bandKeys]
        else { throw DocumentRejection("not a dedupe signature (needs id, words, hash, bands)") }
        return (id, words, UInt64(bitPattern: hash), bands)
    }

    mutating func addEarlier(_ summary: JSONValue, root: Int, canonical: Int, bandless: Bool) throws(DocumentRejection) {
        guard index.count == index.earlierCount else {
            throw DocumentRejection("a document of an earlier run after documents of this run; the index's documents come first")
        }
        let (id, words, hash, _) = try Self.fields(summary)
        let d = index.count
        guard (0...d).contains(root), canonical >= 0 else {
            throw DocumentRejection("earlier document \(d) ('\(id)') names cluster \(root) and canonical \(canonical); an index's clusters start at or before their members")
        }
        _ = index.appendSummary(id: id, name: summary["name"]?.stringValue, published: summary["published"]?.int64Value,
                                words: words, contentHash: hash, earlier: (root: UInt32(root), canonical: UInt32(canonical)))
        if index.exact[hash] == nil, words > 0 { index.exact[hash] = UInt32(d) }
        relations.append(.none)
        self.bandless.append(bandless)
        index.earlierCount = index.count
    }

    mutating func add(_ signature: JSONValue, judgments: [(earlier: Int, relation: String)], replacing: Int?) throws(DocumentRejection) {
        let (id, words, contentHash, bands) = try Self.fields(signature)
        stats.documents += 1
        if let old = replacing {
            // An updated version: the earlier one is never canonical, never matched against it, no exact original.
            guard old >= 0, old < index.earlierCount, !index.superseded[old] else {
                throw DocumentRejection("document \(index.count) ('\(id)') replaces \(old), which is no earlier run's document still current")
            }
            index.superseded[old] = true
            if index.exact[index.contentHash[old]] == UInt32(old) { index.exact[index.contentHash[old]] = nil }
            replacements.append((UInt32(old), UInt32(index.count)))
            stats.updated += 1
        }
        let d = index.appendSummary(id: id, name: signature["name"]?.stringValue, published: signature["published"]?.int64Value,
                                    words: words, contentHash: contentHash, earlier: nil)
        if words == 0 {
            stats.empty += 1
            relations.append(.none)
            bandless.append(true)
            return
        }
        if let original = index.exact[contentHash] {
            index.sets.union(d, original)
            relations.append(.exact)
            bandless.append(true)
            if bands.isEmpty { stats.short += 1 }
            return
        }
        index.exact[contentHash] = d
        relations.append(.none)
        bandless.append(bands.isEmpty)
        guard !bands.isEmpty else {
            stats.short += 1
            return
        }
        var templates = 0
        for (earlier, name) in judgments {
            guard earlier >= 0, earlier < Int(d), let relation = DuplicateRelation(engineName: name) else {
                throw DocumentRejection("judgment '\(earlier):\(name)' of document \(d) names no earlier document and relation")
            }
            index.record(relation, of: d, with: UInt32(earlier), templates: &templates)
        }
        index.joinJudged(d, relations: &relations)
        if templates > 0 { stats.templates += 1 }
    }

    /// Every document's assignment, earlier runs' included (their clusters may have grown or joined), but
    /// for the earlier versions this run's updated versions retired.
    mutating func finish() -> [ClusterAssignment] {
        let (roots, size, canonical) = index.clusters(policy: policy, priority: priority, replacements: replacements)
        var result: [ClusterAssignment] = []
        result.reserveCapacity(index.count)
        var counted = Set<Int>()
        for x in 0..<index.count where !index.superseded[x] {
            let r = Int(roots[x]), c = Int(canonical[x])
            if x >= index.earlierCount, size[r] > 1 {
                if counted.insert(r).inserted { stats.clusters += 1 }
                if c < index.earlierCount { stats.matchedEarlier += 1 }
            }
            result.append(ClusterAssignment(
                number: x, cluster: index.ids[r], root: r, canonical: c, canonicalID: index.ids[c], bandless: bandless[x], clustered: size[r] > 1))
        }
        return result
    }

    var counters: [String: Int] {
        ["documents": stats.documents, "empty": stats.empty, "short": stats.short, "template": stats.templates, "clusters": stats.clusters,
         "index_earlier": index.earlierCount, "matched_earlier": stats.matchedEarlier, "updated": stats.updated]
    }
}
