import Foundation

/// Reads WARC/1.0 and WARC/1.1 files (plain, or gzip with one member per record as CC-NEWS ships them):
/// `response` records carrying HTML become documents (id = WARC-Record-ID, url = WARC-Target-URI, raw HTML
/// decoded with the HTTP charset, else the page's own); other record types and non-HTML responses are
/// skipped and counted by kind; malformed records become rejections and reading resynchronises on the
/// next record.
public struct WARCReader {
    private var stream: AnyByteStream
    public let path: String
    private let maxRecordBytes: Int
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 256 * 1024)
    private var start = 0
    private var eof = false
    private var record = 0
    /// A read error met while looking past a complete record; thrown by the next call, after that record.
    private var pendingError: InputError?
    private var offset: Int64 = 0
    /// Records skipped, by kind ("request", "metadata", "response: application/pdf", "response: status 404").
    public private(set) var skipped: [String: Int] = [:]
    /// Bytes read from the (decompressed) stream.
    public private(set) var bytesRead: Int64 = 0

    public init(stream: AnyByteStream, path: String, maxRecordBytes: Int) {
        self.stream = stream
        self.path = path
        self.maxRecordBytes = maxRecordBytes
    }

    /// The most a WARC record header may take; past it the header is damaged and reading resynchronises.
    static let maxHeaderBytes = 64 * 1024

    /// The next document or rejection, or `nil` at the end of the file.
    ///
    /// Damage never costs a following good record: a stretch that does not start a record, a header
    /// without an end, or a record whose declared end is not a record boundary becomes one rejection
    /// saying how many bytes were skipped, and reading goes on at the next `WARC/1.x` line.
    public mutating func next() throws(InputError) -> InputItem? {
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        while true {
            // Blank lines between records are not data.
            while true {
                if available == 0, !(try fill(1)) { return nil }
                let byte = buffer[start]
                guard byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 else { break }
                consume(1)
            }
            record += 1
            let source = SourceLocation(path: path, record: record, offset: offset)
            _ = try fill(Self.recordMarker.count)
            guard startsWithRecordMarker(at: 0) else {
                let skipped = try resynchronise()
                return .rejected(Rejection(source: source, stage: "input",
                    reason: "\(skipped) bytes that are not a WARC record (no 'WARC/1.0' or 'WARC/1.1' line) skipped up to \(nextRecordText)"))
            }
            guard let headerEnd = try find([0x0D, 0x0A, 0x0D, 0x0A], limit: Self.maxHeaderBytes) else {
                let oversized = available >= Self.maxHeaderBytes
                let skipped = try resynchronise()
                let problem = oversized ? "WARC record header longer than \(Self.maxHeaderBytes) bytes (no blank line ends it)"
                    : "truncated WARC record: no blank line ends its header"
                return .rejected(Rejection(source: source, stage: "input", reason: "\(problem); \(skipped) bytes skipped up to \(nextRecordText)"))
            }
            if lineStartMarker(from: 1, to: headerEnd) != nil {
                let skipped = try resynchronise()
                return .rejected(Rejection(source: source, stage: "input",
                    reason: "WARC record header without the blank line that ends it; \(skipped) bytes skipped up to \(nextRecordText)"))
            }
            let fields = Self.parseHeaders(Array(buffer[start..<(start + headerEnd)]))
            let type = fields["warc-type"]?.lowercased() ?? "unknown"
            let id = Self.recordID(fields["warc-record-id"]) ?? StableID.make(path: path, position: record)
            guard let lengthText = fields["content-length"], let length = Int(lengthText), length >= 0 else {
                let skipped = try resynchronise()
                return .rejected(Rejection(source: source, id: id, stage: "input",
                    reason: "WARC record without a valid Content-Length; \(skipped) bytes skipped up to \(nextRecordText)"))
            }
            let blockStart = headerEnd + 4
            if length > maxRecordBytes {
                consume(blockStart)
                let outcome = try skipOversizedBlock(length)
                if outcome.atBoundary, type != "response" {
                    skipped[type, default: 0] += 1
                    continue
                }
                let skippedText = outcome.atBoundary ? "" : "; its declared end is not a record boundary, \(outcome.skipped + blockStart) bytes skipped up to \(nextRecordText)"
                return .rejected(Rejection(source: source, id: id, stage: "input",
                    reason: "WARC record is \(length) bytes, over input.max_document_bytes (\(maxRecordBytes)); raise the limit to read it\(skippedText)"))
            }
            let complete = try fill(blockStart + length)
            guard complete, try declaredEndIsBoundary(blockStart: blockStart, length: length) else {
                // The Content-Length lies (or the file is cut): read on from the first record line after this header.
                let problem = complete ? "WARC record's Content-Length (\(length)) does not end at a record boundary"
                    : "truncated WARC record: Content-Length says \(length) bytes but the file ends after \(available - blockStart)"
                let skipped = try resynchronise()
                return .rejected(Rejection(source: source, id: id, stage: "input", reason: "\(problem); \(skipped) bytes skipped up to \(nextRecordText)"))
            }
            let block = Array(buffer[(start + blockStart)..<(start + blockStart + length)])
            consume(min(available, blockStart + length + 4))
            guard type == "response" else {
                skipped[type, default: 0] += 1
                continue
            }
            switch HTTPResponse.parse(block) {
            case .failure(let problem):
                return .rejected(Rejection(source: source, id: id, stage: "input", reason: problem.reason))
            case .success(let response):
                guard (200..<300).contains(response.status) else {
                    skipped["response: status \(response.status)", default: 0] += 1
                    continue
                }
                guard response.isHTML else {
                    skipped["response: \(response.mediaType.isEmpty ? "no content type" : response.mediaType)", default: 0] += 1
                    continue
                }
                do throws(DocumentRejection) {
                    let html = try response.decodedBody(limit: maxRecordBytes)
                    var document = Document(id: id, source: source, url: fields["warc-target-uri"], text: "", html: html)
                    document.title = HTMLSniffing.title(in: html)
                    document.crawled = fields["warc-date"]
                    document.meta["warc"] = WARCFields.object(headers: fields, status: response.status, contentType: response.headers["content-type"]).jsonValue
                    return .document(document)
                } catch {
                    return .rejected(Rejection(source: source, id: id, stage: "input", reason: error.reason))
                }
            }
        }
    }

    public mutating func close() { stream.close() }

    /// Bytes consumed from the file (compressed bytes for .warc.gz).
    public var consumedBytes: Int64 { stream.consumedBytes }

    // MARK: - Parsing helpers

    static func recordID(_ value: String?) -> String? {
        guard var value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.hasPrefix("<"), value.hasSuffix(">") { value = String(value.dropFirst().dropLast()) }
        return value
    }

    /// Header fields (names lowercased) of a WARC or HTTP header block; the first line is skipped.
    static func parseHeaders(_ header: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        var lastName: String?
        for (index, line) in header.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where index > 0 {
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if let first = line.first, first == 0x20 || first == 0x09, let name = lastName {
                fields[name, default: ""] += " " + String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if fields[name] == nil { fields[name] = value }
            lastName = name
        }
        return fields
    }

    private var available: Int { buffer.count - start }

    private mutating func consume(_ count: Int) {
        start += count
        offset += Int64(count)
        if start > 1 << 20, start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// Reads until `count` bytes are buffered; false at the end of the stream.
    private mutating func fill(_ count: Int) throws(InputError) -> Bool {
        while available < count {
            if eof { return false }
            let read: Result<Int, InputError> = chunk.withUnsafeMutableBytes { raw in
                do throws(InputError) { return .success(try stream.read(into: raw)) } catch { return .failure(error) }
            }
            let n = try read.get()
            if n == 0 {
                eof = true
                return available >= count
            }
            bytesRead += Int64(n)
            buffer.append(contentsOf: chunk[0..<n])
        }
        return true
    }

    /// The offset (from `start`) of `needle` within the next `limit` bytes, reading as needed.
    private mutating func find(_ needle: [UInt8], limit: Int) throws(InputError) -> Int? {
        var searched = 0
        while true {
            let end = min(available, limit)
            if end > searched && end >= needle.count {
                var i = max(0, searched - needle.count + 1)
                let first = needle[0]
                while i + needle.count <= end {
                    if buffer[start + i] == first {
                        var k = 1
                        while k < needle.count, buffer[start + i + k] == needle[k] { k += 1 }
                        if k == needle.count { return i }
                    }
                    i += 1
                }
                searched = end
            }
            searched = max(searched, end)
            if available >= limit { return nil }
            // At the end of the stream everything buffered has been searched above.
            if !(try fill(available + 1)) { return nil }
        }
    }

    /// `WARC/1.`, the start of every record's first line.
    private static let recordMarker = Array("WARC/1.".utf8)

    /// Where reading goes on after a skip, for rejection reasons.
    private var nextRecordText: String { available == 0 ? "the end of the file" : "the next 'WARC/1.' line (offset \(offset))" }

    /// Whether the buffered bytes at `position` (from `start`) begin `WARC/1.`.
    private func startsWithRecordMarker(at position: Int) -> Bool {
        guard available - position >= Self.recordMarker.count else { return false }
        var k = 0
        while k < Self.recordMarker.count {
            if buffer[start + position + k] != Self.recordMarker[k] { return false }
            k += 1
        }
        return true
    }

    /// Bytes needed to recognise a record line anywhere: `WARC/1.0` CR LF.
    private static let recordLineLength = 10

    /// The offset (from `start`) of the first record line within `from..<to`: `WARC/1.` at a line start,
    /// or a whole `WARC/1.0` / `WARC/1.1` CR LF line glued to what precedes it (junk without a final
    /// newline). One at `from` itself counts only when a line feed precedes it.
    private func lineStartMarker(from: Int, to: Int) -> Int? {
        var i = max(from, 1)
        let end = min(to, available - Self.recordMarker.count + 1)
        while i < end {
            if buffer[start + i] == 0x57, startsWithRecordMarker(at: i) {
                if buffer[start + i - 1] == 0x0A { return i }
                if i + Self.recordLineLength <= available, buffer[start + i + 7] == 0x30 || buffer[start + i + 7] == 0x31,
                   buffer[start + i + 8] == 0x0D, buffer[start + i + 9] == 0x0A {
                    return i
                }
            }
            i += 1
        }
        return nil
    }

    /// Whether a record whose block of `length` bytes starts `blockStart` bytes after `start` ends at a
    /// record boundary: CRLF CRLF then another record, or only blank lines to the end of the file. CRLF
    /// CRLF then something else counts only when `strict` is false and no record line hides inside the
    /// block, so a lying Content-Length never swallows a following record. Buffers the whole block.
    private mutating func declaredEndIsBoundary(blockStart: Int, length: Int, strict: Bool = false) throws(InputError) -> Bool {
        let end = blockStart + length
        do throws(InputError) {
            _ = try fill(end + 4 + 16 + Self.recordMarker.count)
        } catch {
            // A corrupt or cut stream after a complete block: the record stands, the error comes next.
            guard available >= end else { throw error }
            pendingError = error
            eof = true
            return true
        }
        guard available >= end else { return false }
        var next = end
        while next < available, next < end + 16, buffer[start + next] == 0x0D || buffer[start + next] == 0x0A { next += 1 }
        // Only blank lines (or nothing: a missing terminator is tolerated) up to the end of the file.
        if next == available { return true }
        guard available >= end + 4, buffer[(start + end)..<(start + end + 4)].elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) else { return false }
        if startsWithRecordMarker(at: next) { return true }
        return !strict && lineStartMarker(from: blockStart, to: end) == nil
    }

    /// Skips the block of a record over the size limit without buffering it, up to its declared end
    /// (`atBoundary`), or up to a record line inside it when the declared end lies past the end of the
    /// file, too far to check, or is not a record boundary.
    private mutating func skipOversizedBlock(_ length: Int) throws(InputError) -> (atBoundary: Bool, skipped: Int) {
        var left = length
        var skippedBytes = 0
        let keep = Self.recordLineLength
        while left > 0 {
            let more = try fill(min(left, 1 << 16) + keep)
            let window = min(available, left)
            if let candidate = lineStartMarker(from: 1, to: window) {
                consume(candidate)
                skippedBytes += candidate
                left -= candidate
                // A record line inside the block: trust the declared end only if it can be checked and holds.
                if left <= maxRecordBytes, try fill(left), try declaredEndIsBoundary(blockStart: 0, length: left, strict: true) {
                    consume(min(available, left + 4))
                    return (true, skippedBytes + left)
                }
                return (false, skippedBytes)
            }
            if !more, window < left {
                // The file ends inside the declared block.
                skippedBytes += available
                consume(available)
                return (false, skippedBytes)
            }
            // Everything before the last `keep` bytes has been searched.
            let step = window == left ? window : max(1, window - keep)
            consume(step)
            skippedBytes += step
            left -= step
        }
        if try declaredEndIsBoundary(blockStart: 0, length: 0) {
            consume(min(available, 4))
            return (true, skippedBytes)
        }
        return (false, skippedBytes + (try resynchronise()))
    }

    /// Skips to the next line that starts with `WARC/1.` (or to the end of the file) and returns how many
    /// bytes were skipped. Streams: a damaged stretch of any length is never held in memory whole.
    private mutating func resynchronise() throws(InputError) -> Int {
        var skippedBytes = 0
        var searched = 1
        while true {
            if let at = lineStartMarker(from: searched, to: available) {
                consume(at)
                return skippedBytes + at
            }
            // Every position before `searched` has been checked; a marker may straddle the next read.
            searched = max(1, available - Self.recordLineLength + 1)
            if searched > 64 * 1024 {
                let step = searched - 1
                consume(step)
                skippedBytes += step
                searched = 1
            }
            if !(try fill(available + 1)) {
                skippedBytes += available
                consume(available)
                return skippedBytes
            }
        }
    }
}
