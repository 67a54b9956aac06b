/// A fixed-size open-addressing hash table from a token sequence (its lower-case token hashes chained) to a
/// ``GazetteerKind`` mask. Built once by the trainer, stored in the model file as two flat arrays and used
/// as is after loading: no per-entry parsing.
public struct GazetteerTable: Sendable {
    /// Slot keys; 0 marks an empty slot.
    var keys: [UInt64]
    var masks: [UInt8]
    /// The longest entry in tokens.
    public private(set) var maxTokens: Int

    static let chainSeed: UInt64 = 0x5851_F42D_4C95_7F2D

    init(keys: [UInt64], masks: [UInt8], maxTokens: Int) {
        self.keys = keys
        self.masks = masks
        self.maxTokens = maxTokens
    }

    /// An empty table.
    public static let empty = GazetteerTable(keys: [0], masks: [0], maxTokens: 0)

    /// Builds a table from entries (any case; tokenised with the news tokeniser, compared in lower case).
    public static func build(_ entries: [(String, GazetteerKind)]) -> GazetteerTable {
        var map: [UInt64: UInt8] = [:]
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
        var keys = [UInt64](repeating: 0, count: size)
        var masks = [UInt8](repeating: 0, count: size)
        for (key, mask) in map.sorted(by: { $0.key < $1.key }) {
            var slot = Int(truncatingIfNeeded: FeatureHash.mix(key)) & (size - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            masks[slot] = mask
        }
        return GazetteerTable(keys: keys, masks: masks, maxTokens: maxTokens)
    }

    /// The key of a sequence extended by one more token hash.
    @inline(__always)
    static func chain(_ key: UInt64, _ tokenHash: UInt64) -> UInt64 { FeatureHash.combine(key, tokenHash) | 1 }

    /// The mask stored for a chained key (0 when absent).
    @inline(__always)
    func lookup(_ key: UInt64) -> UInt8 {
        let size = keys.count
        guard size > 1 else { return 0 }
        var slot = Int(truncatingIfNeeded: FeatureHash.mix(key)) & (size - 1)
        while true {
            let k = keys[slot]
            if k == key { return masks[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & (size - 1)
        }
    }

    /// The mask of one token alone.
    @inline(__always)
    func single(_ tokenHash: UInt64) -> UInt8 { lookup(Self.chain(Self.chainSeed, tokenHash)) }

    /// Number of filled slots.
    public var count: Int { keys.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }
}
