import Foundation

/// Decompresses a zstd byte stream on the fly (all frames of a file), with bounded memory. A stream
/// that ends inside a frame is an error.
public struct ZstdByteStream<Source: ByteStream>: ByteStream {
    private var source: Source
    /// The decompression context, freed when the last copy of this stream goes away even without `close`.
    private let holder = ZstdContext()
    private var input = [UInt8](repeating: 0, count: 128 * 1024)
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceDone = false
    private var frameComplete = true
    private var finished = false
    public private(set) var compressedBytes: Int64 = 0
    public let path: String

    public var consumedBytes: Int64 { compressedBytes }

    public init(_ source: Source, path: String) {
        self.source = source
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if finished || buffer.isEmpty { return 0 }
        let library: ZstdLibrary
        switch Zstd.library {
        case .success(let loaded): library = loaded
        case .failure(let error): throw InputError(error.kind, "\(path): \(error.message)")
        }
        if holder.context == nil {
            holder.context = library.createDStream()
            guard holder.context != nil, library.isError(library.initDStream(holder.context)) == 0 else {
                throw InputError(.io, "\(path): cannot initialise zstd")
            }
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
            if inputStart == inputEnd && sourceDone && frameComplete {
                finished = true
                return 0
            }
            let context = holder.context
            let (code, consumed, produced) = input.withUnsafeBytes { raw -> (Int, Int, Int) in
                var inBuffer = ZstdInBuffer(src: raw.baseAddress.map { $0 + inputStart }, size: inputEnd - inputStart, pos: 0)
                var outBuffer = ZstdOutBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let code = withUnsafeMutablePointer(to: &outBuffer) { out in
                    withUnsafeMutablePointer(to: &inBuffer) { input in
                        library.decompressStream(context, UnsafeMutableRawPointer(out), UnsafeMutableRawPointer(input))
                    }
                }
                return (code, inBuffer.pos, outBuffer.pos)
            }
            if library.isError(code) != 0 {
                throw InputError(.badData, "\(path): corrupt zstd data: \(library.errorName(code))")
            }
            inputStart += consumed
            // 0 means a frame was fully decoded and flushed; another may follow.
            frameComplete = code == 0
            if produced > 0 { return produced }
            if inputStart == inputEnd && sourceDone && !frameComplete {
                // No input left and nothing more to flush, yet the frame is not complete.
                throw InputError(.badData, "\(path): truncated zstd data (the file ends inside a compressed frame)")
            }
        }
    }

    public mutating func close() {
        holder.free()
        source.close()
    }
}

/// Owns a `ZSTD_DStream`, so that it is always released.
final class ZstdContext {
    var context: OpaquePointer?

    func free() {
        if let context, case .success(let library) = Zstd.library { _ = library.freeDStream(context) }
        context = nil
    }

    deinit { free() }
}
