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

    /// The next document or rejection, or `nil` at the end of the file.
    public mutating func next() throws(InputError) -> InputItem? {
        while true {
            guard let headerEnd = try find([0x0D, 0x0A, 0x0D, 0x0A], limit: 64 * 1024) else {
                if available == 0 { return nil }
                if buffer[start...].allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) {
                    // Blank lines after the last record are not a record.
                    consume(available)
                    return nil
                }
                let position = offset
                let leftover = available
                consume(available)
                record += 1
                return .rejected(Rejection(source: SourceLocation(path: path, record: record, offset: position), stage: "input",
                                           reason: "truncated WARC record: \(leftover) bytes without a complete header at the end of the file"))
            }
            record += 1
            let recordOffset = offset
            let source = SourceLocation(path: path, record: record, offset: recordOffset)
            let header = Array(buffer[start..<(start + headerEnd)])
            consume(headerEnd + 4)
            guard header.starts(with: Array("WARC/1.".utf8)) else {
                try resynchronise()
                return .rejected(Rejection(source: source, stage: "input",
                    reason: "not a WARC record header (expected 'WARC/1.0' or 'WARC/1.1'): a previous record's Content-Length may be wrong"))
            }
            let fields = Self.parseHeaders(header)
            guard let lengthText = fields["content-length"], let length = Int(lengthText), length >= 0 else {
                try resynchronise()
                return .rejected(Rejection(source: source, stage: "input", reason: "WARC record without a valid Content-Length"))
            }
            let type = fields["warc-type"]?.lowercased() ?? "unknown"
            let id = Self.recordID(fields["warc-record-id"]) ?? StableID.make(path: path, position: record)
            if length > maxRecordBytes {
                try skip(length)
                try expectRecordEnd()
                if type != "response" {
                    skipped[type, default: 0] += 1
                    continue
                }
                return .rejected(Rejection(source: source, id: id, stage: "input",
                    reason: "WARC record is \(length) bytes, over input.max_document_bytes (\(maxRecordBytes)); raise the limit to read it"))
            }
            guard try fill(length) else {
                let have = available
                consume(have)
                return .rejected(Rejection(source: source, id: id, stage: "input",
                    reason: "truncated WARC record: Content-Length says \(length) bytes but the file ends after \(have)"))
            }
            let block = Array(buffer[start..<(start + length)])
            consume(length)
            if !(try expectRecordEnd()) {
                try resynchronise()
                return .rejected(Rejection(source: source, id: id, stage: "input",
                    reason: "WARC record's Content-Length (\(length)) does not match its content: no blank line after the block"))
            }
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

    private mutating func skip(_ count: Int) throws(InputError) {
        var remaining = count
        while remaining > 0 {
            if available == 0, !(try fill(1)) { return }
            let step = min(remaining, available)
            consume(step)
            remaining -= step
        }
    }

    /// Consumes the CRLF CRLF that ends a record; false when something else follows.
    @discardableResult
    private mutating func expectRecordEnd() throws(InputError) -> Bool {
        _ = try fill(4)
        if available >= 4, buffer[start..<(start + 4)].elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) {
            consume(4)
            return true
        }
        if available == 0 { return true }  // tolerate a missing terminator at the very end
        return false
    }

    /// Skips to the next line that starts a WARC record.
    private mutating func resynchronise() throws(InputError) {
        let marker = Array("\r\nWARC/1.".utf8)
        while true {
            if let at = try find(marker, limit: 8 << 20) {
                consume(at + 2)
                return
            }
            if eof || available == 0 {
                consume(available)
                return
            }
            consume(max(0, available - marker.count))
        }
    }
}

/// An HTTP response inside a WARC `response` record.
struct HTTPResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    /// The media type, lowercased, without parameters.
    var mediaType: String {
        (headers["content-type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    var isHTML: Bool {
        let type = mediaType
        return type == "text/html" || type == "application/xhtml+xml" || (type.isEmpty && body.prefix(512).contains(UInt8(ascii: "<")))
    }

    /// The charset parameter of Content-Type, lowercased.
    var charset: String? {
        guard let type = headers["content-type"]?.lowercased(), let range = type.range(of: "charset=") else { return nil }
        return type[range.upperBound...].split(whereSeparator: { $0 == ";" || $0 == " " }).first.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
    }

    static func parse(_ block: [UInt8]) -> Result<HTTPResponse, DocumentRejection> {
        guard block.starts(with: Array("HTTP/".utf8)) else {
            return .failure(DocumentRejection("response record does not hold an HTTP response (no 'HTTP/' status line): not an HTTP payload"))
        }
        var headerEnd: Int?
        if block.count >= 4 {
            for i in 0...(block.count - 4) where block[i] == 0x0D && block[i + 1] == 0x0A && block[i + 2] == 0x0D && block[i + 3] == 0x0A {
                headerEnd = i
                break
            }
        }
        guard let end = headerEnd else { return .failure(DocumentRejection("HTTP response without the blank line that ends its headers")) }
        let head = Array(block[0..<end])
        let statusLine = head.split(separator: 0x0A).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else {
            return .failure(DocumentRejection("malformed HTTP status line '\(statusLine.prefix(60))'"))
        }
        return .success(HTTPResponse(status: status, headers: WARCReader.parseHeaders(head), body: Array(block[(end + 4)...])))
    }

    /// The body as text: chunked transfer and gzip content encoding undone, the HTTP charset honoured.
    func decodedBody(limit: Int) throws(DocumentRejection) -> String {
        var bytes = body
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true { bytes = try Self.dechunk(bytes) }
        switch headers["content-encoding"]?.lowercased() {
        case nil, "", "identity": break
        case "gzip", "x-gzip": bytes = try Gzip.decompress(bytes, limit: limit)
        case let other?: throw DocumentRejection("HTTP Content-Encoding '\(other)' is not supported (gzip and identity are)")
        }
        return try bytes.withUnsafeBufferPointer { buffer throws(DocumentRejection) -> String in
            switch charset {
            case "windows-1252", "iso-8859-1", "latin1", "us-ascii", "cp1252":
                return TextDecoding.validateUTF8(buffer).errors == 0 ? String(decoding: buffer, as: UTF8.self) : TextDecoding.decodeWindows1252(buffer)
            default:
                return try HTMLSniffing.decode(buffer).text
            }
        }
    }

    static func dechunk(_ bytes: [UInt8]) throws(DocumentRejection) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard let lineEnd = bytes[i...].firstIndex(of: 0x0A) else { break }
            let sizeText = String(decoding: bytes[i..<lineEnd], as: UTF8.self).split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw DocumentRejection("malformed chunked HTTP body") }
            i = lineEnd + 1
            if size == 0 { break }
            guard i + size <= bytes.count else { throw DocumentRejection("truncated chunked HTTP body") }
            out.append(contentsOf: bytes[i..<(i + size)])
            i += size + 2
        }
        return out
    }
}
