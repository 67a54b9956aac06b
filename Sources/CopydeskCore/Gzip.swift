import CZlib

/// Whole-buffer gzip decompression with a size limit, for `.gz` inputs (one document per file).
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates every gzip member in `bytes`. Throws a rejection for corrupt or truncated data, or when
    /// the output would exceed `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(DocumentRejection) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, 1024)))
        var stream = z_stream()
        // 15 window bits + 16: gzip format only.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DocumentRejection("cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var consumed = 0
        while true {
            let status: Int32 = bytes.withUnsafeBufferPointer { input in
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                    stream.avail_in = UInt32(input.count - consumed)
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    consumed = input.count - Int(stream.avail_in)
                    return result
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            if output.count + produced > limit {
                throw DocumentRejection("decompressed size is over input.max_document_bytes (\(limit)); raise the limit or split the file")
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_OK:
                if produced == 0 && consumed == bytes.count {
                    throw DocumentRejection("truncated gzip data (the file ends inside a compressed member)")
                }
            case Z_STREAM_END:
                // Concatenated members: continue with the next one, if any.
                if consumed >= bytes.count { return output }
                if bytes.count - consumed < 2 || bytes[consumed] != 0x1F || bytes[consumed + 1] != 0x8B {
                    return output  // trailing garbage after the last member is ignored
                }
                inflateReset(&stream)
            case Z_BUF_ERROR:
                if consumed == bytes.count {
                    throw DocumentRejection("truncated gzip data (the file ends inside a compressed member)")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw DocumentRejection("corrupt gzip data: \(message)")
            }
        }
    }
}

extension Gzip {
    /// Compresses `bytes` into one gzip member (used to build test and benchmark inputs).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return []
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let written: Int = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                _ = deflate(&stream, Z_FINISH)
                return out.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<written])
    }
}

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
