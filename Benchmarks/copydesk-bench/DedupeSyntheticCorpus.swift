import CopydeskCore
import Foundation

/// A deterministic random number generator (SplitMix64) for the corpus generators.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}

/// Real newswire paragraphs (Reuters-21578) grouped by story, the raw material of the generators.
/// Stories that take part in a ground-truth near-duplicate pair are left out, so that two "different"
/// articles of the generated corpus are never really copies of each other.
struct ParagraphSource {
    /// Stories with at least four paragraphs of 12+ words: bases for stories and decoys.
    var stories: [(title: String, paragraphs: [String])] = []
    /// Paragraphs of every other story: the text versions add of their own.
    var filler: [String] = []

    init(documents: [Document], excluding: Set<String>) {
        // Reuters also holds updates and templated reports (same wording, other figures) below J 0.5:
        // keep only stories that share under 10% of their 5-grams with any other story, so that the
        // truth "different articles" holds for every base.
        var frequency: [UInt64: UInt32] = [:]
        var shingleLists: [[UInt64]] = []
        for d in documents {
            let list = Array(Set(Self.shingleHashes(d.text)))
            shingleLists.append(list)
            for h in list { frequency[h, default: 0] += 1 }
        }
        for (d, list) in zip(documents, shingleLists) where !excluding.contains(d.id) && !list.isEmpty {
            let shared = list.filter { frequency[$0]! > 1 }.count
            guard Double(shared) < 0.1 * Double(list.count) else { continue }
            let paragraphs = Self.paragraphs(d.text)
            if paragraphs.count >= 4 {
                stories.append((d.title ?? "", paragraphs))
            } else {
                filler.append(contentsOf: paragraphs)
            }
        }
    }

    /// Hashes of the text's word 5-grams (lowercased, split on non-alphanumerics).
    static func shingleHashes(_ text: String) -> [UInt64] {
        let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map { Hasher.stableHash(String($0)) }
        guard tokens.count >= 5 else { return [] }
        return (0...(tokens.count - 5)).map { i in
            var h: UInt64 = 1469598103934665603
            for t in tokens[i..<(i + 5)] { h = (h ^ t) &* 1099511628211 }
            return h
        }
    }

    /// Reuters paragraphs start on a new line with 4 spaces; lines are hard-wrapped inside them.
    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n    ").map { p in
            p.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        }.filter { $0.split(separator: " ").count >= 12 && !$0.hasPrefix("Reuter") }
        .map { $0.hasSuffix(" Reuter") ? String($0.dropLast(7)) : $0 }
    }
}

/// The syndication-like evaluation corpus: for each story, 2–5 outlets' versions (part of the
/// paragraphs kept, the lead usually among them, paragraphs of their own added, some reordered,
/// another headline, curly or straight quotes, a changed number, boilerplate lines), plus two decoys,
/// different articles that share with the story one quoted sentence or one background paragraph.
struct SyntheticSyndication {
    enum Kind: String {
        case version, quoteDecoy = "quote decoy", backgroundDecoy = "background decoy"
        /// A low-overlap rewrite of the story: 2–3 of its paragraphs, the lead paraphrased (same facts, other words).
        case rewrite
        /// Another report from the story's template: its wording with every figure, date and main name changed.
        case templated = "templated report"
        /// (`independent` variant) Another article on the same subject — the story's main names in its own
        /// text, its own figures — reusing one background paragraph of the story.
        case subjectDecoy = "same-subject decoy"
    }

    /// Which generator. `standard` is the corpus the stage was first tuned on; `independent` was written
    /// afterwards to break the detector's assumptions: the rewrite's lead loses a quarter of its names and
    /// figures, changes their format ("1,500" → "1500", "mln" → "million"), moves its clauses and drops or
    /// shortens the dateline; kept paragraphs lose a sentence; headlines share some words with the story's;
    /// decoys are published the same day as the story; and a same-subject decoy (the story's names, other
    /// figures, one background paragraph) is added.
    enum Variant: String, CaseIterable {
        case standard, independent
    }

    struct Item {
        var document: Document
        /// The true cluster: the story for versions, the decoy itself for decoys.
        var truth: String
        var kind: Kind
        var story: Int
    }

    static let boilerplate = [
        "Advertisement", "Read more: %@", "Follow us on Twitter @%@", "Sign up for our daily newsletter",
        "© 2024 %@. All rights reserved.", "Share this article", "Click here to subscribe to %@",
    ]

    static func build(_ source: ParagraphSource, stories wanted: Int, seed: UInt64, variant: Variant = .standard) -> [Item] {
        let hard = variant == .independent
        var rng = SplitMix(state: seed)
        var bases = source.stories
        bases.shuffle(using: &rng)
        var filler = source.filler
        filler.shuffle(using: &rng)
        var fillerNext = 0
        func nextFiller() -> String {
            defer { fillerNext += 1 }
            return filler[fillerNext % filler.count]
        }
        var items: [Item] = []
        let stride = hard ? 4 : 3
        let count = min(wanted, bases.count / stride)
        for s in 0..<count {
            let (title, story) = bases[stride * s]
            let versions = 2 + rng.below(4)
            var outletItems: [Item] = []
            for v in 0..<versions {
                var kept: [String] = []
                if rng.chance(0.9) { kept.append(story[0]) }
                for p in story.dropFirst() where rng.chance(0.7) { kept.append(p) }
                if kept.count < 3 { kept = Array(story.prefix(3)) }
                for _ in 0..<rng.below(3) { kept.insert(nextFiller(), at: 1 + rng.below(kept.count)) }
                if kept.count > 3, rng.chance(0.5) {
                    let i = 1 + rng.below(kept.count - 2)
                    kept.swapAt(i, i + 1)
                }
                if rng.chance(0.5), let i = kept.indices.randomElement(using: &rng) { kept[i] = changeNumber(kept[i], &rng) }
                if rng.chance(0.5) { kept = kept.map(curly) }
                let outlet = "Outlet\(rng.below(40))"
                for _ in 0..<rng.below(3) {
                    let line = boilerplate[rng.below(boilerplate.count)].replacingOccurrences(of: "%@", with: rng.chance(0.5) ? outlet : bases[rng.below(bases.count)].title)
                    kept.insert(line, at: rng.chance(0.5) ? kept.count : 1 + rng.below(kept.count))
                }
                let headline = v == 0 ? title : (rng.chance(0.5) ? "UPDATE \(v)-" + title : bases[rng.below(bases.count)].title)
                var d = Document(id: "s\(s)-v\(v)", source: SourceLocation(path: "synthetic"), title: headline,
                                 text: kept.joined(separator: "\n\n"))
                d.site = outlet
                d.published = String(format: "2024-03-%02dT%02d:%02d:00Z", 1 + s % 28, 6 + v, rng.below(60))
                outletItems.append(Item(document: d, truth: "s\(s)", kind: .version, story: s))
            }
            // A low-overlap rewrite (60% of stories): the lead paraphrased, one or two other paragraphs kept
            // verbatim, one or two of its own — sharing with the story about as much as a background decoy.
            if rng.chance(0.6) {
                var kept = [hard ? paraphraseHard(story[0], &rng) : paraphrase(story[0], &rng)]
                var others = Array(story.dropFirst())
                others.shuffle(using: &rng)
                kept.append(contentsOf: others.prefix(1 + rng.below(2)).map { hard ? shorten($0, &rng) : $0 })
                for _ in 0..<(1 + rng.below(2)) { kept.insert(nextFiller(), at: 1 + rng.below(kept.count)) }
                let headline = hard && rng.chance(0.7) ? rewordTitle(title, &rng) : bases[rng.below(bases.count)].title
                var r = Document(id: "s\(s)-rewrite", source: SourceLocation(path: "synthetic"), title: headline,
                                 text: kept.joined(separator: "\n\n"))
                r.site = "Outlet\(rng.below(40))"
                r.published = String(format: "2024-03-%02dT%02d:%02d:00Z", 1 + s % 28, 12, rng.below(60))
                outletItems.append(Item(document: r, truth: "s\(s)", kind: .rewrite, story: s))
            }
            // Decoy 1: another article quoting one sentence of the story verbatim.
            var quoteText = bases[stride * s + 1].paragraphs
            var sentences: [String] = []
            for paragraph in story {
                for sentence in paragraph.components(separatedBy: ". ") where sentence.split(separator: " ").count >= 10 {
                    sentences.append(sentence)
                }
            }
            let sentence = sentences.isEmpty ? story[0] : sentences[rng.below(sentences.count)]
            quoteText.insert("\"\(sentence),\" a spokesman said in a statement.", at: 1 + rng.below(quoteText.count - 1))
            var q = Document(id: "s\(s)-quote", source: SourceLocation(path: "synthetic"), title: bases[stride * s + 1].title, text: quoteText.joined(separator: "\n\n"))
            q.published = hard ? String(format: "2024-03-%02dT15:%02d:00Z", 1 + s % 28, rng.below(60)) : "2024-04-01T10:00:00Z"
            // Decoy 2: another article reusing one background paragraph of the story.
            // A standard background paragraph is long (60+ words): the story's longest non-lead paragraph,
            // joined with the next one when short; the decoy is a short article (3 paragraphs), so the
            // shared paragraph is a fifth to a half of it — what a plain containment rule merges.
            var backgroundText = Array(bases[stride * s + 2].paragraphs.prefix(3))
            let longest = (1..<story.count).max { story[$0].count < story[$1].count }!
            var background = story[longest]
            if background.split(separator: " ").count < 60, longest + 1 < story.count { background += " " + story[longest + 1] }
            backgroundText.insert(background, at: 1 + rng.below(backgroundText.count - 1))
            var b = Document(id: "s\(s)-background", source: SourceLocation(path: "synthetic"), title: bases[stride * s + 2].title, text: backgroundText.joined(separator: "\n\n"))
            b.published = hard ? String(format: "2024-03-%02dT16:%02d:00Z", 1 + s % 28, rng.below(60)) : "2024-04-01T11:00:00Z"
            outletItems.append(Item(document: q, truth: q.id, kind: .quoteDecoy, story: s))
            // Decoy 3: another report written from the story's template (another day's, another company's):
            // the story's text with every figure, date and main name changed. Only for stories that
            // give at least three figures (a story without facts to change has no template to reuse).
            if let templated = templatedReport(story.joined(separator: "\n\n"), &rng) {
                var t = Document(id: "s\(s)-templated", source: SourceLocation(path: "synthetic"), title: title, text: templated)
                t.published = String(format: "2024-03-%02dT09:00:00Z", 1 + (s + 7) % 28)
                outletItems.append(Item(document: t, truth: t.id, kind: .templated, story: s))
            }
            outletItems.append(Item(document: b, truth: b.id, kind: .backgroundDecoy, story: s))
            // Decoy 4 (independent variant): another article on the same subject — another story's text with
            // its main names replaced by the story's — reusing the story's second longest non-lead paragraph.
            if hard {
                var subject = Array(bases[stride * s + 3].paragraphs.prefix(3))
                let names = mainNames(subject.joined(separator: " "))
                let storyNames = mainNames(story.joined(separator: " "))
                subject = subject.map { p in
                    var p = p
                    for (k, n) in names.enumerated() where k < storyNames.count { p = p.replacingOccurrences(of: n, with: storyNames[k]) }
                    return p
                }
                let order = (1..<story.count).sorted { story[$0].count > story[$1].count }
                let reused = story[order.count > 1 ? order[1] : order[0]]
                subject.insert(reused, at: 1 + rng.below(subject.count - 1))
                var sd = Document(id: "s\(s)-subject", source: SourceLocation(path: "synthetic"), title: rewordTitle(title, &rng),
                                  text: subject.joined(separator: "\n\n"))
                sd.published = String(format: "2024-03-%02dT17:%02d:00Z", 1 + s % 28, rng.below(60))
                outletItems.append(Item(document: sd, truth: sd.id, kind: .subjectDecoy, story: s))
            }
            items.append(contentsOf: outletItems)
        }
        // Interleave stories as a crawl would: shuffle the whole batch.
        items.shuffle(using: &rng)
        return items
    }

    static let synonyms: [String: String] = [
        "said": "stated", "the": "a", "a": "the", "to": "towards", "of": "from", "in": "within", "and": "plus", "for": "regarding",
        "on": "upon", "it": "this", "its": "their", "will": "would", "would": "could", "has": "had", "have": "had", "is": "was",
        "was": "is", "with": "alongside", "by": "through", "at": "near", "from": "out of", "that": "which", "be": "become",
        "an": "one", "which": "that", "as": "since", "company": "firm", "year": "twelve months", "rose": "climbed", "fell": "dropped",
        "up": "higher", "down": "lower", "new": "fresh", "after": "following", "also": "too", "but": "though",
    ]

    /// The lead said in other words: its figures, dates and names kept, nearly every other word replaced
    /// (one in three at least), the clause order kept — it shares its facts with the story, few word 5-grams.
    static func paraphrase(_ text: String, _ rng: inout SplitMix) -> String {
        var out: [String] = []
        var sinceChange = 0
        for token in text.split(separator: " ") {
            let word = String(token)
            let bare = word.lowercased().trimmingCharacters(in: .punctuationCharacters)
            let isFact = word.first.map { $0.isUppercase || $0.isNumber } ?? true
            if !isFact, let other = synonyms[bare], sinceChange >= 1 || rng.chance(0.8) {
                out.append(word.replacingOccurrences(of: bare, with: other))
                sinceChange = 0
            } else if !isFact, sinceChange >= 2 {
                out.append(word + "ly")
                sinceChange = 0
            } else {
                out.append(word)
                sinceChange += 1
            }
        }
        return out.joined(separator: " ")
    }

    /// The lead said in other words, the way another outlet's reporter would: the dateline dropped or cut to
    /// the city, clauses moved, a quarter of its names and figures left out, figures written another way
    /// ("1,500" → "1500", "mln" → "million", "dlrs" → "dollars", "pct" → "percent"), function words replaced.
    static func paraphraseHard(_ text: String, _ rng: inout SplitMix) -> String {
        var body = text
        var dateline = ""
        if let dash = body.range(of: " - "), body.distance(from: body.startIndex, to: dash.lowerBound) < 40 {
            let head = String(body[..<dash.lowerBound])
            body = String(body[dash.upperBound...])
            if rng.chance(0.5) { dateline = String(head.split(separator: ",").first ?? "") + " - " }
        }
        // Clauses moved: the part after the first comma first, half the time.
        var clauses = body.components(separatedBy: ", ")
        if clauses.count > 2, rng.chance(0.5) {
            let first = clauses.removeFirst()
            clauses.insert(first, at: 1 + rng.below(clauses.count))
        }
        body = clauses.joined(separator: ", ")
        var out: [String] = []
        for token in body.split(separator: " ") {
            var word = String(token)
            let bare = word.lowercased().trimmingCharacters(in: .punctuationCharacters)
            let isFact = word.first.map { $0.isUppercase || $0.isNumber } ?? false
            if isFact {
                if rng.chance(0.25) { continue }
                if word.first!.isNumber { word = word.replacingOccurrences(of: ",", with: rng.chance(0.5) ? "" : ",") }
                out.append(word)
            } else if let unit = ["mln": "million", "dlrs": "dollars", "pct": "percent", "bln": "billion", "cts": "cents"][bare] {
                out.append(word.replacingOccurrences(of: bare, with: unit))
            } else if let other = synonyms[bare], rng.chance(0.85) {
                out.append(word.replacingOccurrences(of: bare, with: other))
            } else if rng.chance(0.3) {
                continue
            } else {
                out.append(word)
            }
        }
        return dateline + out.joined(separator: " ")
    }

    /// A paragraph with one sentence left out (when it has two or more), as an editor trims copy.
    static func shorten(_ text: String, _ rng: inout SplitMix) -> String {
        var sentences = text.components(separatedBy: ". ")
        guard sentences.count > 1, rng.chance(0.5) else { return text }
        sentences.remove(at: rng.below(sentences.count))
        return sentences.joined(separator: ". ")
    }

    /// Another outlet's headline for the story: some of its words kept, in another case, others dropped.
    static func rewordTitle(_ title: String, _ rng: inout SplitMix) -> String {
        let words = title.split(separator: " ").filter { _ in rng.chance(0.6) }.map { $0.capitalized }
        return words.isEmpty ? title.capitalized : words.joined(separator: " ")
    }

    /// The text's two most frequent capitalised words of 4+ letters not opening a sentence.
    static func mainNames(_ text: String) -> [String] {
        var counts: [String: Int] = [:]
        let tokens = text.split(separator: " ")
        for (k, t) in tokens.enumerated() where k > 0 && !tokens[k - 1].hasSuffix(".") {
            let w = t.trimmingCharacters(in: .punctuationCharacters)
            if w.count >= 4, w.first!.isUppercase, w.dropFirst().allSatisfy(\.isLowercase), !months.contains(w) { counts[w, default: 0] += 1 }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(2).map(\.key)
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let monthsShort = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let names = ["Harlow", "Brenton", "Castellan", "Moravia", "Quintero", "Ashdown", "Velmont", "Okafor", "Lindqvist", "Tarrant", "Bellamy", "Sorensen"]

    /// The text with every figure (each digit changed), every month and weekday (another one) and its two
    /// most frequent capitalised names (not opening a sentence) changed; nil when it gives fewer than
    /// three figures.
    static func templatedReport(_ text: String, _ rng: inout SplitMix) -> String? {
        guard text.split(whereSeparator: { !$0.isNumber }).count >= 3 else { return nil }
        // The main names: capitalised words of 3+ letters not after a sentence end, most frequent first.
        var counts: [String: Int] = [:]
        var previous: Character = "."
        var word = ""
        let calendar = Set(months + monthsShort + weekdays)
        for c in text + " " {
            if c.isLetter { word.append(c); continue }
            if word.count >= 3, word.first!.isUppercase, word.dropFirst().allSatisfy(\.isLowercase), previous != ".", !calendar.contains(word) {
                counts[word, default: 0] += 1
            }
            if !word.isEmpty { previous = " " }
            if c == "." || c == "\n" { previous = "." }
            word = ""
        }
        let main = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(2).map(\.key)
        var replacement: [String: String] = [:]
        let first = rng.below(names.count)
        for (k, name) in main.enumerated() { replacement[name] = names[(first + k) % names.count] }
        let shift = 1 + rng.below(6)
        for (i, m) in months.enumerated() { replacement[m] = months[(i + shift) % 12] }
        for (i, m) in monthsShort.enumerated() where replacement[m] == nil { replacement[m] = monthsShort[(i + shift) % 12] }
        for (i, d) in weekdays.enumerated() { replacement[d] = weekdays[(i + 1 + rng.below(6)) % 7] }
        var out = ""
        word = ""
        func flush() {
            guard !word.isEmpty else { return }
            if word.first!.isNumber {
                // Every digit changed; the first of a longer figure never becomes 0.
                for (k, c) in word.enumerated() {
                    guard let v = c.wholeNumberValue else { out.append(c); continue }
                    var n = (v + 1 + rng.below(8)) % 10
                    if k == 0, word.count > 1, n == 0 { n = v == 1 ? 2 : 1 }
                    out.append(Character(String(n)))
                }
            } else {
                out += replacement[word] ?? word
            }
            word = ""
        }
        for c in text {
            if c.isLetter || c.isNumber { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    static func changeNumber(_ text: String, _ rng: inout SplitMix) -> String {
        var scalars = Array(text.unicodeScalars)
        let digits = scalars.indices.filter { scalars[$0].properties.numericType != nil }
        guard let i = digits.randomElement(using: &rng) else { return text }
        let value = (Int(scalars[i].value) - 48 + 1 + rng.below(8)) % 10
        scalars[i] = Unicode.Scalar(UInt8(48 + value))
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }

    static func curly(_ text: String) -> String {
        var out = ""
        var open = true
        for c in text {
            if c == "\"" { out.append(open ? "“" : "”"); open.toggle() } else if c == "'" { out.append("’") } else { out.append(c) }
        }
        return out
    }
}

extension Hasher {
    /// FNV-1a of the UTF-8 bytes: stable across runs (the standard hasher is seeded per process).
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 1469598103934665603
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return h
    }
}
