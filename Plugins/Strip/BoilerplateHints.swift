/// Class, id and role names that mark page furniture or article content. General web conventions, not
/// any one site's names.
///
/// A `class`/`id` string is read as names (split at white space), each name as words: split at hyphens,
/// underscores, BEM's `__`/`--` and other punctuation, at digits, and at camelCase boundaries
/// (`NewsletterSignup__Styled` → newsletter, signup, styled). Hashes are skipped: a segment mixing
/// letters and digits in several runs (`1x2y3z`, `3kL9x`), random-case segments (`kVqPqp`), and the
/// segment after a CSS-in-JS marker (`sc-`, `css-`, `jsx-`). A word not in the vocabulary is split into
/// known words when it is a joined compound (`cookieconsent` → cookie, consent; `commentlist`), and two
/// adjacent unknown words that join to a known one are joined (`read-more` → readmore, `side-bar`).
///
/// Word position decides what a name says (see ``classify(_:)``): a state prefix makes the rest of the
/// name a description, not a role (`has-sidebar`, `no-comments`, `with-ads`); a preposition inside a name
/// starts a qualifier (`content-behind-paywall` is content); a state suffix cancels the word before it
/// (`comments-open`, `ad-free`). A strong furniture word anywhere else names furniture, whatever else
/// the name says (`TestReport__Section--Ads`, `article__share`): a block of furniture inside an article is
/// still furniture. Weak words (`teaser`, `byline`) and gate words (`paywall`, `premium`) name furniture
/// only when no name of the element names content (`article-teaser` is the article's lead).
enum BoilerplateHints {
    /// What one vocabulary word says.
    struct Role: OptionSet, Sendable {
        let rawValue: UInt16
        /// Furniture wherever it stands ("share", "comments", "related", "ads").
        static let strong = Role(rawValue: 1 << 0)
        /// Furniture only when nothing names content ("byline", "teaser").
        static let weak = Role(rawValue: 1 << 1)
        /// Content ("article", "entry", "story").
        static let positive = Role(rawValue: 1 << 2)
        /// Reader discussion: furniture even when it holds most of a page's text.
        static let discussion = Role(rawValue: 1 << 3)
        /// Access gates ("paywall", "premium"): the content behind them is the article.
        static let gate = Role(rawValue: 1 << 4)
        /// Structure words ("wrapper", "content", "body", "list"): no role of their own.
        static let generic = Role(rawValue: 1 << 5)
        /// "has", "with", "no": the rest of the name describes the element.
        static let statePrefix = Role(rawValue: 1 << 6)
        /// "behind", "below", "in": starts a qualifier.
        static let preposition = Role(rawValue: 1 << 7)
        /// "open", "free", "disabled": cancels the word before it.
        static let stateSuffix = Role(rawValue: 1 << 8)
        /// "sc", "css", "jsx": the next segment is a generated hash.
        static let hashMarker = Role(rawValue: 1 << 9)
        /// Roles that make a word part of the class vocabulary proper (not just a compound part).
        static let meaningful: Role = [.strong, .weak, .positive, .discussion, .gate]
    }

    /// Furniture even when a content word is also present ("article-comments", "post-share").
    static let strong: Set<String> = [
        "share", "sharing", "sharebar", "social", "comment", "comments", "disqus", "replies", "respond", "related", "recommended",
        "recommendations", "newsletter", "subscribe", "subscription", "signup", "promo", "promotion", "advert",
        "advertisement", "ads", "ad", "adslot", "adunit", "adsense", "adsbygoogle", "advertising", "sponsor", "sponsored",
        "outbrain", "taboola", "cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "cookiebot", "didomi", "usercentrics",
        "popup", "breadcrumb", "breadcrumbs", "trending", "sidebar", "nav", "navbar", "navigation", "menu", "footer",
        "masthead", "toolbar", "donate", "reactions",
    ]

    /// Furniture only when no content word is present ("byline", "caption"; but "entry author-x" is content).
    static let weak: Set<String> = [
        "byline", "author", "bio", "caption", "credit", "credits", "figcaption", "dateline", "timestamp", "tags", "tag", "topics",
        "embed", "video", "player", "gallery", "slideshow", "carousel", "teaser", "follow", "rating", "rail", "print",
        "popular", "readmore", "hidden", "modal", "pagination", "widget", "widgets", "banner", "screenreader", "offscreen",
        "feedback", "emoji", "jump", "skip",
    ]

    /// Access gates: furniture alone ("paywall-prompt"), content when a content word is present.
    static let gate: Set<String> = ["paywall", "regwall", "premium", "locked", "metered", "subscriber", "subscribers"]

    /// Content words that name an element by what it is ("entry-content", "article-body").
    static let positive: Set<String> = [
        "article", "articlebody", "entry", "main", "post", "story", "blog", "richtext", "prose", "paragraph", "storytext",
        "storybody",
    ]

    /// Content words that are also structure: content on their own ("content", "body"), but the content
    /// of whatever else the name says ("ad-content", "byline-text", "screen-reader-text").
    static let genericContent: Set<String> = ["content", "body", "text", "copy", "page"]

    /// Words of reader discussion: furniture even when it holds most of a page's text.
    static let discussion: Set<String> = ["comment", "comments", "disqus", "replies", "reply", "respond", "discussion", "responses"]

    /// Structure words with no role.
    static let generic: Set<String> = [
        "wrapper", "wrap", "container", "inner", "outer", "box", "holder", "area", "section", "block", "list", "item", "items",
        "module", "component", "region", "zone", "panel", "group", "col", "column", "row", "grid", "thread", "el", "element",
        "part", "layout", "styled", "root",
    ]

    static let statePrefixes: Set<String> = ["has", "with", "without", "no", "not"]
    static let prepositions: Set<String> = [
        "behind", "below", "above", "under", "beneath", "after", "before", "inside", "within", "in", "into", "near", "beside",
        "between", "around", "over", "via",
    ]
    static let stateSuffixes: Set<String> = ["open", "opened", "closed", "free", "less", "enabled", "disabled", "allowed", "accepted"]
    static let hashMarkers: Set<String> = ["sc", "css", "jsx", "emotion", "svelte"]

    /// Words that only serve as parts of joined compounds ("sharebuttons", "adcontainer", "cookiebanner").
    static let compoundParts: Set<String> = [
        "bar", "bars", "button", "buttons", "btn", "links", "link", "form", "notice", "overlay", "slot", "unit", "icons", "icon",
        "tools", "top", "bottom", "header", "title", "frame", "layer", "dialog", "message", "alert", "strip", "more", "read",
        "card", "cards", "tile", "tiles", "wall", "count", "info", "sub", "side", "pop", "sign", "up", "posts", "articles",
        "stories", "news", "videos",
    ]

    /// Every word the classifier knows, with its roles (the languages' class words from the data files
    /// included: ``BoilerplateRules``).
    static let vocabulary: [String: Role] = {
        var table: [String: Role] = [:]
        func add(_ words: Set<String>, _ role: Role) { for word in words { table[word, default: []].formUnion(role) } }
        add(strong, .strong)
        add(weak, .weak)
        add(gate, .gate)
        add(positive, .positive)
        add(genericContent, [.positive, .generic])
        add(discussion, .discussion)
        add(generic, .generic)
        add(statePrefixes, .statePrefix)
        add(prepositions, .preposition)
        add(stateSuffixes, .stateSuffix)
        add(hashMarkers, .hashMarker)
        let rules = BoilerplateRules.all
        add(rules.classFurniture, .strong)
        add(rules.classDiscussion, [.strong, .discussion])
        add(rules.classContent, .positive)
        return table
    }()

    /// The words compounds are split into: the vocabulary's role words and the compound parts.
    static let compoundTrie: CompoundTrie = {
        var words = compoundParts
        for (word, role) in vocabulary where !role.isDisjoint(with: Role.meaningful.union(.generic)) { words.insert(word) }
        return CompoundTrie(words.filter { $0.utf8.count >= 2 && $0.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } })
    }()

    /// What a class/id string says about its element.
    struct Classification: Equatable {
        var furniture = false
        var discussion = false
        var content = false
    }

    /// Classifies a `class`/`id` string (any case): each name's words are read with their positions
    /// (see the type's documentation), then the names are combined — content when a name names content
    /// without a strong furniture word; furniture when a name has a strong furniture word, or when a weak
    /// or gate word stands with no content name; discussion when a name has an unqualified discussion word.
    static func classify(_ classAndID: String) -> Classification {
        var anyStrong = false, anyWeakOrGate = false, anyContent = false, anyDiscussion = false
        var words: [(word: String, role: Role)] = []
        var name = classAndID
        name.withUTF8 { bytes in
            var start = 0
            let n = bytes.count
            while start < n {
                while start < n, isSpace(bytes[start]) { start += 1 }
                var end = start
                while end < n, !isSpace(bytes[end]) { end += 1 }
                guard end > start else { break }
                words.removeAll(keepingCapacity: true)
                collectWords(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &words)
                let reading = readName(words)
                if reading.strong { anyStrong = true }
                if reading.weakOrGate { anyWeakOrGate = true }
                if reading.content, !reading.strong { anyContent = true }
                if reading.discussion { anyDiscussion = true }
                start = end
            }
        }
        return Classification(furniture: anyStrong || (anyWeakOrGate && !anyContent), discussion: anyDiscussion, content: anyContent)
    }

    /// What one name says, from its words in order: a state prefix ends the reading, a preposition skips
    /// the next word (first in the name) or ends the reading (later), a state suffix cancels the word before.
    static func readName(_ words: [(word: String, role: Role)]) -> (strong: Bool, weakOrGate: Bool, content: Bool, discussion: Bool) {
        var strong = false, weakOrGate = false, namedContent = false, genericContent = false, other = false, discussion = false
        func take(_ role: Role) {
            if role.contains(.strong) { strong = true }
            if role.contains(.weak) || role.contains(.gate) { weakOrGate = true }
            if role.contains(.discussion) { discussion = true }
            if role.contains(.positive) {
                if role.contains(.generic) { genericContent = true } else { namedContent = true }
            } else if !role.isDisjoint(with: Role.meaningful) {
                other = true
            }
        }
        var pending: Role?
        var skipNext = false
        for (index, entry) in words.enumerated() {
            let role = entry.role
            if skipNext {
                skipNext = false
                continue
            }
            if role.contains(.statePrefix) { break }
            if role.contains(.preposition) {
                // "in-article-ad": the preposition qualifies the next word; "content-behind-paywall": the rest.
                if index == 0 {
                    skipNext = true
                    continue
                }
                break
            }
            if role.contains(.stateSuffix) {
                pending = nil
                continue
            }
            if let previous = pending { take(previous) }
            pending = role
        }
        if let previous = pending { take(previous) }
        // "content", "body" alone are content; "byline-text", "ad-content" are the text of a byline or an ad.
        return (strong, weakOrGate, namedContent || (genericContent && !other), discussion)
    }

    /// The words of one name, lowercased, with their roles; hashes and one-letter words left out.
    static func collectWords(_ bytes: UnsafeBufferPointer<UInt8>, into words: inout [(word: String, role: Role)]) {
        let n = bytes.count
        var i = 0
        var afterHashMarker = false
        while i < n {
            while i < n, !isAlphanumeric(bytes[i]) { i += 1 }
            let start = i
            while i < n, isAlphanumeric(bytes[i]) { i += 1 }
            guard i > start else { continue }
            let segment = UnsafeBufferPointer(rebasing: bytes[start..<i])
            if afterHashMarker {
                afterHashMarker = false
                continue
            }
            guard let letters = letterRun(segment) else { continue }
            // Generated names in random case ("kVqPqp", "fAd"): camelCase pieces of one or two letters.
            var pieces = 0, oneLetter = false, allShort = true
            forEachCamelPiece(letters) { piece in
                pieces += 1
                if piece.count == 1 { oneLetter = true }
                if piece.count > 2 { allShort = false }
            }
            if pieces >= 2, (pieces >= 3 && oneLetter) || allShort { continue }
            forEachCamelPiece(letters) { piece in
                guard piece.count >= 2 else { return }
                let word = String(unsafeUninitializedCapacity: piece.count) { out in
                    for k in 0..<piece.count { out[k] = piece[piece.startIndex + k] | 0x20 }
                    return piece.count
                }
                append(word, to: &words)
                if pieces == 1, let last = words.last, last.role.contains(.hashMarker) {
                    words.removeLast()
                    afterHashMarker = true
                }
            }
        }
    }

    /// Appends `word` with its role, joining it with the word before when the two make a known word
    /// ("read" + "more"), or splitting it when it is a joined compound of known words ("cookieconsent").
    private static func append(_ word: String, to words: inout [(word: String, role: Role)]) {
        let role = vocabulary[word] ?? []
        if let last = words.last, last.role.isDisjoint(with: Role.meaningful) || role.isDisjoint(with: Role.meaningful),
           compoundTrie.containsJoined(last.word, word), let joined = vocabulary[last.word + word], !joined.isDisjoint(with: Role.meaningful) {
            words[words.count - 1] = (last.word + word, joined)
            return
        }
        if role.isEmpty, word.utf8.count >= 4, let parts = compoundTrie.split(word) {
            let roles = parts.map { vocabulary[$0] ?? [] }
            if roles.contains(where: { !$0.isDisjoint(with: Role.meaningful) }) {
                for (part, partRole) in zip(parts, roles) { words.append((part, partRole)) }
                return
            }
        }
        words.append((word, role))
    }

    /// The letters of a segment with digits removed, or nil for a hash: letters in several runs split by
    /// digits (`1x2y3z`, `a1b2`), or no letters at all.
    private static func letterRun(_ segment: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var runStart = -1, runEnd = -1, runs = 0
        var inRun = false
        for k in 0..<segment.count {
            let letter = isLetter(segment[k])
            if letter, !inRun {
                runs += 1
                runStart = k
            }
            if letter { runEnd = k + 1 }
            inRun = letter
        }
        guard runs == 1 else { return nil }
        return UnsafeBufferPointer(rebasing: segment[runStart..<runEnd])
    }

    /// Calls `body` with each camelCase piece: a boundary before an upper-case letter after a lower-case
    /// one, and before the last capital of a run of capitals followed by lower case ("HTMLParser" → HTML, Parser).
    private static func forEachCamelPiece(_ letters: UnsafeBufferPointer<UInt8>, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Void) {
        var start = 0
        let n = letters.count
        var k = 1
        while k < n {
            let upper = isUpper(letters[k])
            if upper, !isUpper(letters[k - 1]) || (k + 1 < n && !isUpper(letters[k + 1])) {
                body(letters[start..<k])
                start = k
            }
            k += 1
        }
        body(letters[start..<n])
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    @inline(__always) private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) private static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) }

    /// ``classify(_:)`` with a memory: a page repeats its class names on many elements, so each distinct
    /// string is read once per page.
    struct Classifier {
        private var seen: [String: Classification] = [:]

        init() {}

        mutating func classify(_ classAndID: String) -> Classification {
            if let known = seen[classAndID] { return known }
            let result = BoilerplateHints.classify(classAndID)
            seen[classAndID] = result
            return result
        }
    }

    /// Whether a class/id string names page furniture.
    static func isFurniture(_ classAndID: String) -> Bool { classify(classAndID).furniture }

    /// Whether a class/id string names reader comments.
    static func isDiscussion(_ classAndID: String) -> Bool { classify(classAndID).discussion }

    /// Whether a class/id string names article content.
    static func isContent(_ classAndID: String) -> Bool { classify(classAndID).content }

    /// schema.org `itemprop` values of metadata shown (or hidden) in a page, kept as fields instead.
    static let metadataProperties: Set<String> = [
        "datepublished", "datemodified", "datecreated", "keywords", "publisher", "author", "creator", "image", "thumbnailurl",
        "url", "inlanguage", "wordcount", "articlesection", "isaccessibleforfree", "copyrightholder", "copyrightyear", "genre",
        "sourceorganization", "provider",
    ]

    /// ARIA roles of page furniture.
    static let furnitureRoles: Set<String> = ["navigation", "complementary", "banner", "contentinfo", "dialog", "alertdialog", "menu", "menubar", "search", "toolbar"]
}

/// Splits a lowercase word into known words (fewest parts, each of at least two letters), for joined
/// class names such as `cookieconsent`. A trie over the words, walked from each reachable position:
/// linear in the word for all practical vocabularies.
struct CompoundTrie: Sendable {
    /// 26 children per node (index of the child node, or 0 for none); node 0 is the root.
    private var children: [Int32] = [Int32](repeating: 0, count: 26)
    private var terminal: [Bool] = [false]

    init(_ words: Set<String>) {
        for word in words {
            var node = 0
            for byte in word.utf8 {
                let slot = node * 26 + Int(byte - 0x61)
                if children[slot] == 0 {
                    children[slot] = Int32(terminal.count)
                    terminal.append(false)
                    children.append(contentsOf: repeatElement(0, count: 26))
                }
                node = Int(children[slot])
            }
            terminal[node] = true
        }
    }

    /// The trie node reached by walking `text` from `node`, or nil when no word continues that way.
    private func walk(_ text: String, from node: Int) -> Int? {
        var node = node
        for byte in text.utf8 {
            guard byte >= 0x61, byte <= 0x7A else { return nil }
            let next = Int(children[node * 26 + Int(byte - 0x61)])
            if next == 0 { return nil }
            node = next
        }
        return node
    }

    /// Whether `first` followed by `second` is one of the words (checked without joining them).
    func containsJoined(_ first: String, _ second: String) -> Bool {
        guard let middle = walk(first, from: 0), let end = walk(second, from: middle) else { return false }
        return terminal[end]
    }

    /// Whether some word of at least two letters starts `bytes` (a cheap test before splitting).
    private func startsWithWord(_ bytes: String.UTF8View) -> Bool {
        var node = 0
        var length = 0
        for byte in bytes {
            guard byte >= 0x61, byte <= 0x7A else { return false }
            let next = Int(children[node * 26 + Int(byte - 0x61)])
            if next == 0 { return false }
            node = next
            length += 1
            if terminal[node], length >= 2 { return true }
        }
        return false
    }

    /// The parts of `word` (two or more), or nil when it is not a compound of known words.
    func split(_ word: String) -> [String]? {
        guard word.utf8.count >= 4, word.utf8.count <= 40, startsWithWord(word.utf8) else { return nil }
        let bytes = Array(word.utf8)
        let n = bytes.count
        guard bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        // parts[i]: fewest parts covering bytes[0..<i] (Int.max: unreachable); from[i]: where the last part starts.
        var parts = [Int](repeating: Int.max, count: n + 1)
        var from = [Int](repeating: -1, count: n + 1)
        parts[0] = 0
        for i in 0..<n where parts[i] != Int.max {
            var node = 0
            var j = i
            while j < n {
                let next = Int(children[node * 26 + Int(bytes[j] - 0x61)])
                if next == 0 { break }
                node = next
                j += 1
                if terminal[node], j - i >= 2, parts[i] + 1 < parts[j] {
                    parts[j] = parts[i] + 1
                    from[j] = i
                }
            }
        }
        guard parts[n] != Int.max, parts[n] >= 2 else { return nil }
        var result: [String] = []
        var end = n
        while end > 0 {
            let start = from[end]
            result.append(String(decoding: bytes[start..<end], as: UTF8.self))
            end = start
        }
        return result.reversed()
    }
}
