import Foundation

/// An output file written under a temporary name in the same directory and renamed over the final
/// name only on `commit()`, so a failed or killed run never leaves half a file under the final name.
/// The path `-` writes straight to standard output instead.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String?
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    /// Bytes written so far.
    public private(set) var bytesWritten: Int64 = 0

    /// Opens the temporary file, creating missing parent directories.
    public init(path: String) throws(StageError) {
        self.path = path
        if path == "-" {
            fd = 1
            temporaryPath = nil
            return
        }
        // A device or pipe (/dev/stdout, a FIFO) cannot be replaced by a rename: write to it directly.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFCHR || status.st_mode & S_IFMT == S_IFIFO {
            fd = open(path, O_WRONLY | O_CLOEXEC)
            if fd < 0 { throw StageError(.io, "cannot write \(path): \(String(cString: strerror(errno)))") }
            temporaryPath = nil
            return
        }
        let temporary = try Self.temporaryPath(for: path)
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw StageError(.io, "cannot write \(path): \(String(cString: strerror(errno))); choose another output path (--output)")
        }
        temporaryPath = temporary
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !finished { abort() }
    }

    /// Appends bytes (buffered).
    public func write(_ bytes: [UInt8]) throws(StageError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes buffered bytes to the file.
    public func flush() throws(StageError) {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw StageError(.io, "cannot write \(path): \(reason)" + Self.advice(errno))
            }
            offset += count
        }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// What to do about a failed write, for the messages above.
    static func advice(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "; free disk space or write elsewhere"
        case EFBIG: "; the output passed the file-size limit (ulimit -f): raise it or split the input"
        default: ""
        }
    }

    /// Flushes, syncs and renames the temporary file over the final path.
    public func commit() throws(StageError) {
        guard !finished else { return }
        try flush()
        finished = true
        guard let temporaryPath else {
            if fd > 2 { _ = close(fd) }
            return
        }
        if fsync(fd) != 0, errno != EINVAL {
            let reason = String(cString: strerror(errno))
            _ = close(fd)
            unlink(temporaryPath)
            throw StageError(.io, "cannot write \(path): \(reason)")
        }
        _ = close(fd)
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw StageError(.io, "cannot move output into place at \(path): \(reason)")
        }
    }

    /// Discards the temporary file; the final path keeps whatever it held before.
    public func abort() {
        guard !finished else { return }
        finished = true
        guard let temporaryPath else {
            if fd > 2 { _ = close(fd) }
            return
        }
        _ = close(fd)
        unlink(temporaryPath)
    }

    /// The temporary name an output for `path` is written under until it is committed (a hidden file in
    /// the same directory, so the rename is atomic), after creating missing parent directories. Other
    /// writers of atomic outputs (a database, an index) use it too.
    public static func temporaryPath(for path: String) throws(StageError) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StageError(.io, "cannot create output directory \(directory): \(Self.reason(error)); choose another output path")
            }
        }
        let name = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())"
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }

    /// Writes `bytes` to `path` atomically in one go.
    public static func write(_ bytes: [UInt8], to path: String) throws(StageError) {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }
}
