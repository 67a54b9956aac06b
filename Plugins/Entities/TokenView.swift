/// Per-token facts the rules and the document-level pass read: lower-case hash, capitalisation,
/// gazetteer mask, sentence start, and how each word appears elsewhere in the document.
struct TokenView {
    let text: TokenizedText
    let facts: [FeatureExtractor.TokenFacts]
    let documentFlags: [UInt64: UInt8]
    let gazetteer: GazetteerTable

    init(_ text: TokenizedText, gazetteer: GazetteerTable) {
        self.text = text
        self.gazetteer = gazetteer
        let extractor = FeatureExtractor(bucketBits: 8, gazetteer: gazetteer)
        facts = extractor.facts(text)
        documentFlags = FeatureExtractor.documentFlags(text, facts)
    }

    var count: Int { facts.count }
    func lower(_ i: Int) -> UInt64 { facts[i].lower }
    func isCapitalised(_ i: Int) -> Bool { facts[i].caps.isCapitalised }
    func isLowercase(_ i: Int) -> Bool { facts[i].caps == .lower }
    func has(_ i: Int, _ kind: GazetteerKind) -> Bool { facts[i].single & kind.rawValue != 0 }
    /// Whether the whole token range is a gazetteer entry of `kind`.
    func isEntry(_ range: Range<Int>, _ kind: GazetteerKind) -> Bool { gazetteer.lookup(key(range)) & kind.rawValue != 0 }
    /// Whether the word also appears in lower case somewhere in the document.
    func seenLowercase(_ i: Int) -> Bool { (documentFlags[facts[i].lower] ?? 0) & 1 != 0 }
    func isFirst(_ i: Int) -> Bool { facts[i].first }

    /// Whether token `i` is exactly `word` (ASCII, case-sensitive).
    func equals(_ i: Int, _ word: StaticString) -> Bool {
        let t = text.tokens[i]
        guard t.byteEnd - t.byteStart == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where text.bytes[t.byteStart + k] != p[k] { return false }
        return true
    }

    /// The chained key of tokens `range` (as the gazetteer table chains them).
    func key(_ range: Range<Int>) -> UInt64 {
        var key = GazetteerTable.chainSeed
        for i in range { key = GazetteerTable.chain(key, facts[i].lower) }
        return key
    }
}
