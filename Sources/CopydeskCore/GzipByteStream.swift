import CZlib

/// Inflates a gzip byte stream on the fly (all members of a multi-member file, as CC-NEWS WARCs and
/// concatenated `.gz` files have), with bounded memory. A stream that ends inside a member is an error.
public struct GzipByteStream<Source: ByteStream>: ByteStream {
    private var source: Source
    private var stream = z_stream()
    private var input = [UInt8](repeating: 0, count: 256 * 1024)
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceDone = false
    private var memberDone = false
    private var initialised = false
    private var finished = false
    /// Compressed bytes consumed so far.
    public private(set) var compressedBytes: Int64 = 0

    public var consumedBytes: Int64 { compressedBytes }
    public let path: String

    public init(_ source: Source, path: String) {
        self.source = source
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if finished { return 0 }
        if !initialised {
            guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw InputError(.io, "\(path): cannot initialise zlib")
            }
            initialised = true
        }
        while true {
            if inputStart == inputEnd && !sourceDone {
                let result: Result<Int, InputError> = input.withUnsafeMutableBytes { raw in
                    do throws(InputError) { return .success(try source.read(into: raw)) } catch { return .failure(error) }
                }
                let count = try result.get()
                inputStart = 0
                inputEnd = count
                compressedBytes += Int64(count)
                if count == 0 { sourceDone = true }
            }
            if memberDone {
                // Another member follows, or the stream ends cleanly here.
                if inputStart == inputEnd && sourceDone {
                    finished = true
                    return 0
                }
                if inputStart == inputEnd { continue }
                inflateReset(&stream)
                memberDone = false
            }
            if inputStart == inputEnd && sourceDone {
                throw InputError(.badData, "\(path): truncated gzip data (the file ends inside a compressed member)")
            }
            let (status, produced) = input.withUnsafeMutableBufferPointer { inputBuffer -> (Int32, Int) in
                stream.next_in = inputBuffer.baseAddress! + inputStart
                stream.avail_in = UInt32(inputEnd - inputStart)
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.avail_out = UInt32(buffer.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                inputStart = inputEnd - Int(stream.avail_in)
                return (status, buffer.count - Int(stream.avail_out))
            }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            case Z_STREAM_END:
                memberDone = true
                if produced > 0 { return produced }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw InputError(.badData, "\(path): corrupt gzip data: \(message)")
            }
        }
    }

    public mutating func close() {
        if initialised { inflateEnd(&stream) }
        initialised = false
        source.close()
    }
}
