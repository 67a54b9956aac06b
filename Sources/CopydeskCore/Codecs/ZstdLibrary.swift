import Foundation

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
