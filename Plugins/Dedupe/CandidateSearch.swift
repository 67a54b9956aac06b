import CopydeskCore

/// How a document joined its cluster (its strongest verified match).
enum DuplicateRelation: UInt8, Sendable {
    case none, exact, near, syndicated
    /// Shares passages but with other figures, dates or names in them: another report from one
    /// template, kept out of the story's cluster (never a relation in the output).
    case template
    /// A templated report with three or more facts changed in the shared text: its cluster never joins
    /// this one, not even through a third document.
    case strongTemplate
}

/// Candidate search and verification, as mutating methods of the index so the hot loop touches only
/// a value's own storage (no dynamic exclusivity checks on a class's properties).
extension DedupeIndex {
    /// Finds and verifies the candidates of document `d`: LSH band matches (near-duplicates), then
    /// documents sharing at least two passage fingerprints (syndicated versions); joins the matches'
    /// clusters; inserts `d`'s keys. Returns the number of candidates verified.
    mutating func match(_ d: UInt32, _ sketch: DocumentSketch, options: DedupeOptions, relations: inout [DuplicateRelation],
                        templates: inout Int) -> Int {
        // Candidates in the order their postings are met (deterministic), counted with a per-document
        // stamp instead of sorting: band matches always, fingerprint matches from the second shared one.
        while seen.count < count {
            seen.append(.max)
            hits.append(0)
        }
        candidates.removeAll(keepingCapacity: true)
        postings.removeAll(keepingCapacity: true)
        // Touch every key's slot first (the loads overlap), then look up and insert in one probe per key
        // (this document's own postings come after the lookup).
        var touched: UInt32 = 0
        for key in sketch.bandKeys { touched &+= bands.touch(key) }
        for v in sketch.sample where v & DedupeIndex.anchorMask == 0 { touched &+= anchors.touch(v) }
        touchSink &+= touched
        for key in sketch.bandKeys {
            bands.lookupThenInsert(key, d, lookupCap: .max, insertCap: DedupeIndex.bandCap, into: &postings)
        }
        let bandPostings = postings.count
        let cap = options.commonFingerprintCap
        for v in sketch.sample where v & DedupeIndex.anchorMask == 0 {
            anchors.lookupThenInsert(v, d, lookupCap: cap, insertCap: cap, into: &postings)
        }
        let stamp = d
        for k in 0..<postings.count {
            let c = Int(postings[k])
            let band = k < bandPostings
            if seen[c] != stamp {
                seen[c] = stamp
                hits[c] = band ? 0x80 : 1
                candidates.append(UInt32(c))
            } else if band {
                hits[c] |= 0x80
            } else if hits[c] & 0x7F < 0x7F {
                hits[c] += 1
            }
        }
        var verified = 0
        let start = Int(sampleStart[Int(d)])
        let mine = samplePool[start..<(start + Int(sampleCount[Int(d)]))]
        joins.removeAll(keepingCapacity: true)
        for k in 0..<candidates.count {
            let c = candidates[k]
            guard hits[Int(c)] & 0x80 != 0 || hits[Int(c)] >= 2 else { continue }
            if sets.find(c) == sets.find(d) || superseded[Int(c)] && ids[Int(c)] == ids[Int(d)] { continue }
            verified += 1
            let comparison = SampleComparison(mine, sketch.shift, sample(Int(c)), shift[Int(c)])
            let relation = classify(comparison, sketch, other: Int(c), options: options)
            record(relation, of: d, with: c, templates: &templates)
        }
        joinJudged(d, relations: &relations)
        return verified
    }

    /// Notes the judgment of `d` against an earlier document `c` (in the order candidates are met), for
    /// ``joinJudged(_:relations:)``; a distributed run replays the judgments it verified elsewhere.
    mutating func record(_ relation: DuplicateRelation, of d: UInt32, with c: UInt32, templates: inout Int) {
        guard relation != .none else { return }
        if relation == .template || relation == .strongTemplate {
            templates += 1
            // Two versions with a retyped figure each can look templated; three or more other facts cannot.
            if relation == .strongTemplate { keepApart(d, c) }
        }
        joins.append((sets.find(c), relation))
    }

    /// Joins `d` to the clusters its recorded judgments support, then forgets the judgments.
    mutating func joinJudged(_ d: UInt32, relations: inout [DuplicateRelation]) {
        // Joined once every judgment of `d` is known: `d` joins a cluster when as many of its members it was
        // compared with are versions of it as templated reports of it (a version whose retyped figures
        // make it look templated against one other version still joins its story), and never two
        // clusters that hold templated reports of each other (eleven days' reports of one template each
        // "matching" one longer report would otherwise chain into one cluster).
        joins.sort { $0.0 < $1.0 }
        var k = 0
        while k < joins.count {
            let root = joins[k].0
            var versions = 0, reports = 0
            var best = DuplicateRelation.none
            while k < joins.count && joins[k].0 == root {
                let relation = joins[k].1
                if relation == .template || relation == .strongTemplate { reports += 1 } else {
                    versions += 1
                    if best == .none || relation.rawValue < best.rawValue { best = relation }
                }
                k += 1
            }
            // A near-duplicate (Jaccard ≥ near_threshold) is a copy whatever its figures.
            guard versions >= reports || best == .near else { continue }
            if best == .syndicated, mustStayApart(d, root) { continue }
            join(d, root)
            if relations[Int(d)] == .none || best.rawValue < relations[Int(d)].rawValue { relations[Int(d)] = best }
        }
        joins.removeAll(keepingCapacity: true)
    }

    /// Records that the clusters of `a` and `b` hold templated reports of each other.
    mutating func keepApart(_ a: UInt32, _ b: UInt32) {
        apart[sets.find(a), default: []].append(b)
        apart[sets.find(b), default: []].append(a)
    }

    /// Whether joining the clusters of `a` and `b` would put templated reports of each other in one cluster.
    mutating func mustStayApart(_ a: UInt32, _ b: UInt32) -> Bool {
        let ra = sets.find(a), rb = sets.find(b)
        if ra == rb { return false }
        for t in apart[ra] ?? [] where sets.find(t) == rb { return true }
        for t in apart[rb] ?? [] where sets.find(t) == ra { return true }
        return false
    }

    /// Joins the clusters of `a` and `b`, keeping what each must stay apart from.
    mutating func join(_ a: UInt32, _ b: UInt32) {
        let ra = sets.find(a), rb = sets.find(b)
        guard ra != rb else { return }
        let root = sets.union(ra, rb)
        let child = root == ra ? rb : ra
        if let moved = apart.removeValue(forKey: child) { apart[root, default: []].append(contentsOf: moved) }
    }

    /// The relation a verified comparison supports.
    func classify(_ comparison: SampleComparison, _ sketch: DocumentSketch, other: Int, options: DedupeOptions) -> DuplicateRelation {
        if comparison.jaccard >= options.nearThreshold { return .near }
        let containment = max(comparison.containmentOfA, comparison.containmentOfB)
        let shared = comparison.sharedEstimate
        let enoughText = shared >= options.minSharedShingles && containment >= options.minContainment
        // Half the shared text: for the same lead, or leads giving the same facts.
        let halfText = shared >= options.minSharedShingles / 2 && containment >= options.minContainment / 2
        // A quarter, for a match that the leads or the headlines corroborate, within three days (below).
        let someText = options.leadFacts && shared >= options.minSharedShingles / 4 && containment >= options.minContainment / 4
            && Self.sameDays(sketch.published, published[other])
        guard enoughText || halfText || someText else { return .none }
        // Passages counted in both documents' word order; the fewer counts (a background paragraph is
        // one passage in the article that reuses it, however a version of the story splits it).
        let mine = SharedPassages.find(
            sample: sketch.sample, positions: sketch.samplePositions, shift: comparison.shift, other: sample(other),
            shingleSize: options.shingleSize)
        guard let first = mine.first else { return .none }
        let theirs = SharedPassages.find(
            sample: sample(other), positions: positions(other), shift: comparison.shift, other: sketch.sample,
            shingleSize: options.shingleSize)
        guard let theirFirst = theirs.first else { return .none }
        let myLead = first.lowerBound < DocumentSketch.leadWords, theirLead = theirFirst.lowerBound < DocumentSketch.leadWords
        let byPassages = enoughText && (min(mine.count, theirs.count) >= options.minPassages
            || containment >= options.singlePassageContainment
            // One passage that opens one of them and is most of the shorter (a wire story run whole after a
            // local introduction, or cut short): a background paragraph is neither.
            || (myLead || theirLead) && containment >= options.leadPassageContainment)
            // One passage that opens both documents: the same lead, shared with more of the story.
            || (enoughText || halfText) && myLead && theirLead
        // What the leads and headlines say outside the shared text (see ``StoryFacts/agreement(_:_:mine:theirs:)``).
        var leadsAgree = false, corroborated = false
        if options.leadFacts && !byPassages && (halfText || someText) {
            let mineFacts = sketch.storyFacts[...], theirFacts = storyFacts(other)
            let agreement = StoryFacts.agreement(mineFacts, theirFacts, mine: mine, theirs: theirs)
            let facts = agreement.leadFacts
            // Leads giving the same names and figures (a rewrite of the story's lead): half the shared text,
            // unless their dates say otherwise (weeks apart, it is another story that repeats the facts).
            leadsAgree = halfText && facts.agrees(minimum: 5, share: 0.7) && Self.sameDays(sketch.published, published[other])
            // Lead words and headlines are judged only between documents both dated within three days: without
            // dates, another month's report from one template reads the same.
            let dated = sketch.published != nil && published[other] != .min
            if someText && !leadsAgree {
                // The lead said in other words: its words (by stem) and its names and figures kept, no figure
                // of its own.
                let paraphrased = dated && agreement.leadWords.agrees(minimum: 6, share: 0.5) && facts.agrees(minimum: 1, share: 0.6)
                    && 2 * agreement.leadFigures.common >= agreement.leadFigures.smaller
                // The same headline (its words, the same figures), and leads that do not contradict it. Over one
                // shared passage the headlines must be the same (four in five words of the longer): an article
                // on the same subject that reuses one background paragraph comes under a headline of its own
                // that shares some of the story's words; over two passages or more, most words of the shorter.
                let words = agreement.headlineWords
                let sameHeadline = min(mine.count, theirs.count) >= 2
                    ? words.agrees(minimum: 3, share: 0.6)
                    : words.common >= 3 && 5 * words.common >= 4 * max(words.a, words.b)
                let headline = dated && sameHeadline
                    && agreement.headlineFigures.common == max(agreement.headlineFigures.a, agreement.headlineFigures.b)
                    && (facts.smaller < 2 || 2 * facts.common >= facts.smaller)
                // One lead's names and figures given by the other outside the text they share.
                corroborated = paraphrased || headline
                    || Self.covers(StoryFacts.leadCover(mineFacts, theirFacts, mine: mine, theirs: theirs))
                    || Self.covers(StoryFacts.leadCover(theirFacts, mineFacts, mine: theirs, theirs: mine))
            }
        }
        guard byPassages || leadsAgree || corroborated else { return .none }
        // The same wording with other figures, dates or names in it: another report from one template. A
        // match on what the leads say (one shared passage) is judged on the whole documents, not only the
        // shared text: wherever both put a fact between the same words (a rewrite says its lead in other
        // words; another report from the template keeps them), the fact must be the same — one retyped
        // figure aside, not two.
        if options.templates {
            let differences = byPassages
                ? TemplateFacts.compare(sketch.facts[...], facts(other), mine: mine, theirs: theirs)
                : TemplateFacts.compare(sketch.facts[...], facts(other), mine: Self.everything, theirs: Self.everything)
            if TemplateFacts.isTemplate(differences, enough: byPassages ? 3 : 2) {
                // Corroborated on a quarter of the text, it is no rewrite; too little shared text to call it a
                // templated report (which keeps its cluster apart from this one's).
                if corroborated { return .none }
                return differences.differing >= 3 ? .strongTemplate : .template
            }
        }
        return .syndicated
    }

    /// The whole document, as one passage.
    static let everything = [0..<Int(Int32.max)]

    /// Whether a lead's facts are given by the other document: at least `minimum` of them and 60%.
    static func covers(_ cover: (common: Int, total: Int), minimum: Int = 4) -> Bool {
        cover.common >= minimum && 10 * cover.common >= 6 * cover.total
    }

    /// Whether two publication times, when both are known, are at most three days apart: rewrites of
    /// one story run within days of it; an article months later that repeats its facts is another story.
    static func sameDays(_ a: Int64?, _ b: Int64) -> Bool {
        guard let a, b != .min else { return true }
        return abs(a - b) <= 3 * 86_400
    }
}

