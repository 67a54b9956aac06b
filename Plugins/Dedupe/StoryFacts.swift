/// The names, figures and dates a document gives, word by word — what two outlets' rewrites of one
/// story both say however they word it (who, where, when, how much) — for corroborating a match on
/// little shared text. Cheap and local, computed by the preparer:
///
/// - a *name word*: a word starting with an ASCII capital letter, of two letters or more, not a common
///   function word ("The", "But", "He"), not opening a sentence unless the next word is capitalised too
///   ("Analysts said" is no name, "Federal Reserve" is), and not in a title-case or all-capital paragraph
///   (a headline, a table header: most of its words capitalised);
/// - a *figure*: a run of digits joined by punctuation without space ("22.5", "6-1/16", "1,500",
///   "4/3/87") holding at least two digits (a lone "4" is everywhere), dates included.
///
/// Values are the case-folded word hashes, so "NEW YORK" and "New York" agree. Each occurrence is kept
/// as (value, word position), sorted; the value's lowest bit says figure (1) or name (0).
enum StoryFacts {
    /// Most occurrences kept per document (the first ones, in text order: the lead's come first).
    static let cap = 80

    /// Appends the (value, position) pairs of the document whose word hashes are `words` and UTF-8
    /// byte ranges `ranges` in `bytes`, sorted by value then position.
    static func extract(bytes: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<UInt64>,
                        ranges: UnsafeMutableBufferPointer<Range<Int>>, count: Int, into facts: inout [UInt32]) {
        guard count > 0 else { return }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(cap)
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
        func opensSentence(_ i: Int) -> Bool {
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
        // Paragraphs (blocks between blank lines or line breaks) with most words capitalised are headlines,
        // table headers or title-case text: no names are taken from them.
        var paragraphStart = 0
        var i = 0
        while paragraphStart < count && pairs.count < cap {
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
            i = paragraphStart
            while i < paragraphEnd && pairs.count < cap {
                if isDigit(i) {
                    var value: UInt64 = 0x51ED_270B_2793_1E5D
                    var digits = 0
                    var j = i
                    repeat {
                        value = Mix64.combine(value, words[j])
                        for k in ranges[j] where bytes[k] >= 0x30 && bytes[k] <= 0x39 { digits += 1 }
                        j += 1
                    } while j < paragraphEnd && isDigit(j) && joined(j)
                    if digits >= 2 { pairs.append(UInt64(UInt32(truncatingIfNeeded: Mix64.fmix(value)) | 1) << 32 | UInt64(i)) }
                    i = j
                    continue
                }
                if !titleCase, isCapital(i), ranges[i].count >= 2, !stopwords.contains(words[i]),
                   !opensSentence(i) || (i + 1 < paragraphEnd && isCapital(i + 1) && spaced(i + 1)) {
                    pairs.append(UInt64(UInt32(truncatingIfNeeded: Mix64.fmix(words[i])) & ~1) << 32 | UInt64(i))
                }
                i += 1
            }
            paragraphStart = paragraphEnd
        }
        pairs.sort()
        for p in pairs {
            facts.append(UInt32(truncatingIfNeeded: p >> 32))
            facts.append(UInt32(truncatingIfNeeded: p))
        }
    }

    /// Common words that open sentences or stand capitalised in headlines: never names.
    static let stopwords: Set<UInt64> = {
        let list = ["the", "a", "an", "and", "but", "or", "nor", "so", "yet", "in", "on", "at", "of", "for", "to", "by", "with", "from",
                    "as", "into", "about", "after", "before", "under", "over", "he", "she", "it", "they", "we", "i", "you", "his", "her",
                    "its", "their", "our", "this", "that", "these", "those", "there", "here", "mr", "mrs", "ms", "dr", "if", "when",
                    "while", "where", "what", "who", "why", "how", "however", "meanwhile", "also", "some", "all", "one", "no", "not",
                    "said", "says", "according", "analysts", "officials", "sources", "reuter", "reuters"]
        let tokeniser = MatchTokeniser(boilerplate: BoilerplateLines(extra: []))
        var words: [UInt64] = []
        var set = Set<UInt64>()
        for word in list {
            tokeniser.tokenise(word, into: &words)
            set.formUnion(words)
        }
        return set
    }()

    /// Words at the start of a document that make its lead.
    static let leadWords: UInt32 = 50

    /// Of the distinct figures and names of `a`'s lead (its first `leadWords` words, outside the passages
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
                if !inLead, a[i + 1] < leadWords, outside(a[i + 1], mine) { inLead = true }
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
}
