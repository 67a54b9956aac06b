import CopydeskCore
import Foundation
import Testing

/// Builds WARC records for tests.
enum WARCFixture {
    static func record(type: String = "response", id: String, uri: String = "https://example.com/a", block: String, lengthDelta: Int = 0) -> [UInt8] {
        let body = Array(block.utf8)
        let header = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <\(id)>\r\nWARC-Target-URI: \(uri)\r\n"
            + "WARC-Date: 2019-11-18T09:30:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(body.count + lengthDelta)\r\n\r\n"
        return Array(header.utf8) + body + Array("\r\n\r\n".utf8)
    }

    static func http(_ html: String, status: String = "200 OK", contentType: String = "text/html; charset=UTF-8") -> String {
        "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(html.utf8.count)\r\n\r\n\(html)"
    }

    static let page = "<html><head><title>Page one</title></head><body><p>Hello from the archive.</p></body></html>"
}

@Suite("WARC and compressed inputs")
struct WARCAndCompressedInputTests {
    func readAll(_ paths: [String], maxDocumentBytes: Int = InputOptions.defaultMaxDocumentBytes) throws -> ([InputItem], InputStats) {
        let plan = try InputPlan.expand(paths, format: .auto)
        var reader = InputReader(plan: plan, options: InputOptions(maxDocumentBytes: maxDocumentBytes))
        var items: [InputItem] = []
        while let item = try reader.next() { items.append(item) }
        return (items, reader.stats)
    }

    func documents(_ items: [InputItem]) -> [Document] { items.compactMap { if case .document(let d) = $0 { d } else { nil } } }
    func rejections(_ items: [InputItem]) -> [Rejection] { items.compactMap { if case .rejected(let r) = $0 { r } else { nil } } }

    func warcFile(_ records: [[UInt8]], gzip: Bool) -> String {
        let dir = temporaryDirectory()
        let path = dir + (gzip ? "/crawl.warc.gz" : "/crawl.warc")
        let bytes = gzip ? records.flatMap { Gzip.compress($0) } : records.flatMap { $0 }
        write(bytes: bytes, to: path)
        return path
    }

    @Test("response records with HTML become documents; other records are skipped and counted by kind", arguments: [false, true])
    func responses(gzip: Bool) throws {
        let path = warcFile([
            WARCFixture.record(type: "warcinfo", id: "urn:uuid:0", block: "software: test\r\n"),
            WARCFixture.record(type: "request", id: "urn:uuid:1", block: "GET /a HTTP/1.1\r\n\r\n"),
            WARCFixture.record(id: "urn:uuid:2", block: WARCFixture.http(WARCFixture.page)),
            WARCFixture.record(id: "urn:uuid:3", block: WARCFixture.http("%PDF-1.4", contentType: "application/pdf")),
            WARCFixture.record(id: "urn:uuid:4", block: WARCFixture.http("", status: "404 Not Found")),
            WARCFixture.record(type: "metadata", id: "urn:uuid:5", block: "fetchTimeMs: 12\r\n"),
        ], gzip: gzip)
        let (items, stats) = try readAll([path])
        let docs = documents(items)
        #expect(docs.map(\.id) == ["urn:uuid:2"])
        #expect(docs.first?.url == "https://example.com/a")
        #expect(docs.first?.title == "Page one")
        #expect(docs.first?.html?.contains("Hello from the archive.") == true)
        #expect(docs.first?.source.record == 3)
        #expect(docs.first?.crawled == "2019-11-18T09:30:00Z")
        #expect(docs.first?.published == nil, "the reader leaves published to the page; strip falls back to the crawl date")
        #expect(stats.skippedRecords == ["warcinfo": 1, "request": 1, "metadata": 1, "response: application/pdf": 1, "response: status 404": 1])
    }

    @Test("fuzz regressions: inputs shorter than a header end at once (a lone newline once looped forever)",
          .timeLimit(.minutes(1)), arguments: ["\n", "", "\r\n\r", "WARC/1.0\r\n", "WARC/1.0\r\nContent-Length: 5\r\n\r\nab", "x"])
    func shortInputs(text: String) throws {
        for gzip in [false, true] {
            let path = warcFile([Array(text.utf8)], gzip: gzip)
            let (items, _) = try readAll([path])
            #expect(documents(items).isEmpty)
            let blank = text.utf8.allSatisfy { $0 == 0x0A || $0 == 0x0D }
            #expect(rejections(items).count == (blank ? 0 : 1), "\(text.debugDescription) gzip: \(gzip)")
        }
    }

    @Test("a record with a wrong Content-Length is rejected and reading resynchronises on the next record")
    func wrongLength() throws {
        let path = warcFile([
            WARCFixture.record(id: "urn:uuid:a", block: WARCFixture.http(WARCFixture.page), lengthDelta: -7),
            WARCFixture.record(id: "urn:uuid:b", block: WARCFixture.http(WARCFixture.page)),
        ], gzip: false)
        let (items, _) = try readAll([path])
        #expect(documents(items).map(\.id) == ["urn:uuid:b"])
        #expect(rejections(items).count == 1)
        #expect(rejections(items).first?.reason.contains("Content-Length") == true)
    }

    @Test("a response record whose payload is not HTTP is rejected naming the record")
    func nonHTTP() throws {
        let path = warcFile([WARCFixture.record(id: "urn:uuid:x", block: "<html>raw, no status line</html>")], gzip: false)
        let rejected = rejections(try readAll([path]).0)
        #expect(rejected.first?.reason.contains("not an HTTP payload") == true)
        #expect(rejected.first?.id == "urn:uuid:x")
        #expect(rejected.first?.source.record == 1)
    }

    @Test("a truncated gzip member ends the file with a rejection after the records before it")
    func truncatedGzip() throws {
        var bytes = Gzip.compress(WARCFixture.record(id: "urn:uuid:ok", block: WARCFixture.http(WARCFixture.page)))
        let second = Gzip.compress(WARCFixture.record(id: "urn:uuid:cut", block: WARCFixture.http(WARCFixture.page)))
        bytes += second.prefix(second.count / 2)
        let dir = temporaryDirectory()
        write(bytes: bytes, to: dir + "/cut.warc.gz")
        let (items, _) = try readAll([dir + "/cut.warc.gz"])
        #expect(documents(items).map(\.id) == ["urn:uuid:ok"])
        #expect(rejections(items).first?.reason.contains("truncated gzip") == true)
    }

    @Test("gzip'd JSONL is read line by line; a file cut in the middle of a line rejects that line")
    func gzipJSONL() throws {
        let dir = temporaryDirectory()
        write(bytes: Gzip.compress(Array("{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"tw".utf8)), to: dir + "/d.jsonl.gz")
        let (items, _) = try readAll([dir + "/d.jsonl.gz"])
        #expect(documents(items).map(\.id) == ["a"])
        #expect(rejections(items).first?.source.line == 2)
        #expect(rejections(items).first?.reason.contains("not valid JSON") == true)
    }

    @Test("zstd JSONL (several frames) is read as a stream; a .txt.zst file is one document")
    func zstdInputs() throws {
        let dir = temporaryDirectory()
        let lines = (0..<3000).map { "{\"id\":\"d\($0)\",\"text\":\"story number \($0) \(String(repeating: "words ", count: 20))\"}\n" }.joined()
        let half = lines.utf8.count / 2
        let bytes = Array(lines.utf8)
        write(bytes: try Zstd.compress(Array(bytes[..<half])) + Zstd.compress(Array(bytes[half...])), to: dir + "/d.jsonl.zst")
        write(bytes: try Zstd.compress(Array("Title\nBody text.".utf8)), to: dir + "/story.txt.zst")
        let (items, stats) = try readAll([dir + "/d.jsonl.zst", dir + "/story.txt.zst"])
        let docs = documents(items)
        #expect(docs.count == 3001 && rejections(items).isEmpty)
        #expect(docs.first?.id == "d0" && docs[2999].id == "d2999")
        #expect(docs.last?.id == "story" && docs.last?.text.contains("Body text.") == true)
        #expect(stats.bytes >= Int64(bytes.count))
    }

    @Test("a truncated or corrupt zstd file ends with a rejection naming the file, after the lines before it")
    func truncatedZstd() throws {
        let dir = temporaryDirectory()
        let lines = (0..<2000).map { "{\"id\":\"d\($0)\",\"text\":\"\($0) \(String(repeating: "x", count: $0 % 50))\"}\n" }.joined()
        let frame = try Zstd.compress(Array(lines.utf8))
        write(bytes: Array(frame.dropLast(frame.count / 3)), to: dir + "/cut.jsonl.zst")
        var corrupt = frame
        for i in stride(from: 12, to: corrupt.count, by: 7) { corrupt[i] ^= 0x5A }
        write(bytes: corrupt, to: dir + "/bad.jsonl.zst")
        let (items, _) = try readAll([dir + "/cut.jsonl.zst", dir + "/bad.jsonl.zst"])
        let reasons = rejections(items).map(\.reason)
        #expect(reasons.contains { $0.contains("cut.jsonl.zst") && $0.contains("truncated zstd") })
        #expect(reasons.contains { $0.contains("bad.jsonl.zst") && $0.contains("zstd") })
        #expect(documents(items).count < 2000)
    }

    @Test("glob patterns expand sorted; a pattern matching nothing is input-not-found")
    func globs() throws {
        let dir = temporaryDirectory()
        write("B\nx", to: dir + "/b.txt")
        write("A\nx", to: dir + "/a.txt")
        write("C\nx", to: dir + "/c.md")
        #expect(documents(try readAll([dir + "/*.txt"]).0).map(\.id) == ["a", "b"])
        #expect(throws: InputError.self) { try InputPlan.expand([dir + "/*.nothing"], format: .auto) }
    }

    @Test("a manifest lists paths relative to itself; a missing entry becomes a rejection naming the manifest line")
    func manifest() throws {
        let dir = temporaryDirectory()
        write("A\nx", to: dir + "/a.txt")
        write("a.txt\n# a comment\n\nmissing.txt\n", to: dir + "/list.txt")
        let (items, _) = try readAll(["@" + dir + "/list.txt"])
        #expect(documents(items).map(\.id) == ["a"])
        #expect(rejections(items).first?.reason.contains("list.txt line 4") == true)
    }
}
