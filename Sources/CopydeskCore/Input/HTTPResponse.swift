import Foundation

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

    /// Undoes chunked transfer coding. Sizes are parsed digit by digit with overflow checks: a sign,
    /// a size past the body's end or one that does not fit an `Int` rejects the record, never traps.
    static func dechunk(_ bytes: [UInt8]) throws(DocumentRejection) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            var size = 0
            var digits = 0
            while i < bytes.count, let digit = hexValue(bytes[i]) {
                let (times16, overflow) = size.multipliedReportingOverflow(by: 16)
                guard !overflow, times16 <= bytes.count else {
                    throw DocumentRejection("chunked HTTP body with a chunk size larger than the whole record (\(bytes.count) bytes)")
                }
                size = times16 + digit
                digits += 1
                i += 1
            }
            guard digits > 0 else {
                let line = bytes[i..<min(bytes.count, i + 24)].prefix { $0 != 0x0D && $0 != 0x0A }
                throw DocumentRejection("malformed chunked HTTP body: chunk size '\(String(decoding: line, as: UTF8.self))' is not a hexadecimal number")
            }
            // Chunk extensions (`;name=value`) and trailing blanks run to the end of the size line.
            guard let lineEnd = bytes[i...].firstIndex(of: 0x0A) else {
                if size == 0 { break }
                throw DocumentRejection("truncated chunked HTTP body: no line ends a chunk size")
            }
            i = lineEnd + 1
            if size == 0 { break }
            guard size <= bytes.count - i else {
                throw DocumentRejection("truncated chunked HTTP body: a chunk of \(size) bytes where \(bytes.count - i) remain")
            }
            out.append(contentsOf: bytes[i..<(i + size)])
            i += size
            if i < bytes.count, bytes[i] == 0x0D { i += 1 }
            if i < bytes.count, bytes[i] == 0x0A { i += 1 }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}
