/// A fixed-size open-addressing hash table from a token sequence (its lower-case token hashes chained) to a
/// ``GazetteerKind`` mask. Built once by the trainer, stored in the model file as two flat arrays and used
/// as is after loading: no per-entry parsing.
public struct GazetteerTable: Sendable {
    /// Slot keys (the high 32 bits of the chained key); 0 marks an empty slot.
    var keys: [UInt32]
    var masks: [UInt16]
    /// The longest entry in tokens.
    public private(set) var maxTokens: Int

    static let chainSeed: UInt64 = 0x5851_F42D_4C95_7F2D

    init(keys: [UInt32], masks: [UInt16], maxTokens: Int) {
        self.keys = keys
        self.masks = masks
        self.maxTokens = maxTokens
    }

    /// An empty table.
    public static let empty = GazetteerTable(keys: [0], masks: [0], maxTokens: 0)

    /// Builds a table from entries (any case; tokenised with the news tokeniser, compared in lower case).
    public static func build(_ entries: [(String, GazetteerKind)]) -> GazetteerTable {
        var map: [UInt64: UInt16] = [:]
        var maxTokens = 0
        for (entry, kind) in entries {
            let text = TokenizedText(text: entry)
            guard !text.tokens.isEmpty, text.tokens.count <= 6 else { continue }
            let hashes = LowerCase.tokenHashes(text)
            var key = chainSeed
            for (index, hash) in hashes.enumerated() {
                key = chain(key, hash)
                let isLast = index == hashes.count - 1
                map[key, default: 0] |= isLast ? kind.rawValue : GazetteerKind.prefix.rawValue
            }
            maxTokens = max(maxTokens, hashes.count)
        }
        var size = 1024
        while size < map.count * 2 { size <<= 1 }
        var keys = [UInt32](repeating: 0, count: size)
        var masks = [UInt16](repeating: 0, count: size)
        for (key, mask) in map.sorted(by: { $0.key < $1.key }) {
            var slot = Int(truncatingIfNeeded: FeatureHash.mix(key)) & (size - 1)
            while keys[slot] != 0 && keys[slot] != tag(key) { slot = (slot + 1) & (size - 1) }
            keys[slot] = tag(key)
            masks[slot] |= mask
        }
        return GazetteerTable(keys: keys, masks: masks, maxTokens: maxTokens)
    }

    /// The key of a sequence extended by one more token hash.
    @inline(__always)
    static func chain(_ key: UInt64, _ tokenHash: UInt64) -> UInt64 { FeatureHash.combine(key, tokenHash) | 1 }

    /// The 32-bit slot tag of a chained key (never 0).
    @inline(__always)
    static func tag(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 32) | 1 }

    @inline(__always)
    func tag(_ key: UInt64) -> UInt32 { Self.tag(key) }

    /// The mask stored for a chained key (0 when absent).
    @inline(__always)
    func lookup(_ key: UInt64) -> UInt16 {
        let size = keys.count
        guard size > 1 else { return 0 }
        var slot = Int(truncatingIfNeeded: FeatureHash.mix(key)) & (size - 1)
        let t = tag(key)
        while true {
            let k = keys[slot]
            if k == t { return masks[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & (size - 1)
        }
    }

    /// The mask of one token alone.
    @inline(__always)
    func single(_ tokenHash: UInt64) -> UInt16 { lookup(Self.chain(Self.chainSeed, tokenHash)) }

    /// Number of filled slots.
    public var count: Int { keys.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }
}
