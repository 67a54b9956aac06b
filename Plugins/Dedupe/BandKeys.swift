/// The LSH band keys of a signature: each band's rows hashed to 32 bits, mixed with the band number.
enum BandKeys {
    static func append(_ signature: UnsafeBufferPointer<UInt64>, _ lsh: LSHParameters, to keys: inout [UInt32]) {
        for band in 0..<lsh.bands {
            var h = Mix64.fmix(UInt64(band) &+ 0x9E37_79B9)
            for row in 0..<lsh.rows { h = Mix64.combine(h, signature[band * lsh.rows + row]) }
            keys.append(UInt32(truncatingIfNeeded: Mix64.fmix(h) >> 32))
        }
    }
}
