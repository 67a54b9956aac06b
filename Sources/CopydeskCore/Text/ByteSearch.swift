/// Byte scans sixteen bytes at a time (SIMD), the hot loops of ASCII news text.
package enum ByteSearch {
    package typealias Chunk = SIMD16<UInt8>

    @inlinable @inline(__always)
    package static func load(_ p: UnsafePointer<UInt8>, _ i: Int) -> Chunk {
        UnsafeRawPointer(p + i).loadUnaligned(as: Chunk.self)
    }

    /// The index of the first `byte` in `p[start..<end]`, or `end`.
    @inlinable @inline(__always)
    package static func firstIndex(of byte: UInt8, in p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var k = start
        let needle = Chunk(repeating: byte)
        while k + 16 <= end {
            if any(load(p, k) .== needle) { break }
            k += 16
        }
        while k < end && p[k] != byte { k += 1 }
        return k
    }

    /// Whether every byte of `chunk` is printable ASCII, a tab or a newline.
    @inlinable @inline(__always)
    package static func isPlainASCII(_ chunk: Chunk) -> Bool {
        let printable = (chunk .>= Chunk(repeating: 0x20)) .& (chunk .< Chunk(repeating: 0x7F))
        return all(printable .| (chunk .== Chunk(repeating: 0x0A)) .| (chunk .== Chunk(repeating: 0x09)))
    }

    /// Whether `p[start..<end]` holds a tab or two spaces in a row: the only content the whitespace
    /// collapse changes.
    @inlinable @inline(__always)
    package static func hasTabOrDoubleSpace(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var k = start
        let space = Chunk(repeating: 0x20)
        let tab = Chunk(repeating: 0x09)
        while k + 17 <= end {
            let v = load(p, k)
            let next = load(p, k + 1)
            if any((v .== space) .& (next .== space) .| (v .== tab)) { return true }
            k += 16
        }
        while k < end {
            let c = p[k]
            if c == 0x09 || (c == 0x20 && k + 1 < end && p[k + 1] == 0x20) { return true }
            k += 1
        }
        return false
    }

    /// The number of UTF-8 continuation bytes (10xxxxxx) in `p[start..<end]`.
    @inlinable @inline(__always)
    package static func continuationBytes(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var count = 0
        var k = start
        while k < end {
            if p[k] & 0xC0 == 0x80 { count += 1 }
            k += 1
        }
        return count
    }
}
