import Foundation

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
