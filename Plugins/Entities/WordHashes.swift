/// A closed word list looked up by the lower-case token hash the ``TokenView`` already holds: no String is
/// built per token. Multi-word entries ("New Hampshire") are stored as chained keys, as the gazetteer table
/// chains them, so `contains(view, range)` matches a token range.
struct WordHashes {
    private let keys: Set<UInt64>
    /// The longest entry in tokens.
    let maxTokens: Int

    /// The list `words` (any case; tokenised with the news tokeniser).
    init(_ words: some Sequence<String>) {
        var keys: Set<UInt64> = []
        var longest = 1
        for word in words {
            let text = TokenizedText(text: word)
            guard !text.tokens.isEmpty else { continue }
            var key = GazetteerTable.chainSeed
            for hash in LowerCase.tokenHashes(text) { key = GazetteerTable.chain(key, hash) }
            keys.insert(key)
            longest = max(longest, text.tokens.count)
        }
        self.keys = keys
        maxTokens = longest
    }

    /// Whether token `i` alone is in the list.
    func contains(_ view: TokenView, _ i: Int) -> Bool { keys.contains(GazetteerTable.chain(GazetteerTable.chainSeed, view.lower(i))) }

    /// Whether the tokens `range` together are one entry of the list.
    func contains(_ view: TokenView, _ range: Range<Int>) -> Bool { keys.contains(view.key(range)) }
}
