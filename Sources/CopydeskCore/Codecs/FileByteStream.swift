import Foundation

/// A file descriptor as a byte stream.
public struct FileByteStream: ByteStream {
    /// The name the stream's messages give the file (``init(path:name:)``).
    public let path: String
    private var fd: Int32
    private let ownsDescriptor: Bool
    public private(set) var consumedBytes: Int64 = 0

    /// Opens `path` for reading, or wraps standard input for `-`. Messages name the file `name` when
    /// given (a local copy of a file read elsewhere, named by its original location).
    public init(path: String, name: String? = nil) throws(InputError) {
        self.path = name ?? path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        ownsDescriptor = true
        if fd < 0 {
            let code = errno
            throw InputError(code == ENOENT ? .notFound : .io, "cannot open \(self.path): \(String(cString: strerror(code)))")
        }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            let count = Foundation.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 {
                consumedBytes += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw InputError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }

    public mutating func close() {
        if ownsDescriptor, fd >= 0 { _ = Foundation.close(fd) }
        fd = -1
    }

    /// The size of the file in bytes, when it is a regular file.
    public func size() -> Int64? {
        var status = stat()
        guard fd >= 0, fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(status.st_size)
    }
}
