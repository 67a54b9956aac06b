import CZlib

/// Inflates a gzip byte stream on the fly (all members of a multi-member file, as CC-NEWS WARCs and
/// concatenated `.gz` files have), with bounded memory. A stream that ends inside a member is an error.
public struct GzipByteStream<Source: ByteStream>: ByteStream {
    private var source: Source
    /// zlib's state, freed when the last copy of this stream goes away even if `close` is never called.
    private let state = InflateState()
    private var input = [UInt8](repeating: 0, count: 256 * 1024)
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceDone = false
    private var memberDone = false
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
        if !state.initialised {
            guard state.initialise() else { throw InputError(.io, "\(path): cannot initialise zlib") }
        }
        let stream = state.stream
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
                inflateReset(stream)
                memberDone = false
            }
            if inputStart == inputEnd && sourceDone {
                throw InputError(.badData, "\(path): truncated gzip data (the file ends inside a compressed member)")
            }
            let (status, produced) = input.withUnsafeMutableBufferPointer { inputBuffer -> (Int32, Int) in
                stream.pointee.next_in = inputBuffer.baseAddress! + inputStart
                stream.pointee.avail_in = UInt32(inputEnd - inputStart)
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(buffer.count)
                let status = inflate(stream, Z_NO_FLUSH)
                inputStart = inputEnd - Int(stream.pointee.avail_in)
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            case Z_STREAM_END:
                memberDone = true
                if produced > 0 { return produced }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw InputError(.badData, "\(path): corrupt gzip data: \(message)")
            }
        }
    }

    public mutating func close() {
        state.end()
        source.close()
    }
}

/// A z_stream for inflating gzip, owned by a class so that it is always released.
final class InflateState {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private(set) var initialised = false

    init() { stream.initialize(to: z_stream()) }

    /// Starts inflating gzip (15 window bits + 16: gzip format only).
    func initialise() -> Bool {
        initialised = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        return initialised
    }

    func end() {
        if initialised { inflateEnd(stream) }
        initialised = false
    }

    deinit {
        end()
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}
