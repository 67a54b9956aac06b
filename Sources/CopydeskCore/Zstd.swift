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

/// `ZSTD_inBuffer`: the same layout as the C struct (pointer, size_t, size_t).
struct ZstdInBuffer {
    var src: UnsafeRawPointer?
    var size: Int
    var pos: Int
}

/// `ZSTD_outBuffer`: the same layout as the C struct (pointer, size_t, size_t).
struct ZstdOutBuffer {
    var dst: UnsafeMutableRawPointer?
    var size: Int
    var pos: Int
}

/// The libzstd entry points copydesk uses, resolved once with dlopen/dlsym.
struct ZstdLibrary: @unchecked Sendable {
    typealias CreateDStream = @convention(c) () -> OpaquePointer?
    typealias InitDStream = @convention(c) (OpaquePointer?) -> Int
    /// Takes `ZSTD_outBuffer*` and `ZSTD_inBuffer*`, passed as raw pointers to ``ZstdOutBuffer``/``ZstdInBuffer``.
    typealias DecompressStream = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
    typealias FreeDStream = @convention(c) (OpaquePointer?) -> Int
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias GetErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?
    typealias CompressBound = @convention(c) (Int) -> Int
    typealias Compress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    typealias CreateCStream = @convention(c) () -> OpaquePointer?
    typealias InitCStream = @convention(c) (OpaquePointer?, Int32) -> Int
    /// Takes `ZSTD_outBuffer*` and `ZSTD_inBuffer*`, passed as raw pointers to ``ZstdOutBuffer``/``ZstdInBuffer``.
    typealias CompressStream = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
    /// Takes `ZSTD_outBuffer*`; returns the bytes still to flush (0 when the frame is complete).
    typealias EndStream = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer) -> Int
    typealias FreeCStream = @convention(c) (OpaquePointer?) -> Int

    let createDStream: CreateDStream
    let initDStream: InitDStream
    let decompressStream: DecompressStream
    let freeDStream: FreeDStream
    let isError: IsError
    let getErrorName: GetErrorName
    let compressBound: CompressBound
    let compress: Compress
    let createCStream: CreateCStream
    let initCStream: InitCStream
    let compressStream: CompressStream
    let endStream: EndStream
    let freeCStream: FreeCStream

    func errorName(_ code: Int) -> String {
        getErrorName(code).map { String(cString: $0) } ?? "error \(code)"
    }

    static func load() -> Result<ZstdLibrary, InputError> {
        let names = ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(InputError(.io, "zstd-compressed input needs the zstd library, which is not installed (Debian/Ubuntu: apt-get install libzstd1)"))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            guard let pointer = dlsym(handle, name) else { return nil }
            return unsafeBitCast(pointer, to: type)
        }
        guard
            let createDStream = symbol("ZSTD_createDStream", as: CreateDStream.self),
            let initDStream = symbol("ZSTD_initDStream", as: InitDStream.self),
            let decompressStream = symbol("ZSTD_decompressStream", as: DecompressStream.self),
            let freeDStream = symbol("ZSTD_freeDStream", as: FreeDStream.self),
            let isError = symbol("ZSTD_isError", as: IsError.self),
            let getErrorName = symbol("ZSTD_getErrorName", as: GetErrorName.self),
            let compressBound = symbol("ZSTD_compressBound", as: CompressBound.self),
            let compress = symbol("ZSTD_compress", as: Compress.self),
            let createCStream = symbol("ZSTD_createCStream", as: CreateCStream.self),
            let initCStream = symbol("ZSTD_initCStream", as: InitCStream.self),
            let compressStream = symbol("ZSTD_compressStream", as: CompressStream.self),
            let endStream = symbol("ZSTD_endStream", as: EndStream.self),
            let freeCStream = symbol("ZSTD_freeCStream", as: FreeCStream.self)
        else {
            return .failure(InputError(.io, "the installed zstd library lacks the streaming API; install libzstd 1.3 or newer"))
        }
        return .success(ZstdLibrary(
            createDStream: createDStream, initDStream: initDStream, decompressStream: decompressStream, freeDStream: freeDStream,
            isError: isError, getErrorName: getErrorName, compressBound: compressBound, compress: compress,
            createCStream: createCStream, initCStream: initCStream, compressStream: compressStream, endStream: endStream,
            freeCStream: freeCStream))
    }
}

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

/// A streaming zstd compressor (one frame), for `.zst` outputs, through the system libzstd.
final class ZstdCompressor: StreamCompressor {
    private let library: ZstdLibrary
    private let context: OpaquePointer
    private let path: String
    private var chunk = [UInt8](repeating: 0, count: 256 * 1024)

    init(path: String, level: Int32 = 3) throws(StageError) {
        self.path = path
        switch Zstd.library {
        case .success(let loaded): library = loaded
        case .failure(let error):
            throw StageError(.io, "cannot write \(path) with zstd (\(error.message)); or choose a .jsonl.gz output")
        }
        guard let created = library.createCStream() else { throw StageError(.io, "cannot initialise zstd to write \(path)") }
        context = created
        let code = library.initCStream(context, level)
        if library.isError(code) != 0 {
            _ = library.freeCStream(context)
            throw StageError(.io, "cannot initialise zstd to write \(path): \(library.errorName(code))")
        }
    }

    deinit { _ = library.freeCStream(context) }

    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(StageError) {
        var inBuffer = ZstdInBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while inBuffer.pos < inBuffer.size {
            let (code, produced) = chunk.withUnsafeMutableBytes { out -> (Int, Int) in
                var outBuffer = ZstdOutBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                let code = withUnsafeMutablePointer(to: &outBuffer) { outPointer in
                    withUnsafeMutablePointer(to: &inBuffer) { inPointer in
                        library.compressStream(context, UnsafeMutableRawPointer(outPointer), UnsafeMutableRawPointer(inPointer))
                    }
                }
                return (code, outBuffer.pos)
            }
            if library.isError(code) != 0 { throw StageError(.io, "cannot zstd-compress \(path): \(library.errorName(code))") }
            output.append(contentsOf: chunk[0..<produced])
        }
    }

    func finish(into output: inout [UInt8]) throws(StageError) {
        while true {
            let (code, produced) = chunk.withUnsafeMutableBytes { out -> (Int, Int) in
                var outBuffer = ZstdOutBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                let code = withUnsafeMutablePointer(to: &outBuffer) { library.endStream(context, UnsafeMutableRawPointer($0)) }
                return (code, outBuffer.pos)
            }
            if library.isError(code) != 0 { throw StageError(.io, "cannot zstd-compress \(path): \(library.errorName(code))") }
            output.append(contentsOf: chunk[0..<produced])
            if code == 0 { return }
        }
    }
}
