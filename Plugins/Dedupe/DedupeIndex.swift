/// Every document the stage knows, from earlier runs (loaded from the index file) and from this run,
/// as flat arrays: what verification, canonical choice and the index file need, about 0.5–1 KB per
/// document. Documents are numbered in order: earlier runs first, then this run's input order.
struct DedupeIndex: Sendable {
    /// Parameters a stored index must share with the stage to be usable.
    struct Parameters: Sendable, Equatable {
        var shingleSize: Int
        var permutations: Int
        var lsh: LSHParameters
        var sampleCap: Int
        var seed: UInt64
        var boilerplate: UInt64
    }

    let parameters: Parameters
    var ids: [String] = []
    /// Source name (site or URL host) for the source-priority policy.
    var names: [String?] = []
    /// Titles, for `copydesk clusters` to name an earlier run's canonical (`nil` when unknown).
    var titles: [String?] = []
    /// Seconds since 1970, `Int64.min` when unknown.
    var published: [Int64] = []
    var words: [UInt32] = []
    var contentHash: [UInt64] = []
    var shift: [UInt8] = []
    var sampleStart: [UInt32] = []
    var sampleCount: [UInt16] = []
    /// Start of the document's band keys in `bandPool`, -1 when it has none.
    var bandStart: [Int32] = []
    var samplePool: [UInt32] = []
    /// The word position of each sample value (parallel to `samplePool`, clamped to 65,535).
    var positionPool: [UInt16] = []
    var bandPool: [UInt32] = []
    /// Each document's facts in their slots (``TemplateFacts``), flattened (slot, value, word position) triples; empty for
    /// documents of earlier runs (the index file does not keep them).
    var factPool: [UInt32] = []
    var factStart: [UInt32] = []
    var factCount: [UInt16] = []
    /// Each document's names, figures and dates (``StoryFacts``), flattened (value, word position) pairs.
    var storyFactPool: [UInt32] = []
    var storyFactStart: [UInt32] = []
    /// For documents of earlier runs: the canonical member of their cluster then.
    var earlierCanonical: [UInt32] = []
    /// Documents of an earlier run replaced in this run by a new version with the same id: never
    /// matched against that new version (nor found as an exact original), never canonical, and left
    /// out of the index file written at the end. Other documents still match their text.
    var superseded: [Bool] = []
    var sets = UnionFind()
    /// Per cluster root, the documents judged templated reports of one of its members (this run): the
    /// cluster never joins theirs.
    var apart: [UInt32: [UInt32]] = [:]
    /// Scratch: the verified matches of the current document, joined after all its candidates are judged.
    var joins: [(UInt32, DuplicateRelation)] = []
    /// Exact-copy lookup: content hash → first document with it.
    var exact: [UInt64: UInt32] = [:]
    var bands = HashMultimap()
    var anchors = HashMultimap()
    /// Documents loaded from earlier runs (numbers below this).
    var earlierCount = 0
    /// Scratch for candidate search: per document, the document whose candidates it last was and its
    /// hits then; the candidates of the current document.
    var seen: [UInt32] = []
    var hits: [UInt8] = []
    var candidates: [UInt32] = []
    var postings: [UInt32] = []
    /// Keeps the cache-warming loads of ``HashMultimap/touch(_:)`` from being optimised away.
    var touchSink: UInt32 = 0

    init(parameters: Parameters) { self.parameters = parameters }

    var count: Int { ids.count }

    /// The sorted sample of document `d`.
    func sample(_ d: Int) -> ArraySlice<UInt32> {
        let start = Int(sampleStart[d])
        return samplePool[start..<(start + Int(sampleCount[d]))]
    }

    /// The word positions of document `d`'s sample values.
    func positions(_ d: Int) -> ArraySlice<UInt16> {
        let start = Int(sampleStart[d])
        return positionPool[start..<(start + Int(sampleCount[d]))]
    }

    /// The facts of document `d`, as (slot, value, word position) triples flattened.
    func facts(_ d: Int) -> ArraySlice<UInt32> {
        guard d < factStart.count else { return [] }
        let start = Int(factStart[d])
        return factPool[start..<(start + Int(factCount[d]))]
    }

    /// The names, figures and dates of document `d`, as (value, word position) pairs flattened.
    func storyFacts(_ d: Int) -> ArraySlice<UInt32> {
        guard d < storyFactStart.count else { return [] }
        let start = Int(storyFactStart[d])
        let end = d + 1 < storyFactStart.count ? Int(storyFactStart[d + 1]) : storyFactPool.count
        return storyFactPool[start..<end]
    }

    /// Records document `d`'s facts.
    mutating func appendFacts(_ d: UInt32, _ facts: [UInt32], story: [UInt32]) {
        while factStart.count < Int(d) {
            factStart.append(UInt32(factPool.count))
            factCount.append(0)
        }
        factStart.append(UInt32(factPool.count))
        factCount.append(UInt16(clamping: facts.count))
        factPool.append(contentsOf: facts.prefix(Int(UInt16.max)))
        while storyFactStart.count < Int(d) { storyFactStart.append(UInt32(storyFactPool.count)) }
        storyFactStart.append(UInt32(storyFactPool.count))
        storyFactPool.append(contentsOf: story)
    }

    /// Appends a document record; `sameSampleAs` reuses another document's sample (exact copies).
    mutating func append(id: String, name: String?, title: String?, published: Int64?, sketch: DocumentSketch, sameSampleAs: Int?) -> UInt32 {
        ids.append(id)
        names.append(name)
        titles.append(title)
        self.published.append(published ?? .min)
        words.append(UInt32(clamping: sketch.words))
        contentHash.append(sketch.contentHash)
        if let original = sameSampleAs {
            shift.append(shift[original])
            sampleStart.append(sampleStart[original])
            sampleCount.append(sampleCount[original])
            bandStart.append(-1)
        } else {
            shift.append(sketch.shift)
            sampleStart.append(UInt32(samplePool.count))
            sampleCount.append(UInt16(sketch.sample.count))
            samplePool.append(contentsOf: sketch.sample)
            for p in sketch.samplePositions { positionPool.append(UInt16(clamping: p)) }
            if sketch.hasShingles {
                bandStart.append(Int32(bandPool.count))
                bandPool.append(contentsOf: sketch.bandKeys)
            } else {
                bandStart.append(-1)
            }
        }
        earlierCanonical.append(UInt32.max)
        superseded.append(false)
        let d = sets.add()
        appendFacts(d, sketch.facts, story: sketch.storyFacts)
        return d
    }

    /// Puts document `d`'s band keys and passage fingerprints into the lookup tables.
    mutating func insertKeys(_ d: UInt32, anchorCap: Int) {
        let b = Int(bandStart[Int(d)])
        if b >= 0 {
            // A band key already shared by many documents joins them into one cluster; more postings
            // add nothing but lookup time, so the first `bandCap` are kept (lookups still find them).
            for t in 0..<parameters.lsh.bands { bands.insert(bandPool[b + t], d, cap: DedupeIndex.bandCap) }
        }
        for v in sample(Int(d)) where v & DedupeIndex.anchorMask == 0 { anchors.insert(v, d, cap: anchorCap) }
    }

    /// A sampled shingle is a passage fingerprint (anchor) when its low 2 bits are zero: rate 1/4, or
    /// the document's own coarser rate. Consistent across documents, so shared passages share anchors.
    static let anchorMask: UInt32 = 3
    /// Postings kept per LSH band key.
    static let bandCap = 64
}
