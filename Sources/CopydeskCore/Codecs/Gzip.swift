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
