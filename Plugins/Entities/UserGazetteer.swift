/// Entity lists given in the pipeline file (`gazetteer:` entries with name, type and aliases). They take
/// precedence over the tagger: every occurrence of a name or alias (compared in lower case, first word
/// capitalised in the text unless the entry is in lower case) becomes that entity, named as the entry says.
public struct UserGazetteer: Sendable {
    /// One user entry.
    public struct Entry: Sendable, Hashable {
        /// The canonical name.
        public var name: String
        /// The entity type (PERSON, ORG, LOC, DATE …).
        public var type: String
        /// Other surface forms.
        public var aliases: [String]
        /// An entry.
        public init(name: String, type: String, aliases: [String] = []) {
            self.name = name
            self.type = type
            self.aliases = aliases
        }
    }

    /// The entries, in the order given.
    public let entries: [Entry]
    /// Chained key of each surface → entry index.
    let keys: [UInt64: Int]
    let prefixes: Set<UInt64>
    let maxTokens: Int
    let lowercaseEntry: Set<UInt64>

    /// No user entries.
    public static let empty = UserGazetteer(entries: [])

    /// Indexes `entries` for matching.
    public init(entries: [Entry]) {
        self.entries = entries
        var keys: [UInt64: Int] = [:]
        var prefixes: Set<UInt64> = []
        var maxTokens = 0
        var lowercaseEntry: Set<UInt64> = []
        for (index, entry) in entries.enumerated() {
            for surface in [entry.name] + entry.aliases {
                let text = TokenizedText(text: surface)
                guard !text.tokens.isEmpty else { continue }
                let hashes = LowerCase.tokenHashes(text)
                var key = GazetteerTable.chainSeed
                for (k, h) in hashes.enumerated() {
                    key = GazetteerTable.chain(key, h)
                    if k < hashes.count - 1 { prefixes.insert(key) }
                }
                if keys[key] == nil { keys[key] = index }
                if surface.first?.isLowercase == true { lowercaseEntry.insert(key) }
                maxTokens = max(maxTokens, hashes.count)
            }
        }
        self.keys = keys
        self.prefixes = prefixes
        self.maxTokens = maxTokens
        self.lowercaseEntry = lowercaseEntry
    }

    /// Every match, longest first from left to right: token range and entry index.
    func matches(_ view: TokenView) -> [(range: Range<Int>, entry: Int)] {
        guard !entries.isEmpty else { return [] }
        var out: [(Range<Int>, Int)] = []
        let n = view.count
        var i = 0
        while i < n {
            var key = GazetteerTable.chainSeed
            var best: (Int, Int)?
            var j = i
            while j < n, j - i < maxTokens {
                key = GazetteerTable.chain(key, view.lower(j))
                if let e = keys[key], view.isCapitalised(i) || lowercaseEntry.contains(key) { best = (j + 1, e) }
                if !prefixes.contains(key) { break }
                j += 1
            }
            if let (end, e) = best {
                out.append((i..<end, e))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// Overrides the tagger's labels for entries of the tagger's types (PERSON, ORG, LOC); other types are
    /// placed by the resolver.
    func apply(_ view: TokenView, labels: inout [UInt8]) {
        for (range, e) in matches(view) {
            if let t = EntityLabel.types.firstIndex(of: entries[e].type) {
                CueRules.set(&labels, range, type: t)
            } else {
                CueRules.set(&labels, range, type: 0)
                for k in range { labels[k] = 0 }
            }
        }
    }
}
