import Foundation

/// An output file written under a temporary name in the same directory and renamed over the final
/// name only on `commit()`, so a failed or killed run never leaves half a file under the final name.
/// The temporary name carries the writing process's ``ProcessStamp`` (`.<name>.tmp-<pid>-<start>`), so a
/// later run recognises and removes the leftovers of a killed one (``StaleFiles``). A stream is written
/// straight instead (``isStream(_:)``): `-`, `/dev/stdout` and the other names of an open descriptor go
/// through that descriptor, a device or pipe through the path.
/// With a compression other than none, bytes are compressed as they are written (streaming).
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String?
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var compressor: (any StreamCompressor)?
    private var finished = false
    private var sealed = false
    /// Bytes written to the file so far (compressed bytes for a compressed file).
    public private(set) var bytesWritten: Int64 = 0

    /// Opens the temporary file, creating missing parent directories.
    public init(path: String, compression: OutputCompression = .none) throws(StageError) {
        self.path = path
        compressor = try compression.makeCompressor(path: path)
        if let descriptor = Self.standardDescriptor(path) {
            // The descriptor the process was given, whatever it points to: a terminal, a pipe, or a file the
            // shell opened (`> out.jsonl`, or `>> out.jsonl` whose appending the copy keeps).
            fd = fcntl(descriptor, F_DUPFD_CLOEXEC, 3)
            if fd < 0 {
                throw StageError(.io, "cannot write \(path): descriptor \(descriptor) is not open (\(String(cString: strerror(errno)))); "
                    + "give the run somewhere to write it, or an output file")
            }
            temporaryPath = nil
            return
        }
        if Self.isStream(path) {
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

    /// The descriptor `path` names when it names one of this process's open descriptors rather than a file:
    /// `-` and `/dev/stdout` (1), `/dev/stderr` (2), `/dev/fd/N` and `/proc/self/fd/N` (N); otherwise `nil`.
    /// Such a name is a link to whatever the descriptor is: renaming a finished file over it would replace
    /// the link itself (as root, `/dev/stdout` for every later process) and leave the file the shell opened
    /// empty, so it is written through the descriptor and never renamed over.
    public static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            let digits = path.utf8.dropFirst(prefix.utf8.count)
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int32(digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        }
        return nil
    }

    /// Whether `path` is written as a stream, in place and never renamed over: the name of an open
    /// descriptor (``standardDescriptor(_:)``: `-`, `/dev/stdout`, …) or an existing character device, FIFO
    /// or socket (`/dev/full`, a named pipe).
    public static func isStream(_ path: String) -> Bool {
        if standardDescriptor(path) != nil { return true }
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK
    }

    /// Appends bytes (buffered; compressed first when the file is compressed).
    public func write(_ bytes: [UInt8]) throws(StageError) {
        if let compressor {
            var output = buffer
            buffer = []
            let failure: StageError? = bytes.withUnsafeBytes { raw in
                do throws(StageError) { try compressor.compress(raw, into: &output) } catch { return error }
                return nil
            }
            buffer = output
            if let failure { throw failure }
        } else {
            buffer.append(contentsOf: bytes)
        }
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

    /// Ends the compressed stream (if any), flushes and syncs: after it, only the rename is left, so that
    /// a full disk is found before a run starts committing. Called by `commit` when not called before.
    public func seal() throws(StageError) {
        guard !sealed, !finished else { return }
        if let compressor {
            try compressor.finish(into: &buffer)
            self.compressor = nil
        }
        try flush()
        if temporaryPath != nil, fsync(fd) != 0, errno != EINVAL {
            let code = errno
            throw StageError(.io, "cannot write \(path): \(String(cString: strerror(code)))" + Self.advice(code))
        }
        sealed = true
    }

    /// Seals the file (see `seal`) and renames the temporary file over the final path.
    public func commit() throws(StageError) {
        guard !finished else { return }
        do { try seal() } catch {
            abort()
            throw error
        }
        finished = true
        guard let temporaryPath else {
            if fd > 2 { _ = close(fd) }
            return
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
        compressor = nil
        guard let temporaryPath else {
            if fd > 2 { _ = close(fd) }
            return
        }
        _ = close(fd)
        unlink(temporaryPath)
    }

    /// The temporary name an output for `path` is written under until it is committed (a hidden file in
    /// the same directory, so the rename is atomic, stamped with this process), after creating missing
    /// parent directories. Other writers of atomic outputs (a database, an index) use it too.
    public static func temporaryPath(for path: String) throws(StageError) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StageError(.io, "cannot create output directory \(directory): \(Self.reason(error)); choose another output path")
            }
        }
        return StaleFiles.name(for: path, kind: "tmp", stamp: ProcessStamp.current())
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
