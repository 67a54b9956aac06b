import Foundation

/// Identifies the language of a text with a ``LanguageModel``: one pass over the UTF-8 bytes counts the
/// letters of each script and adds up, per language, the costs of every 2- and 3-gram of folded characters
/// in the model (langdetect's n-gram rules: words padded with one space; but all-capital words count too,
/// as headlines are often written so, and single letters are left to the script count, which is as good
/// and a third faster).
/// A word counts once per text: its n-grams (with those of the space after it) and its function-word row
/// are added when it ends, unless the text had the same word (its folded letters) before. Repeated words are
/// not independent evidence — lists, tables, templates, interface strings and code repeat a few words many
/// times, and counting each repetition lets one frequent n-gram (Swedish "ogiltig" ×15 starting like Danish
/// "og") outvote the rest — the binarised naive Bayes known to work better for text than counting.
/// A script that one language writes decides it; otherwise the languages of the main script's group are
/// ranked by total cost (naive Bayes) and given probabilities. Immutable; safe to share between threads.
///
/// Two rules keep the foreign matter of mixed text from deciding (``latinDiscount``, ``capitalWords``):
/// a Latin letter counts for less than a letter of another script when the main script is chosen (Latin
/// names, acronyms, code and URLs sit in text of every script; the reverse is rare), and words whose first
/// two letters are capitals (acronyms, tickers, constants: "NYSE", "GIF", "PANGO_STRETCH") are scored apart
/// and left out when the rest of the text has at least as many n-grams (a headline in capitals keeps them).
public struct LanguageDetector: Sendable {
    public let model: LanguageModel
    /// Languages allowed per group, lane by lane (all when no restriction was given).
    let allowedLanes: [[Bool]]
    /// Script-decided languages that are allowed.
    let allowedSole: Set<String>
    /// Per group, each lane's place among the group's languages in code order (ties of probability are
    /// listed by code).
    let languageRanks: [[Int]]
    /// The posterior divides the log-likelihood by this: the two n-gram orders see each character
    /// several times, so plain naive Bayes would be far too sure of itself.
    public static let temperature = 3.0
    /// A Han, kana or Hangul character weighs this many letters when the main script is chosen: one
    /// carries about as much as a short word of an alphabet (so Latin product names in a Chinese title
    /// do not make it Latin).
    static let ideographWeight = 3
    /// A letter of any script but Latin weighs this many Latin letters when the main script is chosen (a Han,
    /// kana or Hangul character this times ``ideographWeight``), so "Logitech iTouch Navigator — за Интернет"
    /// is Cyrillic: Latin words in text of another script are names and code far more often than the reverse.
    static let latinDiscount = 4
    /// What an n-gram of a capitalised word weighs beside one of a word in small letters, once the text has
    /// ``runningText`` n-grams of words in small letters.
    static let titleWeight = 0.5
    static let runningText = 24

    /// A detector over `model`, answering only languages of `languages` when given (ISO 639-1 codes).
    public init(model: LanguageModel, languages: Set<String>? = nil) {
        self.model = model
        allowedLanes = model.groups.map { group in group.languages.map { languages?.contains($0) ?? true } }
        languageRanks = model.groups.map { group in group.languages.map { code in group.languages.count { $0 < code } } }
        allowedSole = Set(Script.allCases.compactMap(\.soleLanguage).filter { languages?.contains($0) ?? true })
    }

    /// Detects the language of `text`.
    public func detect(_ text: String) -> LanguageDetection {
        var text = text
        return text.withUTF8 { detect(bytes: $0) }
    }

    /// Detects the language of UTF-8 `bytes` (malformed sequences count as spaces).
    public func detect(bytes: UnsafeBufferPointer<UInt8>) -> LanguageDetection {
        // All working memory is on the stack: nothing is allocated until the answer is built.
        withUnsafeTemporaryAllocation(of: SIMD16<UInt32>.self, capacity: totalCount) { totals in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Script.allCases.count) { scripts in
                let ngrams = scan(bytes, totals: totals, scripts: scripts)
                return decide(totals: UnsafeBufferPointer(totals), ngrams: ngrams, scripts: scripts)
            }
        }
    }

    /// What one pass over `bytes` sums, unpacked (for tests, which check it against a plain scan through
    /// the hash table): the costs per set (running text, capital words, capitalised words), group and
    /// lane, at `(set * groups + group) * 32 + lane`; the characters scored per set; the letters per script.
    func sums(_ bytes: UnsafeBufferPointer<UInt8>) -> (costs: [Int], ngrams: (text: Int, capitals: Int, titles: Int), scripts: [Int]) {
        var totals = [SIMD16<UInt32>](repeating: .zero, count: totalCount)
        var scripts = [Int](repeating: 0, count: Script.allCases.count)
        let ngrams = totals.withUnsafeMutableBufferPointer { totals in
            scripts.withUnsafeMutableBufferPointer { scripts in scan(bytes, totals: totals, scripts: scripts) }
        }
        let groupCount = model.groups.count
        var costs = [Int](repeating: 0, count: 3 * groupCount * LanguageModel.lanes)
        for set in 0..<3 {
            for group in 0..<groupCount {
                for lane in 0..<LanguageModel.lanes {
                    costs[(set * groupCount + group) * LanguageModel.lanes + lane] = Int(totals[2 * groupCount * set + 2 * group + lane % 2][lane / 2])
                }
            }
        }
        return (costs, ngrams, scripts)
    }

    /// Three sets of totals (words of running text, words that start with two capitals, capitalised
    /// words), each an even and an odd half per group.
    private var totalCount: Int { 6 * max(model.groups.count, 1) }

    /// Scans `bytes` into `totals` and `scripts` (both set here), with 16-bit partial sums on the stack.
    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, totals: UnsafeMutableBufferPointer<SIMD16<UInt32>>, scripts: UnsafeMutableBufferPointer<Int>
    ) -> (text: Int, capitals: Int, titles: Int) {
        totals.initialize(repeating: .zero)
        scripts.initialize(repeating: 0)
        // Four more partial sums than totals: the current word's, and where the first letter of a word of
        // capitals waits (``scan``).
        return withUnsafeTemporaryAllocation(of: SIMD16<UInt16>.self, capacity: totals.count &+ 4) { partial in
            partial.initialize(repeating: .zero)
            // The keys a word waits with, then the set of words seen, in one allocation (one call to malloc
            // when it is too large for the stack).
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.wordBufferCapacity &+ Self.seenCapacity(bytes.count)) { words in
            let pending = UnsafeMutableBufferPointer(rebasing: words[..<Self.wordBufferCapacity])
            let seen = UnsafeMutableBufferPointer(rebasing: words[Self.wordBufferCapacity...])
            seen.initialize(repeating: 0)
            return CharacterTable.shared.entries.withUnsafeBufferPointer { table in
                model.slots.withUnsafeBufferPointer { slots in
                    model.filter.withUnsafeBufferPointer { filter in
                        model.rowGroups.withUnsafeBufferPointer { rowGroups in
                            model.rows.withUnsafeBytes { rows in
                                model.triples.withUnsafeBytes { triples in
                                    scan(bytes, table: table, slots: slots, filter: filter, rowGroups: rowGroups, rows: rows,
                                         triples: triples.baseAddress! + 2 &* model.tripleOffset, partial: partial,
                                         totals: totals, scripts: scripts, entries: pending.baseAddress!, seen: seen)
                                }
                            }
                        }
                    }
                }
            }
            }
        }
    }

    /// Keys a word's n-grams may fill before it is counted (``scan``: at most two per letter and three at
    /// its end, so a word that fills 252 has more than ``longWord`` letters).
    static let wordBufferCapacity = 256
    /// Rows of the direct tables a word may sum in 16 bits before it is counted (at most 255 of at most
    /// 255 fit 16 bits; two a letter at most, so a word that reaches 240 has more than ``longWord`` letters).
    static let wordRowLimit = 240
    /// A word of more than this many letters counts every time it occurs (it is not remembered).
    static let longWord = 64
    /// Slots of the set of words seen in a text of `byteCount` bytes: a power of two, at least 64, half
    /// the bytes up to 65,536 slots (512 KB), so that few words share a slot. It remembers at most half as many words; later
    /// words that are new count every time.
    static func seenCapacity(_ byteCount: Int) -> Int {
        var capacity = 64
        while capacity < byteCount / 2, capacity < 1 << 16 { capacity <<= 1 }
        return capacity
    }

    /// Whether `key` (a word's key, never 0) was seen before in `seen`, remembering it if not and if fewer
    /// than half the slots are taken (`count` counts them).
    /// Written without a branch on the answer (which is as likely one way as the other in running text).
    @inline(__always)
    static func repeats(_ key: UInt64, in seen: UnsafeMutableBufferPointer<UInt64>, count: inout Int) -> Bool {
        let mask = seen.count &- 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        var found = seen[slot]
        while found != key && found != 0 {
            slot = (slot &+ 1) & mask
            found = seen[slot]
        }
        let remember = found == 0 && count < seen.count / 2
        seen[slot] = remember ? key : found
        count &+= remember ? 1 : 0
        return found == key
    }

    // The hot loop: no allocation, no String, at most one table read per character (none for ASCII in and
    // around words of small letters), one read of a direct table per ASCII n-gram (one for a 3-gram and its
    // 2-gram), a filtered probe per other n-gram and per counted word, and one probe of the words seen per word.
    // Returns how many characters went to each set of totals.
    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt32>, slots: UnsafeBufferPointer<UInt64>,
        filter: UnsafeBufferPointer<UInt64>, rowGroups: UnsafeBufferPointer<UInt8>, rows: UnsafeRawBufferPointer,
        triples: UnsafeRawPointer, partial: UnsafeMutableBufferPointer<SIMD16<UInt16>>, totals: UnsafeMutableBufferPointer<SIMD16<UInt32>>,
        scripts: UnsafeMutableBufferPointer<Int>, entries: UnsafeMutablePointer<UInt64>, seen: UnsafeMutableBufferPointer<UInt64>
    ) -> (text: Int, capitals: Int, titles: Int) {
        let shift = model.slotShift, mask = model.slotMask, filterShift = model.filterShift
        let groupCount = model.groups.count
        // A row's 32 one-byte costs are read as 16 two-byte lanes: the low bytes (even languages) and the
        // high bytes (odd languages) are summed apart in partial[2g] and partial[2g + 1], up to 256 rows of
        // at most 255, then carried into the 32-bit totals (kept in the same even/odd halves). N-grams of a
        // word that starts with two capitals go to the second half, from `2 * groupCount` on.
        // Each add counts in `pending` as many rows as it sums (a 3-gram row of `triples` holds two), and
        // a carry comes before it could reach 257.
        var pending = 0
        let capitalHalf = 2 &* groupCount
        // N-grams of a capitalised word (a capital, then a small letter) go to the third set, from `4 * groupCount` on.
        let titleHalf = 4 &* groupCount
        // The direct table's rows (all of one group) are summed per word (below) and added to
        // partial[directBase + wordHalf] when the word counts.
        let directBase = 2 &* model.directGroup
        // Past the partial sums that are carried: the current word's sums, and where the first letter of a
        // word of capitals waits.
        let wordSums = partial.baseAddress! + 6 &* groupCount
        let firstAt = 6 &* groupCount &+ 2
        // Characters scored, and those of capital words and of capitalised words.
        var scored = 0
        var capitalScored = 0
        var titleScored = 0
        var inCapitals = 0
        var inTitle = 0
        @inline(__always) func carry() {
            Self.carry(partial, into: totals, count: 6 * groupCount)
            pending = 0
        }
        @inline(__always) func lookup(_ key: UInt64, half: Int) {
            guard LanguageModel.mayContain(key, filter: filter, shift: filterShift) else { return }
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            let fingerprint = LanguageModel.fingerprint(key)
            var found: UInt64
            while true {
                found = slots[slot]
                if found >> 32 == fingerprint { break }
                if found == 0 { return }
                slot = (slot &+ 1) & mask
            }
            let row = Int(truncatingIfNeeded: found & 0xFFFF_FFFF)
            let costs = rows.loadUnaligned(fromByteOffset: row &* LanguageModel.lanes, as: SIMD16<UInt16>.self)
            let group = 2 &* Int(rowGroups[row]) &+ half
            partial[group] &+= costs & 0x00FF
            partial[group &+ 1] &+= costs &>> 8
            pending &+= 1
            if pending >= 255 { carry() }
        }
        // A word's n-grams wait until the word ends (with the space after it): a word seen before in the
        // text adds nothing. Those of the direct tables are summed in `wordSums` (even and odd lanes:
        // `wordRows` rows), the others wait in `entries` as keys for the hash table. A word whose second
        // letter is a capital too moves to the capital half there (`split`): what its first letter added
        // waits in partial[firstAt] and partial[firstAt + 1] and in `entries` before `switchAt`, for `wordHalf`.
        // The word's sums live in memory, not in variables: the loop over small letters below keeps them in
        // registers while it runs, and the rest of the pass does not hold eight SIMD registers through the
        // whole loop (with them, the compiler spilled and copied registers at every letter: 20% slower).
        var wordRows = 0
        var waiting = 0
        var wordHalf = 0
        var split = false
        var switchAt = 0
        var letters = 0
        var long = false
        var seenCount = 0
        // A row of the direct table of 2-grams (zeros where the model lacks the n-gram).
        @inline(__always) func direct(_ index: Int) {
            let costs = rows.loadUnaligned(fromByteOffset: index &* LanguageModel.lanes, as: SIMD16<UInt16>.self)
            wordSums[0] &+= costs & 0x00FF
            wordSums[1] &+= costs &>> 8
            wordRows &+= 1
        }
        // A 3-gram and its last two letters' 2-gram, from the direct table of 3-grams.
        @inline(__always) func triple(_ index: Int) {
            let at = (index &- LanguageModel.directCount) &* (2 &* LanguageModel.lanes)
            wordSums[0] &+= triples.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt16>.self)
            wordSums[1] &+= triples.loadUnaligned(fromByteOffset: at &+ LanguageModel.lanes, as: SIMD16<UInt16>.self)
            wordRows &+= 2
        }
        @inline(__always) func emit(_ key: UInt64) {
            entries[waiting] = key
            waiting &+= 1
        }
        @inline(__always) func clearWord() {
            wordSums[0] = .zero
            wordSums[1] = .zero
            wordRows = 0
            waiting = 0
            split = false
        }
        // Adds what the word waits with to the sums: first the rows summed in `wordSums` (and partial[firstAt])
        // at once, counted in `pending` before, then the keys, each counted as it is added (so a carry
        // among them never leaves rows uncounted).
        @inline(__always) func addWord() {
            if pending &+ wordRows >= 255 { carry() }
            pending &+= wordRows
            var index = 0
            if split {
                partial[directBase &+ wordHalf] &+= partial[firstAt]
                partial[directBase &+ wordHalf &+ 1] &+= partial[firstAt &+ 1]
                partial[directBase &+ capitalHalf] &+= wordSums[0]
                partial[directBase &+ capitalHalf &+ 1] &+= wordSums[1]
                while index < switchAt {
                    lookup(entries[index], half: wordHalf)
                    index &+= 1
                }
                wordHalf = capitalHalf
            } else {
                partial[directBase &+ wordHalf] &+= wordSums[0]
                partial[directBase &+ wordHalf &+ 1] &+= wordSums[1]
            }
            while index < waiting {
                lookup(entries[index], half: wordHalf)
                index &+= 1
            }
            clearWord()
        }
        // The word that ends here counts unless the text had it before (a long word always counts).
        @inline(__always) func endWord() {
            let key = word | LanguageModel.wordBit
            if long || letters > Self.longWord || !Self.repeats(key, in: seen, count: &seenCount) {
                addWord()
                // A whole word that the model lists (a function word) adds its own costs.
                lookup(key, half: wordHalf)
            } else {
                clearWord()
            }
            long = false
            letters = 0
        }

        let byteCount = bytes.count
        var i = 0
        var c1: UInt64 = 0x20, c2: UInt64 = 0x20, c3: UInt64 = 0x20
        var length = 1
        // Whether the current word's first letter is a capital (upperBit or 0).
        var firstUpper: UInt32 = 0
        // The running hash of the current word's folded letters (its key once the word ends).
        var word = LanguageModel.wordSeed
        let latin = Int(Script.latin.rawValue), none = Int(Script.none.rawValue)
        while i < byteCount {
            // The common case on its own: small ASCII letters that continue a word of ASCII letters. Each
            // is its own folded value (Latin, not a capital), extends the word's hash and adds its 3-gram
            // with its 2-gram from the direct table; the word's state (capitals, length ≥ 3) stays. Then
            // an ASCII byte that ends the word, and after the word is counted (below) the ASCII bytes that
            // follow and a small letter that starts the next word.
            // Whether the word ends here, and whether at an ASCII byte after small letters (the loop below).
            var ends = false, ascii = false
            if c3 != 0x20, c2 | c3 < 0x80 {
                let start = i
                // At most ``wordRowLimit`` rows wait in the word's sums (two a letter here).
                let end = min(byteCount, i &+ ((Self.wordRowLimit &- wordRows) &>> 1))
                var low = wordSums[0], high = wordSums[1]
                while i < end {
                    let value = UInt64(bytes[i])
                    guard value &- 0x61 < 26 else { break }
                    i &+= 1
                    word = LanguageModel.wordStep(word, value)
                    let at = (LanguageModel.asciiIndex(c2, c3, value) &- LanguageModel.directCount) &* (2 &* LanguageModel.lanes)
                    low &+= triples.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt16>.self)
                    high &+= triples.loadUnaligned(fromByteOffset: at &+ LanguageModel.lanes, as: SIMD16<UInt16>.self)
                    c2 = c3
                    c3 = value
                }
                wordSums[0] = low
                wordSums[1] = high
                let run = i &- start
                if run > 0 {
                    wordRows &+= 2 &* run
                    length = 3
                    letters &+= run
                    scripts[latin] &+= run
                    scored &+= run
                    capitalScored &+= inCapitals &* run
                    titleScored &+= inTitle &* run
                    if i == byteCount { break }
                }
                // An ASCII byte other than a letter ends the word: it folds to a space (no script), and its
                // 3-gram (the word's last two letters and the space) with its 2-gram is read directly; then
                // the word is counted below, as the general path would.
                if bytes[i] < 0x80, (bytes[i] | 0x20) &- 0x61 >= 26 {
                    i &+= 1
                    scripts[none] &+= 1
                    scored &+= 1
                    capitalScored &+= inCapitals
                    titleScored &+= inTitle
                    triple(LanguageModel.asciiIndex(c2, c3, 0x20))
                    c2 = c3
                    c3 = 0x20
                    length = 3
                    ends = true
                    ascii = true
                }
            }
            if !ends {
            let b0 = UInt32(bytes[i])
            var code: UInt32
            if b0 < 0x80 {
                code = b0
                i &+= 1
            } else if b0 >= 0xC2, b0 < 0xE0, i + 1 < byteCount, bytes[i + 1] & 0xC0 == 0x80 {
                code = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i &+= 2
            } else if b0 >= 0xE0, b0 < 0xF0, i + 2 < byteCount, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 {
                code = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i &+= 3
            } else if b0 >= 0xF0, b0 < 0xF5, i + 3 < byteCount, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80,
                bytes[i + 3] & 0xC0 == 0x80
            {
                code = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                i &+= 4
            } else {
                code = 0x20
                i &+= 1
            }
            let entry = code < 0x10000 ? table[Int(code)] : CharacterTable.supplementary(code)
            let value = UInt64(entry & CharacterTable.valueMask)
            scripts[Int(entry >> 24)] &+= 1
            if c3 == 0x20 {
                length = 1
                if value == 0x20 { continue }
                // A word starts.
                firstUpper = entry & CharacterTable.upperBit
                inCapitals = 0
                inTitle = firstUpper != 0 ? 1 : 0
                wordHalf = firstUpper != 0 ? titleHalf : 0
                word = LanguageModel.wordSeed
            } else if length >= 3 {
                length = 2
            } else if firstUpper & entry != 0 {
                // The word's second letter is a capital too: its n-grams go to the capital half.
                partial[firstAt] = wordSums[0]
                partial[firstAt &+ 1] = wordSums[1]
                wordSums[0] = .zero
                wordSums[1] = .zero
                split = true
                switchAt = waiting
                inCapitals = 1
                inTitle = 0
                // The first letter went to the capitalised words; from here the word counts as capitals.
            }
            ends = value == 0x20
            if !ends {
                word = LanguageModel.wordStep(word, value)
                letters &+= 1
            }
            scored &+= 1
            capitalScored &+= inCapitals
            titleScored &+= inTitle
            c1 = c2
            c2 = c3
            c3 = value
            length &+= 1
            // Folded ASCII is a–z or space: those n-grams are read from the direct tables, a 3-gram together
            // with its last two letters' 2-gram.
            if length >= 3, c1 | c2 | c3 < 0x80 {
                triple(LanguageModel.asciiIndex(c1, c2, c3))
            } else {
                if c2 | c3 < 0x80 { direct(LanguageModel.asciiIndex(c2, c3)) } else { emit(c2 << 21 | c3) }
                if length >= 3 { emit(c1 << 42 | c2 << 21 | c3) }
            }
            if !ends, waiting >= Self.wordBufferCapacity &- 4 || wordRows >= Self.wordRowLimit {
                // At most two rows or entries a letter: the word has more than `longWord` letters and counts.
                long = true
                addWord()
            }
            }
            if ends {
                endWord()
                if ascii {
                    // More ASCII bytes other than letters only count as no script; a small letter after them
                    // starts a word (its 2-gram with the space before it), as the general path would.
                    let spaces = i
                    while i < byteCount, bytes[i] < 0x80, (bytes[i] | 0x20) &- 0x61 >= 26 { i &+= 1 }
                    scripts[none] &+= i &- spaces
                    if i < byteCount, bytes[i] &- 0x61 < 26 {
                        let value = UInt64(bytes[i])
                        i &+= 1
                        firstUpper = 0
                        inCapitals = 0
                        inTitle = 0
                        wordHalf = 0
                        word = LanguageModel.wordStep(LanguageModel.wordSeed, value)
                        letters &+= 1
                        scripts[latin] &+= 1
                        scored &+= 1
                        c2 = 0x20
                        c3 = value
                        length = 2
                        direct(LanguageModel.asciiIndex(0x20, value))
                    }
                }
            }
        }
        if c3 != 0x20 { endWord() }
        carry()
        return (scored &- capitalScored &- titleScored, capitalScored, titleScored)
    }

    /// Adds the 16-bit partial sums to the 32-bit totals and clears them; out of line, as it runs once per
    /// 256 n-grams and would otherwise crowd the hot loop's registers.
    @inline(never)
    private static func carry(
        _ partial: UnsafeMutableBufferPointer<SIMD16<UInt16>>, into totals: UnsafeMutableBufferPointer<SIMD16<UInt32>>, count: Int
    ) {
        for index in 0..<count {
            totals[index] &+= SIMD16<UInt32>(truncatingIfNeeded: partial[index])
            partial[index] = .zero
        }
    }

    private func decide(
        totals: UnsafeBufferPointer<SIMD16<UInt32>>, ngrams: (text: Int, capitals: Int, titles: Int), scripts counts: UnsafeMutableBufferPointer<Int>
    ) -> LanguageDetection {
        counts[Int(Script.none.rawValue)] = 0
        let kana = counts[Int(Script.kana.rawValue)]
        counts[Int(Script.han.rawValue)] += kana
        counts[Int(Script.kana.rawValue)] = 0
        let letters = counts.reduce(0, +)
        counts[Int(Script.han.rawValue)] *= Self.ideographWeight
        counts[Int(Script.hangul.rawValue)] *= Self.ideographWeight
        let weighted = counts.reduce(0, +)
        guard letters > 0 else { return .empty }
        let latin = Int(Script.latin.rawValue)
        var best = 0
        func choice(_ index: Int) -> Int { index == latin ? counts[index] : counts[index] * Self.latinDiscount }
        for index in counts.indices where choice(index) > choice(best) { best = index }
        var script = Script(rawValue: UInt8(best)) ?? .other
        if script == .han, kana > 0, kana * 20 * Self.ideographWeight >= counts[best] { script = .kana }
        let share = Double(counts[best]) / Double(weighted)
        var detection = LanguageDetection(letters: letters, script: script, scriptShare: share, candidates: [])
        if let sole = script.soleLanguage {
            if allowedSole.contains(sole) { detection.candidates = [LanguageScore(language: sole, probability: 1)] }
            return detection
        }
        let groupIndex = model.groupOfScript[Int(script.rawValue)]
        guard groupIndex >= 0 else { return detection }
        let group = model.groups[groupIndex]
        let allowed = allowedLanes[groupIndex], ranks = languageRanks[groupIndex]
        // Capital words count only when they outnumber the rest (a headline in capitals); capitalised words
        // count for less once the text has running words of its own (names, products and labels are
        // capitalised in every language, and often borrowed).
        let withCapitals = ngrams.text + ngrams.titles < ngrams.capitals
        let titleWeight = ngrams.text >= Self.runningText ? Self.titleWeight : 1
        let capitals = 2 * model.groups.count, titles = 4 * model.groups.count
        // At most 32 lanes: costs, then weights, then probabilities, in one buffer on the stack.
        return withUnsafeTemporaryAllocation(of: (lane: Int, value: Double).self, capacity: LanguageModel.lanes) { scores in
            var count = 0
            var lowest = Double.infinity
            for lane in group.languages.indices where allowed[lane] {
                let index = 2 * groupIndex + lane % 2
                let text = Double(totals[index][lane / 2]) + titleWeight * Double(totals[titles + index][lane / 2])
                let cost = withCapitals ? text + Double(totals[capitals + index][lane / 2]) : text
                scores[count] = (lane, cost)
                lowest = min(lowest, cost)
                count += 1
            }
            guard count > 0 else { return detection }
            let factor = M_LN2 / Double(model.scale) / Self.temperature
            var sum = 0.0
            for i in 0..<count {
                scores[i].value = exp(-(scores[i].value - lowest) * factor)
                sum += scores[i].value
            }
            // Most probable first; equal probabilities (those that underflow to 0) by language code.
            for i in 0..<count {
                let item = (lane: scores[i].lane, value: scores[i].value / sum)
                var j = i
                while j > 0, scores[j - 1].value < item.value || (scores[j - 1].value == item.value && ranks[scores[j - 1].lane] > ranks[item.lane]) {
                    scores[j] = scores[j - 1]
                    j -= 1
                }
                scores[j] = item
            }
            var candidates: [LanguageScore] = []
            candidates.reserveCapacity(count)
            for i in 0..<count { candidates.append(LanguageScore(language: group.languages[scores[i].lane], probability: scores[i].value)) }
            detection.candidates = candidates
            return detection
        }
    }
}
