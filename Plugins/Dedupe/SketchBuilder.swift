public import CopydeskCore

/// Computes ``DocumentSketch``es: tokenise, hash shingles, sample, sign, band. Pure, so it runs on
/// the workers and gives the same result on any thread.
public struct SketchBuilder: DocumentPreparer {
    let tokeniser: MatchTokeniser
    let shingleSize: Int
    let sampleCap: Int
    let minHash: OnePermutationMinHash
    let lsh: LSHParameters
    let priority: SourcePriority

    public func prepare(_ document: Document) -> DocumentSketch { sketch(document) }

    /// The sketch of `document`.
    func sketch(_ document: Document) -> DocumentSketch {
        var text = document.text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bytes.count / 2 + 1) { words in
                withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: bytes.count / 2 + 1) { ranges in
                    let count = tokeniser.scan(bytes, into: words, ranges: ranges)
                    var result = sketch(words: words, count: count, document: document)
                    if result.hasShingles {
                        TemplateFacts.extract(bytes: bytes, words: words, ranges: ranges, count: count, into: &result.facts)
                        StoryFacts.extract(bytes: bytes, words: words, ranges: ranges, count: count, title: document.title, tokeniser: tokeniser,
                                           into: &result.storyFacts)
                    }
                    return result
                }
            }
        }
    }

    private func sketch(words: UnsafeMutableBufferPointer<UInt64>, count wordCount: Int, document: Document) -> DocumentSketch {
        var content: UInt64 = 0x1234_5678_9ABC_DEF1 ^ UInt64(wordCount)
        for i in 0..<wordCount { content = Mix64.combine(content, words[i]) }
        var result = DocumentSketch(
            words: wordCount, contentHash: Mix64.fmix(content), shift: 0, storage: [], published: document.published.flatMap(PublishedTime.seconds).map(Int64.init), priority: priority.rank(of: document))
        let count = wordCount - shingleSize + 1
        guard count > 0 else { return result }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { shingles in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 33) { depth in
                depth.initialize(repeating: 0)
                let w = UnsafeBufferPointer(words)
                for i in 0..<count {
                    let h = Mix64.shingle(w, i, shingleSize)
                    shingles[i] = h
                    depth[min(32, UInt32(truncatingIfNeeded: h >> 32).trailingZeroBitCount)] += 1
                }
                // The smallest rate 2^-shift that keeps at most `sampleCap` sampled shingles.
                var shift = 0
                var kept = count
                while kept > sampleCap && shift < 31 {
                    kept -= depth[shift]
                    shift += 1
                }
                let mask = (UInt32(1) << UInt32(shift)) &- 1
                result.shift = UInt8(shift)
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: kept + 1) { pairs in
                    // (value << 32 | position), sorted: by value, then first position.
                    var n = 0
                    for i in 0..<count {
                        let v = UInt32(truncatingIfNeeded: shingles[i] >> 32)
                        if v & mask == 0 {
                            pairs[n] = UInt64(v) << 32 | UInt64(i)
                            n += 1
                        }
                    }
                    let sorted = UnsafeMutableBufferPointer(rebasing: pairs[0..<n])
                    SortedUnique.sortUniform(sorted)
                    var unique = 0
                    for i in 0..<n where unique == 0 || sorted[unique - 1] >> 32 != sorted[i] >> 32 {
                        sorted[unique] = sorted[i]
                        unique += 1
                    }
                    var storage: [UInt32] = []
                    storage.reserveCapacity(2 * unique + lsh.bands)
                    for i in 0..<unique { storage.append(UInt32(truncatingIfNeeded: sorted[i] >> 32)) }
                    for i in 0..<unique { storage.append(UInt32(truncatingIfNeeded: sorted[i])) }
                    result.storage = storage
                    result.sampleCount = unique
                }
            }
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: minHash.bins) { signature in
                withUnsafeTemporaryAllocation(of: Bool.self, capacity: minHash.bins) { filled in
                    minHash.sign(UnsafeBufferPointer(shingles), into: signature, filled: filled)
                    BandKeys.append(UnsafeBufferPointer(signature), lsh, to: &result.storage)
                }
            }
        }
        return result
    }
}
