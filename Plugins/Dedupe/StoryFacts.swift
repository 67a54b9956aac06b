/// What two outlets' versions of one story both say however they word it — who, where, when and how
/// much, the lead's own words, the headline's words — word by word, for corroborating a match on little
/// shared text. Cheap and local, computed by the preparer. Four kinds of entries, the kind in the value's
/// two lowest bits:
///
/// - a *name* (0): a word starting with an ASCII capital letter, of two letters or more, not a common
///   function word ("The", "But", "He"), not opening a sentence unless the next word is capitalised too
///   ("Analysts said" is no name, "Federal Reserve" is), and not in a title-case or all-capital paragraph
///   (a headline, a table header: most of its words capitalised);
/// - a *figure* (1): a run of digits joined by punctuation without space ("22.5", "6-1/16", "1,500",
///   "4/3/87") holding at least two digits (a lone "4" is everywhere), dates included; its value hashes
///   the digits alone, so "1,500" and "1500" agree;
/// - a *lead word* (2): a word of the first ``leadWords`` words starting with a small letter, of four
///   letters or more, not a function word, by its first five letters ("predicted" = "predictions"): what a
///   rewrite keeps when it says the lead in other words;
/// - a *headline word* (3): a word of the document's title of three letters or more, not a function word,
///   after a leading "UPDATE 2-" or "CORRECTED-" marker; position 1 for a figure, 0 for a word.
///
/// Names, figures and lead words are case-folded word hashes, so "NEW YORK" and "New York" agree. Each
/// occurrence is kept as (value, word position), sorted by value then position.
enum StoryFacts {
    /// Most names and figures kept per document (the first ones, in text order: the lead's come first).
    static let cap = 80
    /// Most lead words and headline words kept.
    static let leadCap = 32
    static let headlineCap = 16

    /// Kinds of entry (the value's two lowest bits).
    static let name: UInt32 = 0, figure: UInt32 = 1, leadWord: UInt32 = 2, headlineWord: UInt32 = 3

    /// Appends the (value, position) pairs of the document whose word hashes are `words` and UTF-8
    /// byte ranges `ranges` in `bytes`, and of its `title`, sorted by value then position.
    static func extract(bytes: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<UInt64>,
                        ranges: UnsafeMutableBufferPointer<Range<Int>>, count: Int, title: String?, tokeniser: MatchTokeniser,
                        into facts: inout [UInt32]) {
        guard count > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: cap + leadCap + headlineCap) { pairs in
            var n = 0
            var names = 0, leads = 0
            @inline(__always) func add(_ value: UInt64, kind: UInt32, _ position: Int) {
                pairs[n] = UInt64(UInt32(truncatingIfNeeded: value) & ~3 | kind) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
                n += 1
            }
            @inline(__always) func first(_ i: Int) -> UInt8 { bytes[ranges[i].lowerBound] }
            @inline(__always) func isCapital(_ i: Int) -> Bool { let b = first(i); return b >= 0x41 && b <= 0x5A }
            @inline(__always) func isDigit(_ i: Int) -> Bool { let b = first(i); return b >= 0x30 && b <= 0x39 }
            // Whether one space alone separates word j-1 and word j.
            @inline(__always) func spaced(_ j: Int) -> Bool {
                ranges[j - 1].upperBound == ranges[j].lowerBound - 1 && bytes[ranges[j].lowerBound - 1] == 0x20
            }
            // Whether one punctuation byte alone joins word j-1 and word j ("22.5", "1,500", "6-1/16").
            @inline(__always) func joined(_ j: Int) -> Bool {
                ranges[j - 1].upperBound == ranges[j].lowerBound - 1 && bytes[ranges[j].lowerBound - 1] != 0x20
                    && bytes[ranges[j].lowerBound - 1] != 0x0A && bytes[ranges[j].lowerBound - 1] != 0x09
            }
            // Whether word i opens a sentence or a line: the text before it ends with . ! ? : or a line break.
            @inline(__always) func opensSentence(_ i: Int) -> Bool {
                if i == 0 { return true }
                var k = ranges[i].lowerBound - 1
                let stop = ranges[i - 1].upperBound
                while k >= stop {
                    let b = bytes[k]
                    if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x3A { return true }
                    k -= 1
                }
                return false
            }
            // Paragraphs (blocks between line breaks) with most words capitalised are headlines, table
            // headers or title-case text: no names are taken from them.
            var paragraphStart = 0
            while paragraphStart < count && (names < cap || paragraphStart < Int(leadWords)) {
                var paragraphEnd = paragraphStart + 1
                var capitals = isCapital(paragraphStart) ? 1 : 0
                while paragraphEnd < count {
                    var newline = false
                    for k in ranges[paragraphEnd - 1].upperBound..<ranges[paragraphEnd].lowerBound where bytes[k] == 0x0A { newline = true; break }
                    if newline { break }
                    if isCapital(paragraphEnd) { capitals += 1 }
                    paragraphEnd += 1
                }
                let titleCase = paragraphEnd - paragraphStart >= 3 && 2 * capitals > paragraphEnd - paragraphStart
                var i = paragraphStart
                while i < paragraphEnd && (names < cap || i < Int(leadWords)) {
                    let b = first(i)
                    if b >= 0x30 && b <= 0x39 {
                        // The digits of the run, hashed alone (FNV-1a): "1,500" = "1500".
                        var value = Mix64.basis
                        var digits = 0
                        var j = i
                        repeat {
                            for k in ranges[j] where bytes[k] >= 0x30 && bytes[k] <= 0x39 {
                                value = (value ^ UInt64(bytes[k])) &* Mix64.prime
                                digits += 1
                            }
                            j += 1
                        } while j < paragraphEnd && isDigit(j) && joined(j)
                        if digits >= 2 && names < cap {
                            add(Mix64.fmix(value), kind: figure, i)
                            names += 1
                        }
                        i = j
                        continue
                    }
                    if b >= 0x41 && b <= 0x5A {
                        if names < cap, !titleCase, ranges[i].count >= 2, !stopwords.contains(words[i]),
                           !opensSentence(i) || (i + 1 < paragraphEnd && isCapital(i + 1) && spaced(i + 1)) {
                            add(Mix64.fmix(words[i]), kind: name, i)
                            names += 1
                        }
                    } else if i < Int(leadWords), leads < leadCap, b >= 0x61 && b <= 0x7A, ranges[i].count >= 4,
                              !stopwords.contains(words[i]) {
                        add(stem(bytes, ranges[i]), kind: leadWord, i)
                        leads += 1
                    }
                    i += 1
                }
                paragraphStart = paragraphEnd
            }
            if let title { headline(title, tokeniser: tokeniser) { value, isFigure in add(value, kind: headlineWord, isFigure ? 1 : 0) } }
            var filled = UnsafeMutableBufferPointer(rebasing: pairs[0..<n])
            filled.sort()
            facts.reserveCapacity(facts.count + 2 * n)
            for p in filled {
                facts.append(UInt32(truncatingIfNeeded: p >> 32))
                facts.append(UInt32(truncatingIfNeeded: p))
            }
        }
    }

    /// The hash of a word's first five bytes, ASCII letters folded to small ones (a crude stem: "rains",
    /// "rained"; "predicted", "predictions").
    @inline(__always)
    static func stem(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h = Mix64.basis
        for k in range.lowerBound..<min(range.upperBound, range.lowerBound + 5) {
            h = (h ^ UInt64(bytes[k] | (bytes[k] >= 0x41 && bytes[k] <= 0x5A ? 0x20 : 0))) &* Mix64.prime
        }
        return Mix64.fmix(h)
    }

    /// Calls `body` with the hash of each distinct headline word of `title` (three letters or more, not a
    /// function word; figures of any length) and whether it is a figure, up to ``headlineCap``, after a
    /// leading agency marker ("UPDATE 2-", "CORRECTED-", "REFILE-") and its number.
    static func headline(_ title: String, tokeniser: MatchTokeniser, _ body: (UInt64, Bool) -> Void) {
        var text = title
        text.withUTF8 { bytes in
            guard !bytes.isEmpty else { return }
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bytes.count / 2 + 1) { words in
                withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: bytes.count / 2 + 1) { ranges in
                    let count = tokeniser.scan(bytes, into: words, ranges: ranges)
                    var i = 0
                    if count > 1, headlineMarkers.contains(words[0]) {
                        i = 1
                        if bytes[ranges[1].lowerBound] >= 0x30 && bytes[ranges[1].lowerBound] <= 0x39 { i = 2 }
                    }
                    var taken = 0
                    var seen: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                    while i < count && taken < headlineCap {
                        let b = bytes[ranges[i].lowerBound]
                        let isFigure = b >= 0x30 && b <= 0x39
                        if isFigure || ranges[i].count >= 3 && !stopwords.contains(words[i]) {
                            // Repeats are rare in a headline; the last four words are checked.
                            let h = words[i]
                            if h != seen.0 && h != seen.1 && h != seen.2 && h != seen.3 {
                                body(Mix64.fmix(h ^ 0x4845_4144_4C49_4E45), isFigure)
                                taken += 1
                                seen = (h, seen.0, seen.1, seen.2)
                            }
                        }
                        i += 1
                    }
                }
            }
        }
    }

    static let tokeniser = MatchTokeniser(boilerplate: BoilerplateLines(extra: []))

    /// Common words that open sentences or stand capitalised in headlines: never names, lead words or
    /// headline words.
    static let stopwords = WordTable(
        ["the", "a", "an", "and", "but", "or", "nor", "so", "yet", "in", "on", "at", "of", "for", "to", "by", "with", "from",
         "as", "into", "about", "after", "before", "under", "over", "he", "she", "it", "they", "we", "i", "you", "his", "her",
         "its", "their", "our", "this", "that", "these", "those", "there", "here", "mr", "mrs", "ms", "dr", "if", "when",
         "while", "where", "what", "who", "why", "how", "however", "meanwhile", "also", "some", "all", "one", "no", "not",
         "said", "says", "say", "according", "analysts", "officials", "sources", "reuter", "reuters", "is", "was", "were",
         "be", "been", "being", "has", "have", "had", "will", "would", "could", "should", "may", "might", "can", "do", "does",
         "did", "than", "then", "which", "new", "more", "most", "other", "such", "only", "very", "just", "them", "been"],
        tokeniser: tokeniser)

    /// Markers agencies put before a headline ("UPDATE 2-", "CORRECTED-"): not words of the story.
    static let headlineMarkers = WordTable(["update", "corrected", "correction", "refile", "repeat", "rpt", "urgent", "flash"], tokeniser: tokeniser)

    /// Words at the start of a document that make its lead.
    static let leadWords: UInt32 = 50

    /// Of the distinct names and figures of `a`'s lead (its first `leadWords` words, outside the passages
    /// it shares with `b`), how many `b` gives outside the passages it shares with `a`, and how many there
    /// are. A rewrite tells the story's lead in other words: who, where, when and how much stay.
    static func leadCover(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, mine: [Range<Int>], theirs: [Range<Int>],
                          margin: Int = 8) -> (common: Int, total: Int) {
        @inline(__always) func outside(_ p: UInt32, _ passages: [Range<Int>]) -> Bool {
            let p = Int(p)
            for r in passages where p >= r.lowerBound - margin && p < r.upperBound + margin { return false }
            return true
        }
        var i = a.startIndex, j = b.startIndex
        var common = 0, total = 0
        while i < a.endIndex {
            let va = a[i]
            var inLead = false
            while i < a.endIndex && a[i] == va {
                if !inLead, va & 2 == 0, a[i + 1] < leadWords, outside(a[i + 1], mine) { inLead = true }
                i += 2
            }
            guard inLead else { continue }
            total += 1
            while j < b.endIndex && b[j] < va { j += 2 }
            var found = false
            while j < b.endIndex && b[j] == va {
                if !found, outside(b[j + 1], theirs) { found = true }
                j += 2
            }
            if found { common += 1 }
        }
        return (common, total)
    }

    /// Distinct values in common and each side's count, for one kind of entry.
    struct Overlap: Sendable, Equatable {
        var common = 0, a = 0, b = 0
        /// The smaller side's count.
        var smaller: Int { min(a, b) }
        /// Whether at least `minimum` values are common and at least `share` of the smaller side's.
        func agrees(minimum: Int, share: Double) -> Bool { common >= minimum && Double(common) >= share * Double(smaller) }
    }

    /// How two documents' leads and headlines agree, outside the text they share.
    struct Agreement: Sendable, Equatable {
        /// Names and figures of the two leads (first `leadWords` words), outside the shared passages.
        var leadFacts = Overlap()
        /// Figures alone, of the same.
        var leadFigures = Overlap()
        /// Lead words (by stem), outside the shared passages.
        var leadWords = Overlap()
        /// Headline words, and headline figures.
        var headlineWords = Overlap()
        var headlineFigures = Overlap()
    }

    /// The ``Agreement`` of documents `a` and `b` (their entries), whose shared passages are `mine` in
    /// `a`'s word order and `theirs` in `b`'s: what the leads say outside the shared text — a quote or a
    /// background paragraph carries its own names and words into every article that reuses it.
    static func agreement(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, mine: [Range<Int>], theirs: [Range<Int>]) -> Agreement {
        @inline(__always) func qualifies(_ value: UInt32, _ position: UInt32, _ passages: [Range<Int>]) -> Bool {
            if value & 3 == headlineWord { return true }
            guard position < leadWords else { return false }
            let p = Int(position)
            for r in passages where p >= r.lowerBound && p < r.upperBound { return false }
            return true
        }
        var result = Agreement()
        @inline(__always) func count(_ value: UInt32, _ position: UInt32, inA: Bool, inB: Bool) {
            let kind = value & 3
            let figureHeadline = kind == headlineWord && position == 1
            @inline(__always) func bump(_ o: inout Overlap) {
                if inA { o.a += 1 }
                if inB { o.b += 1 }
                if inA && inB { o.common += 1 }
            }
            switch kind {
            case name: bump(&result.leadFacts)
            case figure: bump(&result.leadFacts); bump(&result.leadFigures)
            case leadWord: bump(&result.leadWords)
            default: if figureHeadline { bump(&result.headlineFigures) } else { bump(&result.headlineWords) }
            }
        }
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            let va = i < a.endIndex ? a[i] : .max, vb = j < b.endIndex ? b[j] : .max
            let v = min(va, vb)
            var inA = false, inB = false
            var position: UInt32 = 0
            while i < a.endIndex && a[i] == v {
                if !inA, qualifies(v, a[i + 1], mine) { inA = true; position = a[i + 1] }
                i += 2
            }
            while j < b.endIndex && b[j] == v {
                if !inB, qualifies(v, b[j + 1], theirs) { inB = true; position = b[j + 1] }
                j += 2
            }
            if inA || inB { count(v, position, inA: inA, inB: inB) }
        }
        return result
    }
}
