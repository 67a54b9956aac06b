/// A source of bytes read in chunks: a file, standard input, and (later) decompressors.
public protocol ByteStream {
    /// Reads up to `buffer.count` bytes; returns 0 at the end. Throws a message on a read error.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// Releases the underlying resource.
    mutating func close()
    /// Bytes consumed from the underlying file so far (compressed bytes for a decompressing stream),
    /// for progress against the file's size.
    var consumedBytes: Int64 { get }
}
