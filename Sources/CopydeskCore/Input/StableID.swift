/// Stable ids for documents whose input gives none: a hash of the source path and position.
public enum StableID {
    /// `"<64-bit FNV-1a of path and position, hex>"`, the same on every run over the same input.
    public static func make(path: String, position: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(path)#\(position)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
