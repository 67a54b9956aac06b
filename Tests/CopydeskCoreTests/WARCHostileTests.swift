import CopydeskCore
import Foundation
import Testing

/// Hostile WARC files (issue 17): no trap, and no good record lost or uncounted around damage. Every
/// input is generated here; the files are small but cross the reader's 64 KB header limit and its
/// 256 KB read size where that matters.
@Suite("WARC hostile input")
struct WARCHostileTests {
    /// Reads one generated WARC file (plain, or one gzip member per piece) and removes it.
    func read(_ pieces: [[UInt8]], gzip: Bool, maxDocumentBytes: Int = InputOptions.defaultMaxDocumentBytes) throws -> (docs: [String], rejects: [Rejection], items: Int) {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + (gzip ? "/hostile.warc.gz" : "/hostile.warc")
        write(bytes: gzip ? pieces.flatMap { Gzip.compress($0) } : pieces.flatMap { $0 }, to: path)
        var reader = InputReader(plan: try InputPlan.expand([path], format: .auto), options: InputOptions(maxDocumentBytes: maxDocumentBytes))
        var docs: [String] = []
        var rejects: [Rejection] = []
        var items = 0
        while let item = try reader.next() {
            items += 1
            switch item {
            case .document(let document): docs.append(document.id)
            case .rejected(let rejection): rejects.append(rejection)
            }
        }
        return (docs, rejects, items)
    }

    func good(_ range: Range<Int>) -> [[UInt8]] {
        range.map { WARCFixture.record(id: "urn:uuid:good-\($0)", block: WARCFixture.http("<html><body><p>Story \($0) of the archive.</p></body></html>")) }
    }

    func ids(_ range: Range<Int>) -> [String] { range.map { "urn:uuid:good-\($0)" } }

    /// A response record with a chunked HTTP body whose first chunk size line is `size`.
    func chunked(size: String, id: String) -> [UInt8] {
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\n<p>x</p>\r\n0\r\n\r\n"
        return WARCFixture.record(id: id, block: http)
    }

    @Test("chunk sizes that are negative or overflow reject the record instead of trapping; the next record is read",
          arguments: ["-5", "-100000", "-8000000000000000", "7fffffffffffffff", "8000000000000000", "ffffffffffffffffffffffff", "+5", "zz"])
    func hostileChunkSizes(size: String) throws {
        let result = try read([chunked(size: size, id: "urn:uuid:bad")] + good(0..<2), gzip: false)
        #expect(result.docs == ids(0..<2))
        #expect(result.rejects.count == 1)
        #expect(result.rejects.first?.id == "urn:uuid:bad")
        #expect(result.rejects.first?.reason.contains("chunked HTTP body") == true, "\(result.rejects.first?.reason ?? "")")
    }

    @Test("a well-formed chunked body (with a chunk extension) is joined")
    func goodChunks() throws {
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n6;name=v\r\n<p>Hel\r\nC\r\nlo there</p>\r\n0\r\n\r\n"
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(bytes: WARCFixture.record(id: "urn:uuid:c", block: http), to: dir + "/c.warc")
        var reader = InputReader(plan: try InputPlan.expand([dir + "/c.warc"], format: .auto), options: InputOptions())
        let item = try #require(try reader.next())
        if case .document(let document) = item {
            #expect(document.html == "<p>Hello there</p>")
        } else {
            Issue.record("expected a document, got \(item)")
        }
    }

    @Test("a header over 64 KB is one rejection that says what was skipped; all 60 good records after it come out", arguments: [false, true])
    func hugeHeader(gzip: Bool) throws {
        let filler = "X-Filler: " + String(repeating: "a", count: 100) + "\r\n"
        let header = "WARC/1.0\r\nWARC-Type: response\r\n" + String(repeating: filler, count: 700) + "Content-Length: 5\r\n\r\nhello\r\n\r\n"
        let result = try read(good(0..<3) + [Array(header.utf8)] + good(3..<63), gzip: gzip)
        #expect(result.docs == ids(0..<63))
        #expect(result.rejects.count == 1)
        #expect(result.items == 64)
        let reason = try #require(result.rejects.first?.reason)
        #expect(reason.contains("longer than 65536 bytes") && reason.contains("bytes skipped"), "\(reason)")
    }

    @Test("a header of 600 KB (several reads) is one rejection, not one per 64 KB: a 10-record file gives 10 items")
    func veryLargeHeader() throws {
        let header = "WARC/1.0\r\nWARC-Type: response\r\nX-Big: " + String(repeating: "b", count: 600_000) + "\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
        let result = try read(good(0..<4) + [Array(header.utf8)] + good(4..<9), gzip: false)
        #expect(result.docs == ids(0..<9))
        #expect(result.items == 10)
        #expect(result.rejects.first?.reason.contains("\(header.utf8.count) bytes skipped") == true, "\(result.rejects.first?.reason ?? "")")
    }

    @Test("64 KB of junk between records is one rejection naming the bytes skipped; every record after it comes out", arguments: [false, true])
    func junkBetweenRecords(gzip: Bool) throws {
        let junk = Array(String(repeating: "junk line without meaning\n", count: 2700).utf8)  // 70,200 bytes
        let result = try read(good(0..<3) + [junk] + good(3..<63), gzip: gzip)
        #expect(result.docs == ids(0..<63))
        #expect(result.rejects.count == 1)
        #expect(result.rejects.first?.reason.contains("\(junk.count) bytes that are not a WARC record") == true, "\(result.rejects.first?.reason ?? "")")
    }

    @Test("junk glued to the next record (NUL bytes, no final newline) costs no record: a whole 'WARC/1.0' line is found anywhere",
          arguments: [false, true])
    func junkWithoutNewline(gzip: Bool) throws {
        let junk = [UInt8](repeating: 0, count: 70_000)
        let result = try read(good(0..<3) + [junk + good(3..<4)[0]] + good(4..<20), gzip: gzip)
        #expect(result.docs == ids(0..<20))
        #expect(result.rejects.count == 1)
        #expect(result.rejects.first?.reason.contains("70000 bytes that are not a WARC record") == true, "\(result.rejects.first?.reason ?? "")")
    }

    @Test("a Content-Length that lies (too long, too short, Int.max) rejects that record only; the 10 good records after it come out",
          arguments: [500, 3000, -7, Int.max], [false, true])
    func lyingContentLength(delta: Int, gzip: Bool) throws {
        let block = WARCFixture.http("<html><body><p>The liar.</p></body></html>")
        var lying = WARCFixture.record(id: "urn:uuid:liar", block: block)
        if delta == Int.max {
            let text = String(decoding: lying, as: UTF8.self).replacingOccurrences(of: "Content-Length: \(block.utf8.count)\r\n", with: "Content-Length: \(Int.max)\r\n")
            lying = Array(text.utf8)
        } else {
            lying = WARCFixture.record(id: "urn:uuid:liar", block: block, lengthDelta: delta)
        }
        let result = try read(good(0..<2) + [lying] + good(2..<12), gzip: gzip)
        #expect(result.docs == ids(0..<12), "delta \(delta)")
        #expect(result.rejects.map(\.id) == ["urn:uuid:liar"])
        #expect(result.rejects.first?.reason.contains("bytes skipped") == true, "\(result.rejects.first?.reason ?? "")")
    }

    @Test("a record over max_document_bytes is skipped by its Content-Length when that ends at a record boundary")
    func oversizedRecord() throws {
        let big = WARCFixture.record(id: "urn:uuid:big", block: WARCFixture.http("<p>" + String(repeating: "long story ", count: 2000) + "</p>"))
        let result = try read(good(0..<2) + [big] + good(2..<5), gzip: false, maxDocumentBytes: 4096)
        #expect(result.docs == ids(0..<5))
        #expect(result.rejects.map(\.id) == ["urn:uuid:big"])
        #expect(result.rejects.first?.reason.contains("over input.max_document_bytes") == true)
    }

    @Test("a gzip file cut inside its last member keeps every complete record before the cut, then says why it stopped")
    func truncatedGzipAfterManyRecords() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cut = Gzip.compress(WARCFixture.record(id: "urn:uuid:cut", block: WARCFixture.http(WARCFixture.page)))
        write(bytes: good(0..<300).flatMap { Gzip.compress($0) } + cut.prefix(cut.count / 2), to: dir + "/cut.warc.gz")
        var reader = InputReader(plan: try InputPlan.expand([dir + "/cut.warc.gz"], format: .auto), options: InputOptions())
        var docs: [String] = []
        var reasons: [String] = []
        while let item = try reader.next() {
            switch item {
            case .document(let document): docs.append(document.id)
            case .rejected(let rejection): reasons.append(rejection.reason)
            }
        }
        #expect(docs == ids(0..<300))
        #expect(reasons.count == 1 && reasons[0].contains("truncated gzip"), "\(reasons)")
    }

    @Test("extra blank lines between records are not damage")
    func blankLinesBetweenRecords() throws {
        let result = try read(good(0..<2) + [Array("\r\n\r\n\n".utf8)] + good(2..<4), gzip: false)
        #expect(result.docs == ids(0..<4))
        #expect(result.rejects.isEmpty)
    }
}
