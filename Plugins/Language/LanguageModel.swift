public import CopydeskCore
public import Foundation

/// Languages written in one script and told apart by the n-gram model (at most 32, one SIMD lane each).
public struct LanguageGroup: Sendable, Equatable {
    public var script: Script
    /// ISO 639-1 codes (639-3 where no 639-1 code exists), one per lane.
    public var languages: [String]

    public init(script: Script, languages: [String]) {
        self.script = script
        self.languages = languages
    }
}

/// One character n-gram of the model: its key (see ``LanguageModel/key(_:)``), its group, and for each
/// language of the group the cost −log₂ P(n-gram | language) × ``LanguageModel/scale``, clamped to 255.
public struct NgramCosts: Sendable, Equatable {
    public var key: UInt64
    public var group: Int
    public var costs: [UInt8]

    public init(key: UInt64, group: Int, costs: [UInt8]) {
        self.key = key
        self.group = group
        self.costs = costs
    }
}

/// The language-identification model: n-grams of 1–3 folded characters with a cost per language of their
/// script's group, in an open-addressing table of 8-byte slots (a 32-bit fingerprint of the packed code
/// points and the row), small enough to stay in cache. Immutable and shared by every thread.
public struct LanguageModel: Sendable {
    /// Lanes per row: the most languages one group may hold.
    public static let lanes = 32
    /// Cost units per bit of −log₂ P.
    public let scale: Int
    public let groups: [LanguageGroup]
    /// Number of rows in the model: 2- and 3-grams, and whole words.
    public let ngramCount: Int
    /// Number of whole words among the rows (function words, ``wordKey(_:)``).
    public let wordCount: Int
    /// Group index by ``Script`` raw value, or −1.
    let groupOfScript: [Int]
    /// The hash table: per slot the key's ``fingerprint(_:)`` (high 32 bits; 0: empty) and its row.
    let slots: [UInt64]
    let rowGroups: [UInt8]
    /// `lanes` costs per row. The first ``directCount`` rows are the direct table of 2-grams: one per 2-gram
    /// of ASCII letters and spaces, at ``asciiIndex(_:_:)``, all of the group ``directGroup``, and all costs
    /// zero where the model has no such n-gram (adding it changes nothing), so the detector finds the row
    /// from the letters alone: no hashing or probing. The other n-grams and the words follow in key order.
    let rows: [UInt8]
    let slotShift: UInt64
    let slotMask: Int
    /// Rows of the direct table of 2-grams.
    static let directCount = 729
    /// The group of every n-gram of ASCII letters (the Latin group; 0 when the model has none).
    let directGroup: Int
    /// Which rows of the direct table hold an n-gram of the model (the others are zero).
    let directPresent: [Bool]
    /// The direct table of 3-grams of ASCII letters and spaces (most of the text of Latin-script
    /// languages), 27³ rows of 64 bytes at ``asciiIndex(_:_:_:)`` − 729: per language the cost of the 3-gram
    /// *plus* that of its last two letters' 2-gram (0 for an n-gram the model lacks), in two bytes,
    /// languages 0, 2, … 30 then 1, 3, … 31 (the detector's even and odd sums). Every letter after a word's
    /// first adds both n-grams, so one read of one cache line does both. The table starts at
    /// ``tripleOffset``, the first 64-byte boundary of the array's storage (which never moves: it is
    /// never written after the model is built).
    let triples: [UInt16]
    let tripleOffset: Int
    /// A Bloom filter over the keys the detector looks up through the hash table (words, and n-grams
    /// with a letter outside ASCII): two bits per key, ``filterBits(_:)``. Most words of running text are
    /// not function words; the filter, a few dozen KB, answers for most of them without a probe into
    /// the table of a megabyte. It never says no to a key of the model, so answers are unchanged.
    let filter: [UInt64]
    let filterShift: UInt64

    /// The direct-table position of a 2-gram of folded ASCII values (a–z or space: `v & 0x1F` is 0–26).
    @inline(__always)
    static func asciiIndex(_ a: UInt64, _ b: UInt64) -> Int {
        Int(truncatingIfNeeded: (a & 0x1F) &* 27 &+ (b & 0x1F))
    }

    /// The direct-table position of a 3-gram of folded ASCII values, after the 27² 2-grams.
    @inline(__always)
    static func asciiIndex(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> Int {
        Int(truncatingIfNeeded: 729 &+ ((a & 0x1F) &* 27 &+ (b & 0x1F)) &* 27 &+ (c & 0x1F))
    }

    /// The two bits of `key` in the filter (``filter``): positions below 2^(64 − `shift`).
    @inline(__always)
    static func filterBits(_ key: UInt64, shift: UInt64) -> (Int, Int) {
        let hash = key &* 0xA076_1D64_78BD_642F
        return (Int(truncatingIfNeeded: hash >> shift), Int(truncatingIfNeeded: (hash << 24) >> shift))
    }

    /// Whether `key` may be in the model's hash table (false: it certainly is not).
    @inline(__always)
    static func mayContain(_ key: UInt64, filter: UnsafeBufferPointer<UInt64>, shift: UInt64) -> Bool {
        let (a, b) = filterBits(key, shift: shift)
        return (filter[a &>> 6] &>> UInt64(a & 63)) & (filter[b &>> 6] &>> UInt64(b & 63)) & 1 != 0
    }

    /// Whether n-gram `key` (2 or 3 code points) is made of ASCII letters and spaces only.
    static func isASCII(_ key: UInt64) -> Bool {
        let values = key >= 1 << 42 ? [key >> 42, key >> 21 & 0x1F_FFFF, key & 0x1F_FFFF] : [key >> 21, key & 0x1F_FFFF]
        return values.allSatisfy { $0 == 0x20 || (0x61...0x7A).contains($0) }
    }

    /// The key of an n-gram of 1–3 folded code points: the code points packed 21 bits each, oldest first.
    /// Keys of different lengths never collide because folded code points are never 0.
    public static func key(_ values: some Collection<UInt32>) -> UInt64 {
        values.reduce(0) { $0 << 21 | UInt64($1) }
    }

    /// The bit that marks a whole word's key (``wordKey(_:)``); n-gram keys are below 2⁶³.
    public static let wordBit: UInt64 = 1 << 63
    /// The running hash of a word's folded code points starts here (FNV-1a over 21-bit values).
    public static let wordSeed: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The word hash extended by one folded code point.
    @inline(__always)
    public static func wordStep(_ hash: UInt64, _ value: UInt64) -> UInt64 { (hash ^ value) &* 0x0000_0100_0000_01B3 }

    /// The key of a whole word of folded code points: its hash with ``wordBit`` set, so that words and
    /// n-grams share one table without colliding.
    public static func wordKey(_ values: some Collection<UInt32>) -> UInt64 {
        values.reduce(wordSeed) { wordStep($0, UInt64($1)) } | wordBit
    }

    /// A model of `groups` and `ngrams`; ngrams must have distinct keys and as many costs as their group has languages.
    public init(scale: Int, groups: [LanguageGroup], ngrams: [NgramCosts]) throws(LanguageModelError) {
        guard groups.allSatisfy({ $0.languages.count <= Self.lanes && !$0.languages.isEmpty }) else {
            throw LanguageModelError("a language group has no languages or more than \(Self.lanes)")
        }
        self.scale = scale
        self.groups = groups
        ngramCount = ngrams.count
        wordCount = ngrams.count { $0.key & Self.wordBit != 0 }
        var byScript = [Int](repeating: -1, count: Script.allCases.count)
        for (index, group) in groups.enumerated() { byScript[Int(group.script.rawValue)] = index }
        groupOfScript = byScript
        var bits: UInt64 = 4
        while (1 << bits) < 2 * max(ngrams.count, 1) { bits += 1 }
        let capacity = 1 << Int(bits)
        slotShift = 64 - bits
        slotMask = capacity - 1
        // ASCII 2-grams have fixed rows; the others follow. ASCII 3-grams are also summed into `triples`.
        var directIndex = [Int](repeating: -1, count: ngrams.count)
        for (position, ngram) in ngrams.enumerated() where ngram.key & Self.wordBit == 0 && Self.isASCII(ngram.key) {
            directIndex[position] = ngram.key >= 1 << 42
                ? Self.asciiIndex(ngram.key >> 42, ngram.key >> 21 & 0x1F_FFFF, ngram.key & 0x1F_FFFF)
                : Self.asciiIndex(ngram.key >> 21, ngram.key & 0x1F_FFFF)
        }
        let directGroup = max(byScript[Int(Script.latin.rawValue)], 0)
        let others = ngrams.indices.filter { directIndex[$0] < 0 || directIndex[$0] >= Self.directCount }
        var filterBits: UInt64 = 9
        while (1 << filterBits) < 4 * max(ngrams.count { $0.key & Self.wordBit != 0 || !Self.isASCII($0.key) }, 1) { filterBits += 1 }
        filterShift = 64 - filterBits
        var filter = [UInt64](repeating: 0, count: 1 << Int(filterBits - 6))
        var slots = [UInt64](repeating: 0, count: capacity)
        let rowCount = Self.directCount + others.count
        var rowGroups = [UInt8](repeating: UInt8(directGroup), count: rowCount)
        var rows = [UInt8](repeating: 0, count: rowCount * Self.lanes)
        var present = [Bool](repeating: false, count: Self.directCount)
        // The row of each ASCII 3-gram, by its place in the direct table of 3-grams.
        var tripleRows = [Int](repeating: -1, count: 19_683)
        var seen = Set<UInt64>()
        var nextRow = Self.directCount
        for (position, ngram) in ngrams.enumerated() {
            guard ngram.key != 0, groups.indices.contains(ngram.group), ngram.costs.count == groups[ngram.group].languages.count else {
                throw LanguageModelError("n-gram \(position) has a zero key, an unknown group or the wrong number of costs")
            }
            guard seen.insert(ngram.key).inserted else { throw LanguageModelError("n-gram \(position) repeats an earlier key") }
            guard directIndex[position] < 0 || ngram.group == directGroup else {
                throw LanguageModelError("n-gram \(position) of ASCII letters is not in the Latin group")
            }
            let row: Int
            if directIndex[position] >= 0, directIndex[position] < Self.directCount {
                row = directIndex[position]
                present[row] = true
            } else {
                row = nextRow
                nextRow += 1
                if directIndex[position] >= 0 {
                    tripleRows[directIndex[position] - Self.directCount] = row
                } else {
                    // Only keys the detector may look up through the hash table enter the filter.
                    let (a, b) = Self.filterBits(ngram.key, shift: filterShift)
                    filter[a >> 6] |= 1 << UInt64(a & 63)
                    filter[b >> 6] |= 1 << UInt64(b & 63)
                }
            }
            var slot = Int(truncatingIfNeeded: (ngram.key &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
            let fingerprint = Self.fingerprint(ngram.key)
            while slots[slot] != 0 {
                guard slots[slot] >> 32 != fingerprint else {
                    throw LanguageModelError("two n-grams (the second is \(position)) share a fingerprint; retrain with another --scale")
                }
                slot = (slot + 1) & (capacity - 1)
            }
            slots[slot] = fingerprint << 32 | UInt64(row)
            rowGroups[row] = UInt8(ngram.group)
            for (lane, cost) in ngram.costs.enumerated() { rows[row * Self.lanes + lane] = cost }
        }
        var triples = [UInt16](repeating: 0, count: Self.lanes + 19_683 * Self.lanes)
        let offset = triples.withUnsafeBufferPointer { (64 - Int(bitPattern: $0.baseAddress) & 63) & 63 } / 2
        triples.withUnsafeMutableBufferPointer { triples in
            for index in 0..<19_683 {
                let pair = index % 729
                let base = offset + index * Self.lanes
                for lane in 0..<Self.lanes {
                    var cost = UInt16(rows[pair * Self.lanes + lane])
                    if tripleRows[index] >= 0 { cost += UInt16(rows[tripleRows[index] * Self.lanes + lane]) }
                    triples[base + lane / 2 + (lane % 2) * (Self.lanes / 2)] = cost
                }
            }
        }
        tripleOffset = offset
        self.slots = slots
        self.rowGroups = rowGroups
        self.rows = rows
        self.filter = filter
        self.triples = triples
        self.directGroup = directGroup
        directPresent = present
    }

    /// The row of n-gram `key` found through the hash table (the detector's probe), or `nil`.
    func row(ofKey key: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
        let fingerprint = Self.fingerprint(key)
        while slots[slot] != 0 {
            if slots[slot] >> 32 == fingerprint { return Int(slots[slot] & 0xFFFF_FFFF) }
            slot = (slot + 1) & slotMask
        }
        return nil
    }

    /// The row the direct table holds for a 2-gram of folded ASCII values (a–z, space), or `nil` where the
    /// model has no such n-gram (that row is all zeros).
    func asciiRow(_ values: [UInt64]) -> Int? {
        let index = Self.asciiIndex(values[0], values[1])
        return directPresent[index] ? index : nil
    }

    /// The costs the direct table of 3-grams holds for a 3-gram of folded ASCII values, per language of
    /// the Latin group (32 lanes).
    func tripleCosts(_ values: [UInt64]) -> [Int] {
        let base = tripleOffset + (Self.asciiIndex(values[0], values[1], values[2]) - Self.directCount) * Self.lanes
        return (0..<Self.lanes).map { Int(triples[base + $0 / 2 + ($0 % 2) * (Self.lanes / 2)]) }
    }

    /// The costs of row `row`, one per lane.
    func costs(ofRow row: Int) -> [Int] {
        (0..<Self.lanes).map { Int(rows[row * Self.lanes + $0]) }
    }

    /// Whether the detector's filter lets `key` through to the hash table (true for every key of the model
    /// that the direct table does not hold).
    func filterAdmits(_ key: UInt64) -> Bool {
        filter.withUnsafeBufferPointer { Self.mayContain(key, filter: $0, shift: filterShift) }
    }

    /// A non-zero 32-bit fingerprint of `key`, independent of the slot hash. An n-gram missing from the
    /// model matches a stored one only when both hashes coincide (about once in 4·10⁹ probes).
    @inline(__always)
    static func fingerprint(_ key: UInt64) -> UInt64 {
        ((key &* 0xD6E8_FEB8_6659_FD93) >> 32) | 1
    }

    /// Every language the model can answer: the groups' and those a script decides alone, sorted.
    public var languages: [String] {
        let sole = Script.allCases.compactMap(\.soleLanguage)
        return Array(Set(groups.flatMap(\.languages) + sole)).sorted()
    }

    // MARK: File format

    static let magic = Array("CDLANG1\n".utf8)

    /// The model file: magic, scale, groups (script, count, 4-byte codes), n-gram count, keys (u64),
    /// groups (u8), then each n-gram's costs; little-endian. N-grams are written in key order, so the same
    /// model always gives the same bytes.
    public static func serialize(scale: Int, groups: [LanguageGroup], ngrams: [NgramCosts]) -> [UInt8] {
        var out = magic
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        u32(scale)
        u32(groups.count)
        for group in groups {
            out.append(group.script.rawValue)
            out.append(UInt8(group.languages.count))
            for code in group.languages {
                let bytes = Array(code.utf8.prefix(4))
                out.append(contentsOf: bytes + [UInt8](repeating: 0, count: 4 - bytes.count))
            }
        }
        let sorted = ngrams.sorted { $0.key < $1.key }
        u32(sorted.count)
        for ngram in sorted { withUnsafeBytes(of: ngram.key.littleEndian) { out.append(contentsOf: $0) } }
        for ngram in sorted { out.append(UInt8(ngram.group)) }
        for ngram in sorted { out.append(contentsOf: ngram.costs) }
        return out
    }

    /// Reads a model file written by ``serialize(scale:groups:ngrams:)``.
    public init(bytes: [UInt8], source: String) throws(LanguageModelError) {
        var offset = 0
        func fail(_ what: String) -> LanguageModelError {
            LanguageModelError("\(source): \(what) at byte \(offset); rebuild it with `copydesk-train-language`")
        }
        func u32() throws(LanguageModelError) -> Int {
            guard offset + 4 <= bytes.count else { throw fail("truncated model file") }
            defer { offset += 4 }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        }
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw fail("not a copydesk language model (bad magic)")
        }
        offset = Self.magic.count
        let scale = try u32()
        let groupCount = try u32()
        var groups: [LanguageGroup] = []
        for _ in 0..<groupCount {
            guard offset + 2 <= bytes.count, let script = Script(rawValue: bytes[offset]) else { throw fail("bad group header") }
            let count = Int(bytes[offset + 1])
            offset += 2
            guard offset + 4 * count <= bytes.count else { throw fail("truncated group") }
            var codes: [String] = []
            for i in 0..<count {
                let raw = bytes[(offset + 4 * i)..<(offset + 4 * i + 4)].prefix { $0 != 0 }
                codes.append(String(decoding: raw, as: UTF8.self))
            }
            offset += 4 * count
            groups.append(LanguageGroup(script: script, languages: codes))
        }
        let count = try u32()
        guard offset + 9 * count <= bytes.count else { throw fail("truncated n-gram table") }
        var ngrams: [NgramCosts] = []
        ngrams.reserveCapacity(count)
        var costOffset = offset + 9 * count
        for i in 0..<count {
            var key: UInt64 = 0
            for b in 0..<8 { key |= UInt64(bytes[offset + 8 * i + b]) << (8 * UInt64(b)) }
            let group = Int(bytes[offset + 8 * count + i])
            guard groups.indices.contains(group) else { throw fail("n-gram \(i) names group \(group)") }
            let width = groups[group].languages.count
            guard costOffset + width <= bytes.count else { throw fail("truncated costs") }
            ngrams.append(NgramCosts(key: key, group: group, costs: Array(bytes[costOffset..<(costOffset + width)])))
            costOffset += width
        }
        offset = costOffset
        guard offset == bytes.count else { throw fail("\(bytes.count - offset) bytes after the end of the model") }
        try self.init(scale: scale, groups: groups, ngrams: ngrams)
    }

    /// Reads the model file at `url`.
    public init(contentsOf url: URL) throws(LanguageModelError) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LanguageModelError("\(url.path): cannot read the language model file")
        }
        try self.init(bytes: [UInt8](data), source: url.path)
    }

    /// Where the built-in model is found (see ``BuiltInResource/locations``).
    public static let builtInResource = BuiltInResource(
        fileName: "language.model", bundleName: "copydesk_Language.resources", environmentVariable: "COPYDESK_LANGUAGE_MODEL",
        sourceFile: #filePath)

    /// The model shipped with the stage, from the first of ``BuiltInResource/locations`` that exists.
    public static func builtIn() throws(LanguageModelError) -> LanguageModel {
        guard let path = builtInResource.path else { throw LanguageModelError(builtInResource.notFoundMessage) }
        return try LanguageModel(contentsOf: URL(fileURLWithPath: path))
    }
}

/// A language model that cannot be built or read, with what to do about it.
public struct LanguageModelError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
