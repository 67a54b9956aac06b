import Foundation

/// Reads every document of an input plan in order, one item at a time, with bounded memory.
/// Per-file problems become rejections; only system failures (or a missing path) throw.
public struct InputReader: DocumentSource {
    public let options: InputOptions
    private let files: [InputFile]
    private var fileIndex = 0
    private var jsonl: LineReader<AnyByteStream>?
    private var jsonlPath = ""
    private var warc: WARCReader?
    /// Decodes JSONL lines, here (``next()``) or on the runner's workers (``nextUndecoded()``).
    private let decoder: JSONLRecordDecoder
    public private(set) var stats = InputStats()

    public init(plan: InputPlan, options: InputOptions) {
        self.files = plan.files
        self.options = options
        self.decoder = JSONLRecordDecoder(options: options)
        self.stats.skippedFiles = plan.skipped
        var total: Int64 = 0
        var known = true
        for file in plan.files where file.problem == nil {
            var status = stat()
            if file.path != "-", stat(file.copy ?? file.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
                total += Int64(status.st_size)
            } else {
                known = false
            }
        }
        stats.diskBytesTotal = known ? total : nil
    }

    /// Finished files' sizes plus what the current file has consumed.
    private var diskBytesDone: Int64 = 0

    /// Updates `stats.diskBytesRead` for progress reporting: the current file's bytes are counted up
    /// to the last record handed out, not up to what was read ahead into a buffer (a megabyte of
    /// read-ahead holds a thousand short documents, which a share of bytes read would count as done).
    private mutating func updateProgress() {
        var current: Int64 = 0
        if let jsonl { current = Self.handedOut(consumed: jsonl.consumedBytes, read: jsonl.bytesRead, buffered: jsonl.bufferedBytes) }
        if let warc { current = Self.handedOut(consumed: warc.consumedBytes, read: warc.bytesRead, buffered: warc.bufferedBytes) }
        stats.diskBytesRead = diskBytesDone + current
    }

    /// The on-disk bytes behind what was handed out, when `consumed` on-disk bytes gave `read` bytes
    /// (more when decompressed) of which `buffered` are still waiting.
    static func handedOut(consumed: Int64, read: Int64, buffered: Int) -> Int64 {
        guard read > 0 else { return consumed }
        return Int64((Double(consumed) * Double(max(0, read - Int64(buffered))) / Double(read)).rounded())
    }

    /// The next document or rejection, or `nil` when every input is read.
    public mutating func next() throws(InputError) -> InputItem? {
        switch try nextUndecoded() {
        case nil: return nil
        case .decoded(let item)?: return item
        case .encoded(let record)?:
            var counts = RecordCounts()
            let item = record.decode(counting: &counts)
            stats.add(counts)
            return item
        }
    }

    /// The next item, a JSONL line left undecoded (its counts are then not in ``stats``: the runner adds
    /// them as it takes the decoded items back in order), or `nil` when every input is read.
    public mutating func nextUndecoded() throws(InputError) -> SourceItem? {
        while true {
            if jsonl != nil {
                if let item = nextJSONLItem() {
                    updateProgress()
                    if case .decoded(let decoded) = item { return .decoded(count(decoded)) }
                    return item
                }
                diskBytesDone += jsonl?.consumedBytes ?? 0
                stats.bytes += jsonl?.bytesRead ?? 0
                jsonl?.close()
                jsonl = nil
                continue
            }
            if warc != nil {
                if let item = nextWARCItem() { return .decoded(count(item)) }
                diskBytesDone += warc?.consumedBytes ?? 0
                stats.bytes += warc?.bytesRead ?? 0
                for (kind, number) in warc?.skipped ?? [:] { stats.skippedRecords[kind, default: 0] += number }
                warc?.close()
                warc = nil
                continue
            }
            guard fileIndex < files.count else { return nil }
            let file = files[fileIndex]
            fileIndex += 1
            stats.files += 1
            if let problem = file.problem {
                return .decoded(count(.rejected(Rejection(source: SourceLocation(path: file.path), stage: "input", reason: problem))))
            }
            var format = file.format
            if format == .auto { format = sniff(file.copy ?? file.path) }
            switch format {
            case .jsonl, .warc:
                let stream: AnyByteStream
                do {
                    stream = try AnyByteStream.open(file.copy ?? file.path, name: file.path)
                } catch {
                    return .decoded(count(.rejected(Rejection(source: SourceLocation(path: file.path), stage: "input", reason: error.message))))
                }
                if format == .warc {
                    warc = WARCReader(stream: stream, path: file.path, maxRecordBytes: options.maxDocumentBytes)
                } else {
                    jsonl = LineReader(stream: stream, maxLineBytes: options.maxDocumentBytes)
                    jsonlPath = file.path
                }
            case .txt, .html, .auto:
                return .decoded(count(readWholeFile(file.path, copy: file.copy, asHTML: format == .html)))
            }
        }
    }

    private mutating func count(_ item: InputItem) -> InputItem {
        updateProgress()
        switch item {
        case .document: stats.documents += 1
        case .rejected: stats.rejected += 1
        }
        return item
    }

    /// Guesses the format of a file with an unknown extension from its first non-blank byte.
    private func sniff(_ path: String) -> InputOptions.Format {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .txt }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        switch head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) {
        case UInt8(ascii: "{"): return .jsonl
        case UInt8(ascii: "<"): return .html
        default: return .txt
        }
    }

    /// The id of a one-document file: its name without the extension.
    static func fileID(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".gz", ".zst"] where name.lowercased().hasSuffix(suffix) { name.removeLast(suffix.count) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Reads a one-document file named `path` (from `copy` when given).
    private mutating func readWholeFile(_ path: String, copy: String?, asHTML: Bool) -> InputItem {
        let source = SourceLocation(path: path)
        let id = Self.fileID(path)
        func reject(_ reason: String) -> InputItem { .rejected(Rejection(source: source, id: id, stage: "input", reason: reason)) }
        var stream: FileByteStream
        do { stream = try FileByteStream(path: copy ?? path, name: path) } catch { return reject(error.message) }
        defer { stream.close() }
        if let size = stream.size(), size > Int64(options.maxDocumentBytes), !path.lowercased().hasSuffix(".gz"), !path.lowercased().hasSuffix(".zst") {
            stats.bytes += size
            return reject("file is \(size) bytes, over input.max_document_bytes (\(options.maxDocumentBytes)); raise the limit or split the file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let result: Result<Int, InputError> = chunk.withUnsafeMutableBytes { raw in
                do throws(InputError) { return .success(try stream.read(into: raw)) } catch { return .failure(error) }
            }
            guard case .success(let count) = result else {
                if case .failure(let error) = result { return reject(error.message) }
                break
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > options.maxDocumentBytes {
                return reject("file is over input.max_document_bytes (\(options.maxDocumentBytes)); raise the limit or split the file")
            }
        }
        stats.bytes += Int64(bytes.count)
        diskBytesDone += Int64(bytes.count)
        do throws(DocumentRejection) {
            if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, limit: options.maxDocumentBytes) }
            else if Zstd.isZstd(bytes) { bytes = try Zstd.decompress(bytes, limit: options.maxDocumentBytes, path: path) }
            if asHTML {
                let decoded = try Self.withBuffer(bytes) { buffer throws(DocumentRejection) in try HTMLSniffing.decodeCounting(buffer) }
                noteRepairs(decoded.nulBytes)
                return .document(Document(id: id, source: source, title: HTMLSniffing.title(in: decoded.text), text: "", html: decoded.text))
            }
            let policy = options.invalidUTF8
            let decoded = try Self.withBuffer(bytes) { buffer throws(DocumentRejection) in
                try TextDecoding.decodeUTF8(buffer, policy: policy)
            }
            noteRepairs(decoded.repairs)
            let (title, text) = Self.splitTitle(decoded.text)
            return .document(Document(id: id, source: source, title: title, text: text))
        } catch {
            return reject(error.reason)
        }
    }

    private mutating func noteRepairs(_ repairs: Int) {
        guard repairs > 0 else { return }
        stats.repairedDocuments += 1
        stats.repairedSequences += repairs
    }

    /// Calls `body` with the bytes' buffer, keeping the typed error.
    static func withBuffer<T, E: Error>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = bytes.withUnsafeBufferPointer { buffer in
            do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Splits a plain-text article: the first non-empty line is the title, the rest is the text.
    public static func splitTitle(_ text: String) -> (title: String?, text: String) {
        var remaining = Substring(text)
        while let newline = remaining.firstIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = remaining[..<newline]
            remaining = remaining[remaining.index(after: newline)...]
            if !line.allSatisfy(\.isWhitespace) {
                return (line.trimmingCharacters(in: .whitespaces), String(remaining))
            }
        }
        if remaining.allSatisfy(\.isWhitespace) { return (nil, "") }
        return (remaining.trimmingCharacters(in: .whitespaces), "")
    }

    /// The next WARC item; a read failure (corrupt or truncated gzip) ends the file with a rejection.
    private mutating func nextWARCItem() -> InputItem? {
        do {
            return try warc?.next()
        } catch {
            let path = warc?.path ?? ""
            stats.bytes += warc?.bytesRead ?? 0
            warc?.close()
            warc = nil
            return .rejected(Rejection(source: SourceLocation(path: path), stage: "input", reason: "reading stopped: \(error.message)"))
        }
    }

    private mutating func nextJSONLItem() -> SourceItem? {
        while true {
            let next: LineReader<AnyByteStream>.Line?
            do {
                next = try jsonl?.next()
            } catch {
                // A corrupt or truncated compressed stream: what was read stands; the rest is one rejection.
                stats.bytes += jsonl?.bytesRead ?? 0
                jsonl?.close()
                jsonl = nil
                return .decoded(.rejected(Rejection(
                    source: SourceLocation(path: jsonlPath), stage: "input", reason: "reading stopped: \(error.message)")))
            }
            guard let next else { return nil }
            switch next {
            case .tooLong(let number, let length):
                return .decoded(.rejected(Rejection(
                    source: SourceLocation(path: jsonlPath, line: number), stage: "input",
                    reason: "line is \(length) bytes, over input.max_document_bytes (\(options.maxDocumentBytes)); raise the limit or split the record")))
            case .line(let number, var bytes, _):
                if bytes.last == 0x0D { bytes.removeLast() }
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return .encoded(EncodedRecord(bytes: bytes, path: jsonlPath, line: number, decoder: decoder))
            }
        }
    }
}
