import Foundation

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
}
