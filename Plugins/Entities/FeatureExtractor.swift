/// Turns a tokenised document into hashed feature buckets, `featureCount` per token, for the tagger.
///
/// Features: the word in lower case, its shape and capitalisation, prefixes and suffixes, the neighbours'
/// words and shapes, the sentence position and whether the sentence is in capitals (headlines, results
/// tables), capitalisation in context (does the word also appear in lower case, or capitalised mid-sentence,
/// elsewhere in the document), the run of capitalised words it sits in, and gazetteer membership of the
/// token, its neighbours and the longest multi-token gazetteer match covering it.
public struct FeatureExtractor: Sendable {
    /// Features per token (fixed, so buckets form a dense `tokens × featureCount` matrix).
    public static let featureCount = 32
    /// log2 of the number of weight rows.
    public let bucketBits: Int
    /// The gazetteer the membership features read.
    public let gazetteer: GazetteerTable

    /// Creates an extractor hashing into `1 << bucketBits` rows.
    public init(bucketBits: Int, gazetteer: GazetteerTable) {
        self.bucketBits = bucketBits
        self.gazetteer = gazetteer
    }

    /// Capitalisation classes.
    enum Caps: UInt64 {
        case none = 0, lower, title, upper, initial, mixed
        var isCapitalised: Bool { self == .title || self == .upper || self == .initial || self == .mixed }
    }

    /// Per-token facts the features are built from, kept for the whole document (the rules and the document
    /// pass read them too), so compact: 24 bytes a token. Shapes, affixes and length are read from the bytes
    /// when a window's buckets are built.
    struct TokenFacts {
        var lower: UInt64 = 0
        var single: UInt16 = 0
        var gazB: UInt16 = 0
        var gazI: UInt16 = 0
        var caps: Caps = .none
        var first = false
        var capsSentence = false
        /// Length of the run of capitalised tokens (capped at 4) << 4 | position in it.
        var capRun: UInt8 = 0
    }

    /// Bucket indices for every token, row-major: token `i`'s features at `i * featureCount ..< (i + 1) * featureCount`.
    public func buckets(_ text: TokenizedText) -> [UInt32] {
        let facts = self.facts(text)
        let flags = Self.documentFlags(text, facts)
        var out = [UInt32](repeating: 0, count: facts.count * Self.featureCount)
        out.withUnsafeMutableBufferPointer { out in
            buckets(text, facts: facts, documentFlags: flags, tokens: 0..<facts.count, into: out)
        }
        return out
    }

    /// Bucket indices for the tokens `range` only, row-major from `out[0]`, from facts computed for the whole
    /// of `text` (neighbours outside `range` are read as usual): the tagger builds a big document's features a
    /// window at a time. Shapes and lower-cased bytes are made here for the range alone (scratch of the
    /// window's size).
    func buckets(
        _ text: TokenizedText, facts: [TokenFacts], documentFlags docFlags: [UInt64: UInt8],
        tokens range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt32>
    ) {
        precondition(out.count >= range.count * Self.featureCount)
        guard !range.isEmpty else { return }
        let n = facts.count
        let mask = UInt64((1 << bucketBits) - 1)
        let none = FeatureCodes.none
        // Lower-casing keeps byte offsets and starts at a token (a scalar boundary): the same bytes as lowering
        // the whole text.
        let span = text.tokens[range.lowerBound].byteStart
        let lower = LowerCase.lowered(Array(text.bytes[span..<text.tokens[range.upperBound - 1].byteEnd]))
        let shapeFrom = max(0, range.lowerBound - 1)
        let shapeTo = min(n, range.upperBound + 1)
        var shapes = [UInt64](repeating: 0, count: shapeTo - shapeFrom)
        text.bytes.withUnsafeBufferPointer { raw in
            for k in shapeFrom..<shapeTo {
                shapes[k - shapeFrom] = Self.shape(raw, text.tokens[k].byteStart, text.tokens[k].byteEnd).0
            }
        }
        lower.withUnsafeBufferPointer { low in
            for i in range {
                let f = facts[i]
                let t = text.tokens[i]
                let length = t.byteEnd - t.byteStart
                let ts = t.byteStart - span, te = t.byteEnd - span
                let shape = shapes[i - shapeFrom]
                let p1 = i > 0 ? facts[i - 1] : nil
                let p2 = i > 1 ? facts[i - 2] : nil
                let n1 = i + 1 < n ? facts[i + 1] : nil
                let n2 = i + 2 < n ? facts[i + 2] : nil
                let lp1 = p1?.lower ?? FeatureCodes.start, lp2 = p2?.lower ?? FeatureCodes.start
                let ln1 = n1?.lower ?? FeatureCodes.end, ln2 = n2?.lower ?? FeatureCodes.end
                let sp1 = i > 0 ? shapes[i - 1 - shapeFrom] : FeatureCodes.start
                let sn1 = i + 1 < n ? shapes[i + 1 - shapeFrom] : FeatureCodes.end
                let flags = f.caps == .none ? none : UInt64(docFlags[f.lower] ?? 0)
                let ctx = (f.first ? 1 : 0) | (f.capsSentence ? 2 : 0)
                let base = (i - range.lowerBound) * Self.featureCount
                @inline(__always) func put(_ template: Int, _ value: UInt64) {
                    let h = FeatureHash.combine(UInt64(template + 1) &* 0x1000_0000_01B3, value)
                    out[base + template] = UInt32(truncatingIfNeeded: h & mask)
                }
                put(0, 0)
                put(1, f.lower)
                put(2, shape)
                put(3, FeatureHash.bytes(low, ts, ts + min(3, length), seed: 3))
                put(4, FeatureHash.bytes(low, te - min(2, length), te, seed: 2))
                put(5, FeatureHash.bytes(low, te - min(3, length), te, seed: 5))
                put(6, FeatureHash.bytes(low, te - min(4, length), te, seed: 7))
                put(7, lp1)
                put(8, ln1)
                put(9, lp2)
                put(10, ln2)
                put(11, sp1)
                put(12, sn1)
                put(13, FeatureHash.combine(lp1, shape))
                put(14, FeatureHash.combine(shape, ln1))
                put(15, FeatureHash.combine(FeatureHash.combine(sp1, shape), sn1))
                put(16, f.caps.rawValue << 8 | UInt64(ctx))
                put(17, f.caps.rawValue << 16 | flags << 8 | UInt64(ctx))
                put(18, UInt64(f.single))
                put(19, UInt64(f.gazB) << 8 | f.caps.rawValue)
                put(20, UInt64(f.gazI) << 8 | f.caps.rawValue)
                put(21, UInt64(p1?.single ?? 0) << 8 | f.caps.rawValue)
                put(22, UInt64(n1?.single ?? 0) << 8 | f.caps.rawValue)
                put(23, UInt64(t.kind.rawValue))
                put(24, FeatureHash.combine(lp1, f.lower))
                put(25, FeatureHash.combine(f.lower, ln1))
                put(26, FeatureHash.combine(f.caps.rawValue, f.lower))
                put(27, UInt64(min(length, 12)) << 8 | f.caps.rawValue)
                put(28, (p1?.caps.rawValue ?? 9) << 16 | f.caps.rawValue << 8 | (n1?.caps.rawValue ?? 9))
                put(29, UInt64(f.capRun) << 8 | UInt64(ctx))
                put(30, FeatureHash.combine(lp2, lp1))
                put(31, flags << 8 | UInt64(f.single))
            }
        }
    }

    /// Lower-case hashes, capitalisation, sentence and gazetteer facts for every token.
    func facts(_ text: TokenizedText) -> [TokenFacts] {
        let n = text.tokens.count
        var facts = [TokenFacts](repeating: TokenFacts(), count: n)
        let lower = LowerCase.lowered(text.bytes)
        text.bytes.withUnsafeBufferPointer { raw in
            lower.withUnsafeBufferPointer { low in
                for i in 0..<n {
                    let t = text.tokens[i]
                    var f = TokenFacts()
                    f.lower = LowerCase.hash(low, t.byteStart, t.byteEnd)
                    f.caps = Self.shape(raw, t.byteStart, t.byteEnd).1
                    f.single = gazetteer.single(f.lower) & ~GazetteerKind.prefix.rawValue
                    facts[i] = f
                }
            }
        }
        // Longest multi-token gazetteer matches.
        if gazetteer.maxTokens > 1 {
            var i = 0
            while i < n {
                var key = GazetteerTable.chainSeed
                var bestEnd = -1
                var bestMask: UInt16 = 0
                var j = i
                while j < n, j - i < gazetteer.maxTokens {
                    key = GazetteerTable.chain(key, facts[j].lower)
                    let m = gazetteer.lookup(key)
                    if m == 0 { break }
                    if m & ~GazetteerKind.prefix.rawValue != 0, j > i {
                        bestEnd = j
                        bestMask = m & ~GazetteerKind.prefix.rawValue
                    }
                    if m & GazetteerKind.prefix.rawValue == 0 { break }
                    j += 1
                }
                if bestEnd > i {
                    facts[i].gazB = bestMask
                    for k in (i + 1)...bestEnd { facts[k].gazI = bestMask }
                    i = bestEnd + 1
                } else {
                    i += 1
                }
            }
        }
        // Sentence facts: first word, capitals sentence.
        for sentence in text.sentences {
            var letters = 0
            var upper = 0
            var firstSeen = false
            for i in sentence {
                let c = facts[i].caps
                if c != .none {
                    letters += 1
                    if c == .upper || c == .initial { upper += 1 }
                    if !firstSeen { facts[i].first = true; firstSeen = true }
                }
            }
            if letters >= 2, upper * 10 >= letters * 7 {
                for i in sentence { facts[i].capsSentence = true }
            }
        }
        // Runs of capitalised tokens: length (capped) and position.
        var i = 0
        while i < n {
            let c = facts[i].caps
            guard c.isCapitalised else { i += 1; continue }
            var j = i
            while j + 1 < n, facts[j + 1].caps.isCapitalised { j += 1 }
            let length = UInt8(min(j - i + 1, 4))
            for k in i...j {
                let position: UInt8 = k == i ? (k == j ? 0 : 1) : (k == j ? 3 : 2)
                facts[k].capRun = length << 4 | position
            }
            i = j + 1
        }
        return facts
    }

    /// How each word (by lower-case hash) appears across the document: bit 0 in lower case, bit 1 capitalised
    /// mid-sentence in a normal sentence, bit 2 capitalised at a sentence start only.
    static func documentFlags(_ text: TokenizedText, _ facts: [TokenFacts]) -> [UInt64: UInt8] {
        var flags: [UInt64: UInt8] = [:]
        flags.reserveCapacity(facts.count / 2)
        for f in facts where f.caps != .none {
            var bit: UInt8 = 0
            if f.caps == .lower {
                bit = 1
            } else if !f.capsSentence {
                bit = f.first ? 4 : 2
            }
            if bit != 0 { flags[f.lower, default: 0] |= bit }
        }
        return flags
    }

    /// The collapsed word shape ("Xx", "X.X.", "d,d", "Xx-Xx") and the capitalisation class.
    static func shape(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt64, Caps) {
        var h: UInt64 = 0x811C_9DC5
        var last: UInt8 = 0
        var uppers = 0
        var lowers = 0
        var firstUpper = false
        var lowerThenUpper = false
        var k = start
        var index = 0
        while k < end, index < 40 {
            let (u, l) = ScalarClass.decode(b, k)
            var code: UInt8
            if ScalarClass.isUpperScalar(u) {
                code = 0x58
                uppers += 1
                if index == 0 { firstUpper = true }
                if lowers > 0 { lowerThenUpper = true }
            } else if ScalarClass.isLowerScalar(u) {
                code = 0x78
                lowers += 1
            } else if u >= 0x30 && u <= 0x39 {
                code = 0x64
            } else if u < 0x80 {
                code = UInt8(u)
            } else if ScalarClass.isWordScalar(u) {
                code = 0x6F  // other scripts' letters
            } else {
                code = 0x2A
            }
            if code != last {
                h = (h ^ UInt64(code)) &* 0x0000_0100_0000_01B3
                last = code
            }
            k += l
            index += 1
        }
        let caps: Caps
        if uppers == 0 && lowers == 0 {
            caps = .none
        } else if uppers == 0 {
            caps = .lower
        } else if lowers == 0 {
            caps = uppers == 1 ? .initial : .upper
        } else if firstUpper && !lowerThenUpper {
            caps = .title
        } else if firstUpper {
            caps = .mixed  // McDonald, DeSantis
        } else {
            caps = .mixed  // iPhone, eBay
        }
        return (h, caps)
    }
}

/// Placeholder values for features with no token (before the start, after the end, no letters).
enum FeatureCodes {
    static let start: UInt64 = 0x5354_4152_5421
    static let end: UInt64 = 0x454E_4421
    static let none: UInt64 = 0x4E4F_4E45
}
