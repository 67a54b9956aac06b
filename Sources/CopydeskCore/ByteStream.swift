import Foundation

/// A source of bytes read in chunks: a file, standard input, and (later) decompressors.
public protocol ByteStream {
    /// Reads up to `buffer.count` bytes; returns 0 at the end. Throws a message on a read error.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// Releases the underlying resource.
    mutating func close()
    /// Bytes consumed from the underlying file so far (compressed bytes for a decompressing stream),
    /// for progress against the file's size.
    var consumedBytes: Int64 { get }
}

/// A file descriptor as a byte stream.
public struct FileByteStream: ByteStream {
    public let path: String
    private var fd: Int32
    private let ownsDescriptor: Bool
    public private(set) var consumedBytes: Int64 = 0

    /// Opens `path` for reading, or wraps standard input for `-`.
    public init(path: String) throws(InputError) {
        self.path = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            return
        }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        ownsDescriptor = true
        if fd < 0 {
            let code = errno
            throw InputError(code == ENOENT ? .notFound : .io, "cannot open \(path): \(String(cString: strerror(code)))")
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

/// Splits a byte stream into lines with bounded memory: a line longer than the limit is reported
/// and skipped without being held in memory.
public struct LineReader<Stream: ByteStream> {
    /// What `next()` found.
    public enum Line {
        /// A complete line (without its newline; a trailing CR is kept for the caller to judge).
        case line(number: Int, bytes: [UInt8], endsWithNewline: Bool)
        /// A line longer than the limit; `bytes` is its full length.
        case tooLong(number: Int, bytes: Int)
    }

    private var stream: Stream
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var lineNumber = 0
    public let maxLineBytes: Int
    /// Total bytes consumed so far.
    public private(set) var bytesRead: Int64 = 0

    public init(stream: Stream, maxLineBytes: Int, chunkSize: Int = 1 << 20) {
        self.stream = stream
        self.maxLineBytes = maxLineBytes
        self.buffer = [UInt8](repeating: 0, count: max(chunkSize, 64 * 1024))
    }

    /// The next line, or `nil` at the end of the stream.
    public mutating func next() throws(InputError) -> Line? {
        var overflow = 0  // bytes of an over-long line already discarded
        while true {
            // Look for a newline in the buffered bytes.
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                lineNumber += 1
                let length = newline - start
                defer { start = newline + 1 }
                if overflow > 0 || length > maxLineBytes {
                    return .tooLong(number: lineNumber, bytes: overflow + length)
                }
                return .line(number: lineNumber, bytes: Array(buffer[start..<newline]), endsWithNewline: true)
            }
            if eof {
                guard start < end || overflow > 0 else { return nil }
                lineNumber += 1
                let length = end - start
                defer { start = end }
                if overflow > 0 || length > maxLineBytes {
                    return .tooLong(number: lineNumber, bytes: overflow + length)
                }
                return .line(number: lineNumber, bytes: Array(buffer[start..<end]), endsWithNewline: false)
            }
            // Make room: compact, grow up to the line limit, or discard an over-long partial line.
            if start > 0 {
                buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
                end -= start
                start = 0
            }
            if end == buffer.count {
                if buffer.count <= maxLineBytes {
                    buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxLineBytes + 1 - buffer.count + 1)))
                } else {
                    overflow += end
                    end = 0
                }
            }
            let result: Result<Int, InputError> = buffer.withUnsafeMutableBytes { raw in
                do throws(InputError) {
                    return .success(try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...])))
                } catch {
                    return .failure(error)
                }
            }
            let count = try result.get()
            if count == 0 { eof = true }
            end += count
            bytesRead += Int64(count)
        }
    }

    public mutating func close() { stream.close() }

    /// Bytes consumed from the underlying file.
    public var consumedBytes: Int64 { stream.consumedBytes }

    /// Bytes read from the stream but not yet returned as lines (read ahead).
    public var bufferedBytes: Int { end - start }
}
