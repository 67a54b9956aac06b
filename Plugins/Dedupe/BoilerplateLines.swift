/// Known boilerplate lines left out of matching text ("Advertisement", "Read more: …", share and
/// follow prompts, copyright lines, wire credits), so that two outlets' furniture neither makes nor
/// hides a match. A line is boilerplate when it is short and starts with (or, for a few, contains)
/// one of the patterns, compared as matching words.
struct BoilerplateLines: Sendable {
    /// Word-hash sequences that mark a short line as boilerplate when they start it.
    private var prefixes: [[UInt64]]
    /// Word-hash sequences that mark a short line as boilerplate anywhere in it.
    private var contained: [[UInt64]]
    /// First words of every pattern, for a quick rejection of ordinary lines.
    private var prefixFirst: [UInt64] = []
    private var containedFirst: [UInt64] = []
    /// Lines with more words than this are never boilerplate.
    let maxWords: Int

    /// The built-in patterns; `extra` adds user patterns (whole-line prefixes, any case or punctuation).
    init(extra: [String] = [], maxWords: Int = 10) {
        self.maxWords = maxWords
        let builtInPrefixes = [
            "advertisement", "read more", "related articles", "related stories", "related coverage", "related topics",
            "share this", "follow us", "sign up for", "click here", "subscribe to", "copyright", "reporting by",
            "editing by", "writing by", "additional reporting by", "image caption", "image copyright", "media caption",
            "getty images", "photo credit", "listen to this article", "skip to content", "report an error",
        ]
        let builtInContained = ["all rights reserved", "click here to", "sign up to our", "follow us on"]
        prefixes = []
        contained = []
        prefixes = (builtInPrefixes + extra).map(Self.words).filter { !$0.isEmpty }
        contained = builtInContained.map(Self.words)
        prefixFirst = prefixes.map { $0[0] }
        containedFirst = contained.map { $0[0] }
    }

    /// Fingerprint of the pattern set, stored in the index so a changed set is noticed.
    var fingerprint: UInt64 {
        var h: UInt64 = UInt64(maxWords)
        for p in prefixes { h = Mix64.combine(h, 1); for w in p { h = Mix64.combine(h, w) } }
        for p in contained { h = Mix64.combine(h, 2); for w in p { h = Mix64.combine(h, w) } }
        return Mix64.fmix(h)
    }

    private static func words(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        MatchTokeniser(boilerplate: BoilerplateLines(empty: ())).tokenise(text, into: &out)
        return out
    }

    private init(empty: Void) {
        prefixes = []
        contained = []
        maxWords = 0
    }

    /// Whether there are no patterns at all.
    var isEmpty: Bool { prefixes.isEmpty && contained.isEmpty }

    /// Whether the line made of `words` is boilerplate.
    func matches(_ words: UnsafeBufferPointer<UInt64>) -> Bool {
        let count = words.count
        guard count <= maxWords, count > 0 else { return false }
        var candidate = prefixFirst.contains(words[0])
        if !candidate {
            for w in words where containedFirst.contains(w) { candidate = true; break }
        }
        guard candidate else { return false }
        for p in prefixes where p.count <= count {
            var equal = true
            for j in 0..<p.count where words[j] != p[j] { equal = false; break }
            if equal { return true }
        }
        for p in contained where p.count <= count {
            for offset in 0...(count - p.count) {
                var equal = true
                for j in 0..<p.count where words[offset + j] != p[j] { equal = false; break }
                if equal { return true }
            }
        }
        return false
    }
}
