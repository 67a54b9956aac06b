public import CopydeskCore
import Foundation

/// The `dedupe` stage: clusters exact copies, near-duplicates and syndicated versions of one story
/// across the whole batch (and across runs, with an index file), picks a canonical member per cluster
/// and marks or drops the others. Shingling, sampling and MinHash run on the workers; lookup and
/// insert run in input order, so the output is the same for any number of workers.
public final class DedupeStage: CorpusStage {
    /// The settings the stage was built with.
    public let options: DedupeOptions
    let builder: SketchBuilder
    private var index: DedupeIndex
    private let priority: SourcePriority
    private var spill: DocumentSpill
    private var relations: [Relation] = []
    private var indexFile: AtomicFile?
    private let lock = IndexLock()
    private var stats = Counters()
    /// The index number of every document consumed, in input order: this run's new documents get new
    /// numbers; a document already in the index (same id and content) gets its earlier number.
    /// Everything inside the stage is keyed by these numbers, never by id.
    private var positions: [UInt32] = []
    /// Earlier documents by id hash: the first with it, then a chain through `nextSameIDHash` (several
    /// when an earlier input repeated an id, or two ids' hashes collide; ids are compared). About 30
    /// bytes per earlier document.
    private var firstByIDHash: [UInt64: UInt32] = [:]
    private var nextSameIDHash: [UInt32] = []
    /// Earlier documents already met again in this run (each is recognised once).
    private var claimed: [Bool] = []
    /// Earlier documents replaced in this run by a new version: earlier number → new number.
    private var replacements: [(old: UInt32, new: UInt32)] = []
    /// Hashes of the ids met so far in this run, to count repeated ones (16 bytes a document, not the ids).
    private var seenIDs = Set<UInt64>()

    /// How a document joined its cluster (its strongest verified match).
    typealias Relation = DuplicateRelation

    /// Counts for the run report.
    struct Counters {
        var documents = 0, empty = 0, short = 0, exact = 0, near = 0, syndicated = 0
        var verified = 0, templates = 0, earlier = 0, clusters = 0, duplicates = 0, matchedEarlier = 0
        var duplicateIDs = 0, alreadyIndexed = 0, updated = 0

        /// Counts a duplicate by its relation.
        mutating func count(_ relation: DuplicateRelation) {
            switch relation {
            case .exact: exact += 1
            case .near: near += 1
            default: syndicated += 1
            }
            duplicates += 1
        }
    }

    /// Builds the stage.
    public init(options: DedupeOptions = DedupeOptions()) {
        self.options = options
        let lsh = LSHParameters.optimal(threshold: options.lshThreshold, permutations: options.permutations)
        let boilerplate = BoilerplateLines(extra: options.boilerplateLines)
        priority = SourcePriority(options.sourcePriority)
        builder = SketchBuilder(
            tokeniser: MatchTokeniser(boilerplate: boilerplate), shingleSize: options.shingleSize, sampleCap: options.sampleCap,
            minHash: OnePermutationMinHash(bins: options.permutations), lsh: lsh, priority: priority)
        index = DedupeIndex(parameters: DedupeIndex.Parameters(
            shingleSize: options.shingleSize, permutations: options.permutations, lsh: lsh, sampleCap: options.sampleCap,
            seed: DedupeStage.hashingVersion, boilerplate: boilerplate.fingerprint))
        spill = DocumentSpill(
            budget: options.memoryBudgetMB << 20,
            directory: options.spillDirectory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp")
    }

    /// Identifies the word and shingle hashing; change it whenever the tokeniser or the hashes change, so
    /// that an index written by another version is refused instead of silently never matching.
    static let hashingVersion: UInt64 = 0x5EED_C0DE_0000_0002

    /// What an index (or a distributed run's replay) must share with this stage.
    var indexParameters: DedupeIndex.Parameters { index.parameters }

    /// The LSH bands and rows derived from `lsh_threshold`.
    public var lshBands: (bands: Int, rows: Int) { (index.parameters.lsh.bands, index.parameters.lsh.rows) }

    /// The stage as registered: id `dedupe`, corpus-wide.
    public static let descriptor = StageDescriptor(
        id: "dedupe",
        summary: "Clusters exact copies, near-duplicates (word-shingle Jaccard) and syndicated versions (several shared passages) "
            + "across the batch and, with an index file, across runs; fills 'duplicate' and marks or drops non-canonical members.",
        options: DedupeOptions.self,
        make: { options, _ throws(ConfigError) in DedupeStage(options: options.value) })

    /// Tokenising, shingling, sampling and MinHash: the parallel part.
    public var preparer: SketchBuilder? { builder }

    /// Locks the index file for the run (`<index>.lock`; a second run fails at once), then loads the
    /// index of earlier runs, when there is one; refuses a foreign or damaged one.
    public func start() throws(StageError) {
        guard let path = options.index else { return }
        try lock.acquire(index: path, exclusive: options.updateIndex)
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            index = try IndexFile.load(path, parameters: index.parameters, anchorCap: options.commonFingerprintCap)
        } catch {
            lock.release()
            throw error
        }
        stats.earlier = index.count
        relations = [Relation](repeating: .none, count: index.count)
        claimed = [Bool](repeating: false, count: index.count)
        firstByIDHash.reserveCapacity(index.count)
        nextSameIDHash = [UInt32](repeating: .max, count: index.count)
        for d in (0..<index.count).reversed() {
            let h = Mix64.string(index.ids[d])
            if let next = firstByIDHash.updateValue(UInt32(d), forKey: h) { nextSameIDHash[d] = next }
        }
    }

    /// The earlier document `document` is (same id, same content, not yet met in this run), claimed;
    /// otherwise, when its id is in the index with other content, retires that earlier version (it is
    /// superseded by the new one, which is matched normally).
    private func recogniseEarlier(_ document: Document, idHash: UInt64, _ sketch: DocumentSketch) -> UInt32? {
        var other: UInt32?
        var next = firstByIDHash[idHash] ?? .max
        while next != .max {
            let e = next
            next = nextSameIDHash[Int(e)]
            guard !claimed[Int(e)], !index.superseded[Int(e)], index.ids[Int(e)] == document.id else { continue }
            if index.contentHash[Int(e)] == sketch.contentHash {
                claimed[Int(e)] = true
                return e
            }
            if other == nil { other = e }
        }
        if let old = other {
            claimed[Int(old)] = true
            index.superseded[Int(old)] = true
            if index.exact[index.contentHash[Int(old)]] == old { index.exact[index.contentHash[Int(old)]] = nil }
            replacements.append((old, UInt32(index.count)))
            stats.updated += 1
        }
        return nil
    }

    /// Looks `document` up (exact, LSH, passage fingerprints), verifies candidates, joins clusters and
    /// inserts it; the document itself waits for `finish`.
    public func consume(_ document: Document, prepared: DocumentSketch?, into output: inout some CorpusOutput) throws(StageError) {
        let sketch = prepared ?? builder.sketch(document)
        try spill.append(document)
        stats.documents += 1
        let idHash = Mix64.string(document.id)
        if !seenIDs.insert(idHash).inserted { stats.duplicateIDs += 1 }
        if !firstByIDHash.isEmpty, let earlier = recogniseEarlier(document, idHash: idHash, sketch) {
            // Already indexed (a re-run): it keeps its cluster and is not added again.
            stats.alreadyIndexed += 1
            if sketch.words == 0 { stats.empty += 1 } else if !sketch.hasShingles { stats.short += 1 }
            positions.append(earlier)
            return
        }
        positions.append(UInt32(index.count))
        let name = SourcePriority.name(of: document)
        if sketch.words == 0 {
            // Nothing to match on: always alone.
            stats.empty += 1
            _ = index.append(id: document.id, name: name, title: document.title, published: sketch.published, sketch: sketch, sameSampleAs: nil)
            relations.append(.none)
            return
        }
        if let original = index.exact[sketch.contentHash] {
            let d = index.append(id: document.id, name: name, title: document.title, published: sketch.published, sketch: sketch, sameSampleAs: Int(original))
            index.sets.union(d, original)
            relations.append(.exact)
            if !sketch.hasShingles { stats.short += 1 }
            return
        }
        let d = index.append(id: document.id, name: name, title: document.title, published: sketch.published, sketch: sketch, sameSampleAs: nil)
        index.exact[sketch.contentHash] = d
        relations.append(.none)
        guard sketch.hasShingles else {
            stats.short += 1
            return
        }
        var templates = 0
        stats.verified += index.match(d, sketch, options: options, relations: &relations, templates: &templates)
        if templates > 0 { stats.templates += 1 }
    }

    /// Chooses every cluster's canonical member, emits (or drops) the documents in input order with
    /// `duplicate` filled in, and writes the new index under a temporary name.
    public func finish(into output: inout some CorpusOutput) throws(StageError) {
        let (roots, size, canonical) = index.clusters(policy: options.canonical, priority: priority, replacements: replacements)
        var k = 0
        let passages = options.passages
        var countedRoots = Set<UInt32>()
        try spill.drain { (original: Document) throws(StageError) in
            var document = original
            let d = Int(positions[k])
            k += 1
            let r = Int(roots[d]), c = Int(canonical[d])
            var info = DuplicateInfo(cluster: index.ids[r], canonical: index.ids[c], similarity: 1.0)
            if size[r] > 1 {
                if countedRoots.insert(UInt32(r)).inserted { stats.clusters += 1 }
                if c < index.earlierCount, d >= index.earlierCount { stats.matchedEarlier += 1 }
            }
            if c != d {
                let judged = DuplicateJudgement(
                    own: index.sample(d), ownShift: index.shift[d], ownHash: index.contentHash[d],
                    bandless: index.bandStart[d] < 0, canonical: index.sample(c), canonicalShift: index.shift[c],
                    canonicalHash: index.contentHash[c], nearThreshold: options.nearThreshold)
                stats.count(judged.relation)
                info = judged.info(cluster: info.cluster, canonical: info.canonical, text: document.text, passages: passages, builder: builder)
                document.duplicate = info
                if let reason = judged.dropReason(info, options: options) {
                    output.drop(document, reason: reason)
                } else {
                    output.emit(document)
                }
            } else {
                document.duplicate = info
                output.emit(document)
            }
        }
        if let path = options.index, options.updateIndex {
            let file = try AtomicFile(path: path)
            try IndexFile.write(&index, canonical: canonical, to: file)
            indexFile = file
        }
    }

    /// Moves the new index file into place, once every stage of the run has succeeded.
    public func commit() throws(StageError) {
        defer { lock.release() }
        if indexFile != nil { try lock.verify() }
        try indexFile?.commit()
        indexFile = nil
    }

    /// Discards the new index and the spill file; the previous index stays as it was.
    public func abort() {
        indexFile?.abort()
        indexFile = nil
        spill.discard()
        lock.release()
    }

    /// Documents, empty and short ones, relations, clusters and lookups, documents already indexed,
    /// updated versions and repeated ids, for the run report.
    public var counters: [String: Int] {
        [
            "documents": stats.documents, "empty": stats.empty, "short": stats.short, "exact": stats.exact, "near": stats.near,
            "syndicated": stats.syndicated, "template": stats.templates, "clusters": stats.clusters, "duplicates": stats.duplicates,
            "candidates_verified": stats.verified, "index_earlier": stats.earlier, "matched_earlier": stats.matchedEarlier,
            "duplicate_ids": stats.duplicateIDs, "already_indexed": stats.alreadyIndexed, "updated": stats.updated,
        ]
    }

    /// Documents, clusters and duplicates by relation first; then what was set aside, the lookups and
    /// the index.
    public var counterOrder: [String] {
        ["documents", "clusters", "duplicates", "exact", "near", "syndicated", "template", "empty", "short",
         "matched_earlier", "index_earlier", "already_indexed", "updated", "duplicate_ids", "candidates_verified"]
    }
}
