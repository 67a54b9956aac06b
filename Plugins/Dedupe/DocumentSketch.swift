import CopydeskCore

/// What matching needs to know about one document, computed in parallel before the in-order part:
/// the exact content hash, a consistent sample of its shingle hashes (sorted, for verification, and in
/// document order with word positions, for finding shared passages), and its LSH band keys.
struct DocumentSketch: Sendable {
    /// Matching words (after boilerplate lines are left out).
    var words: Int
    /// Hash of the whole matching word sequence: equal for exact copies.
    var contentHash: UInt64
    /// Sample rate 2^-shift: a shingle is sampled when its value's low `shift` bits are zero.
    var shift: UInt8
    /// Distinct sampled shingle values, sorted.
    var sample: [UInt32]
    /// Sampled shingle values in document order, with the word position of each.
    var ordered: [UInt32]
    var positions: [UInt32]
    /// One key per LSH band; empty for documents too short to shingle.
    var bandKeys: [UInt32]
    /// Publication time in seconds since 1970, when known.
    var published: Int64?
    /// Rank in the source-priority list (lower wins); `Int32.max` when not listed.
    var priority: Int32

    /// Whether the document has shingles (at least `shingleSize` words).
    var hasShingles: Bool { !bandKeys.isEmpty }
}

/// Computes ``DocumentSketch``es: tokenise, hash shingles, sample, sign, band. Pure, so it runs on
/// the workers and gives the same result on any thread.
struct SketchBuilder: DocumentPreparer {
    let tokeniser: MatchTokeniser
    let shingleSize: Int
    let sampleCap: Int
    let minHash: OnePermutationMinHash
    let lsh: LSHParameters
    let priority: SourcePriority

    func prepare(_ document: Document) -> any Sendable { sketch(document) }

    /// The sketch of `document`.
    func sketch(_ document: Document) -> DocumentSketch {
        var words: [UInt64] = []
        words.reserveCapacity(document.text.utf8.count / 5)
        tokeniser.tokenise(document.text, into: &words)
        var content: UInt64 = 0x1234_5678_9ABC_DEF1 ^ UInt64(words.count)
        for w in words { content = Mix64.combine(content, w) }
        var result = DocumentSketch(
            words: words.count, contentHash: Mix64.fmix(content), shift: 0, sample: [], ordered: [], positions: [],
            bandKeys: [], published: PublishedDate.seconds(document.published), priority: priority.rank(of: document))
        let count = words.count - shingleSize + 1
        guard count > 0 else { return result }
        var shingles = [UInt64](repeating: 0, count: count)
        var depth = [Int](repeating: 0, count: 33)
        words.withUnsafeBufferPointer { w in
            shingles.withUnsafeMutableBufferPointer { s in
                for i in 0..<count {
                    let h = Mix64.shingle(w, i, shingleSize)
                    s[i] = h
                    depth[min(32, UInt32(truncatingIfNeeded: h >> 32).trailingZeroBitCount)] += 1
                }
            }
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
        result.ordered.reserveCapacity(kept)
        result.positions.reserveCapacity(kept)
        for i in 0..<count {
            let v = UInt32(truncatingIfNeeded: shingles[i] >> 32)
            if v & mask == 0 {
                result.ordered.append(v)
                result.positions.append(UInt32(i))
            }
        }
        var sorted = result.ordered
        sorted.sort()
        var unique = 0
        for v in sorted where unique == 0 || sorted[unique - 1] != v {
            sorted[unique] = v
            unique += 1
        }
        sorted.removeSubrange(unique...)
        result.sample = sorted
        var signature: [UInt64] = []
        var filled: [Bool] = []
        shingles.withUnsafeBufferPointer { minHash.sign($0, into: &signature, filled: &filled) }
        result.bandKeys = BandKeys.keys(signature, lsh)
        return result
    }
}

/// The LSH band keys of a signature: each band's rows hashed to 32 bits, mixed with the band number.
enum BandKeys {
    static func keys(_ signature: [UInt64], _ lsh: LSHParameters) -> [UInt32] {
        var keys: [UInt32] = []
        keys.reserveCapacity(lsh.bands)
        for band in 0..<lsh.bands {
            var h = Mix64.fmix(UInt64(band) &+ 0x9E37_79B9)
            for row in 0..<lsh.rows { h = Mix64.combine(h, signature[band * lsh.rows + row]) }
            keys.append(UInt32(truncatingIfNeeded: Mix64.fmix(h) >> 32))
        }
        return keys
    }
}
