import CopydeskCore

/// How a document joined its cluster (its strongest verified match).
enum DuplicateRelation: UInt8, Sendable {
    case none, exact, near, syndicated
    /// Shares passages but with other figures, dates or names in them: another report from one
    /// template, kept out of the story's cluster (never a relation in the output).
    case template
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
        for k in 0..<candidates.count {
            let c = candidates[k]
            guard hits[Int(c)] & 0x80 != 0 || hits[Int(c)] >= 2 else { continue }
            if sets.find(c) == sets.find(d) || superseded[Int(c)] && ids[Int(c)] == ids[Int(d)] { continue }
            verified += 1
            let comparison = SampleComparison(mine, sketch.shift, sample(Int(c)), shift[Int(c)])
            let relation = classify(comparison, sketch, other: Int(c), options: options)
            guard relation != .none else { continue }
            if relation == .template {
                templates += 1
                continue
            }
            sets.union(d, c)
            if relations[Int(d)] == .none || relation.rawValue < relations[Int(d)].rawValue { relations[Int(d)] = relation }
        }
        return verified
    }

    /// The relation a verified comparison supports.
    func classify(_ comparison: SampleComparison, _ sketch: DocumentSketch, other: Int, options: DedupeOptions) -> DuplicateRelation {
        if comparison.jaccard >= options.nearThreshold { return .near }
        let containment = max(comparison.containmentOfA, comparison.containmentOfB)
        // Leads giving the same facts (a rewrite of the story's lead): half the shared text suffices, in
        // one passage (see ``TemplateFacts/leadsAgree(_:_:minimum:)``).
        let otherFacts = facts(other)
        let leadsAgree = options.leadFacts && comparison.sharedEstimate >= options.minSharedShingles / 2
            && containment >= options.minContainment / 2 && TemplateFacts.leadsAgree(sketch.facts[...], otherFacts)
        guard leadsAgree || comparison.sharedEstimate >= options.minSharedShingles && containment >= options.minContainment else { return .none }
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
        let byPassages = min(mine.count, theirs.count) >= options.minPassages
            || containment >= options.singlePassageContainment
            // One passage that opens both documents: the same lead, shared with more of the story.
            || myLead && theirLead
            // One passage that opens one of them and is most of the shorter (a wire story run whole after a
            // local introduction, or cut short): a background paragraph is neither.
            || (myLead || theirLead) && containment >= options.leadPassageContainment
        guard byPassages || leadsAgree else { return .none }
        // The same wording with other figures, dates or names in it: another report from one template. A
        // match on the leads' facts alone (one shared passage) admits no other fact in that passage.
        if options.templates, TemplateFacts.isTemplate(sketch.facts[...], otherFacts, mine: mine, theirs: theirs, enough: byPassages ? 3 : 1) {
            return .template
        }
        return .syndicated
    }
}
