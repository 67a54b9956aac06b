/// A byte stream of any concrete type (plain file, gzip, …), chosen per input file at run time.
public struct AnyByteStream: ByteStream {
    private var base: any ByteStream

    public init(_ base: any ByteStream) { self.base = base }

    /// Opens `path`, decompressing it on the fly when it is gzip or zstd (by magic number, not name).
    /// Messages name the file `name` when given (a local copy named by its original location).
    public static func open(_ path: String, name: String? = nil) throws(InputError) -> AnyByteStream {
        var plain = try FileByteStream(path: path, name: name)
        guard path != "-" else { return AnyByteStream(plain) }
        var magic = [UInt8](repeating: 0, count: 4)
        let result: Result<Int, InputError> = magic.withUnsafeMutableBytes { raw in
            do throws(InputError) { return .success(try plain.read(into: raw)) } catch { return .failure(error) }
        }
        let count = try result.get()
        plain.close()
        let reopened = try FileByteStream(path: path, name: name)
        if count >= 2, magic[0] == 0x1F, magic[1] == 0x8B {
            return AnyByteStream(GzipByteStream(reopened, path: name ?? path))
        }
        if count == 4, Zstd.isZstd(magic) {
            return AnyByteStream(ZstdByteStream(reopened, path: name ?? path))
        }
        return AnyByteStream(reopened)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        try base.read(into: buffer)
    }

    public mutating func close() { base.close() }

    public var consumedBytes: Int64 { base.consumedBytes }
}
