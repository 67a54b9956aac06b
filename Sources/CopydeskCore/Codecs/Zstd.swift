import Foundation

/// zstd through the system's libzstd, loaded at run time: Debian ships the library (libzstd1) on every
/// system, but not always its headers, so copydesk builds without them and says what to install when a
/// `.zst` input arrives on a machine that lacks the library.
public enum Zstd {
    /// Whether `bytes` start with the zstd frame magic number (28 B5 2F FD).
    public static func isZstd(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x28 && iterator.next() == 0xB5 && iterator.next() == 0x2F && iterator.next() == 0xFD
    }

    /// The library, or why it cannot be used.
    static let library: Result<ZstdLibrary, InputError> = ZstdLibrary.load()

    /// Decompresses a whole buffer (every frame). Throws a rejection for corrupt or truncated data, or
    /// when the output would exceed `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int, path: String = "input") throws(DocumentRejection) -> [UInt8] {
        var stream = ZstdByteStream(MemoryByteStream(bytes), path: path)
        defer { stream.close() }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 128 * 1024)
        while true {
            let result: Result<Int, InputError> = chunk.withUnsafeMutableBytes { raw in
                do throws(InputError) { return .success(try stream.read(into: raw)) } catch { return .failure(error) }
            }
            let count: Int
            switch result {
            case .success(let value): count = value
            case .failure(let error): throw DocumentRejection(error.message)
            }
            if count == 0 { return output }
            output.append(contentsOf: chunk[0..<count])
            if output.count > limit {
                throw DocumentRejection("decompressed data is over \(limit) bytes; raise input.max_document_bytes or split the file")
            }
        }
    }

    /// Compresses `bytes` into one zstd frame (for tests and benchmarks that build inputs).
    public static func compress(_ bytes: [UInt8], level: Int32 = 3) throws(InputError) -> [UInt8] {
        let library = try Self.library.get()
        let capacity = library.compressBound(bytes.count)
        var output = [UInt8](repeating: 0, count: capacity)
        let written = output.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { input in
                library.compress(out.baseAddress, capacity, input.baseAddress, input.count, level)
            }
        }
        if library.isError(written) != 0 {
            throw InputError(.io, "zstd compression failed: \(library.errorName(written))")
        }
        output.removeLast(capacity - written)
        return output
    }
}
