import CZlib

/// A streaming gzip compressor (one member), for `.gz` outputs: output grows as input arrives, memory
/// stays bounded by zlib's window and the caller's buffer.
final class GzipCompressor: StreamCompressor {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let path: String
    private var chunk = [UInt8](repeating: 0, count: 256 * 1024)

    init(path: String, level: Int32 = 6) throws(StageError) {
        self.path = path
        stream.initialize(to: z_stream())
        // 15 window bits + 16: write a gzip header and trailer.
        guard deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw StageError(.io, "cannot initialise zlib to write \(path)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(StageError) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(input.count)
        while stream.pointee.avail_in > 0 {
            try run(Z_NO_FLUSH, into: &output)
        }
    }

    func finish(into output: inout [UInt8]) throws(StageError) {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try run(Z_FINISH, into: &output) != Z_STREAM_END {}
    }

    /// One `deflate` call into the chunk; appends what it produced.
    @discardableResult
    private func run(_ flush: Int32, into output: inout [UInt8]) throws(StageError) -> Int32 {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
            stream.pointee.next_out = out.baseAddress
            stream.pointee.avail_out = UInt32(out.count)
            let status = deflate(stream, flush)
            return (status, out.count - Int(stream.pointee.avail_out))
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw StageError(.io, "cannot gzip-compress \(path): zlib error \(status)")
        }
        output.append(contentsOf: chunk[0..<produced])
        return status
    }
}
