import CopydeskCore
import Foundation
import Testing

/// Every input item ends as a record, a drop or a rejection, and the report proves it.
@Suite("nothing lost")
struct NothingLostTests {
    func record(_ id: String, _ block: String, lengthDelta: Int = 0) -> [UInt8] {
        let body = Array(block.utf8)
        return Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <\(id)>\r\nWARC-Target-URI: https://example.com/\(id)\r\nContent-Length: \(body.count + lengthDelta)\r\n\r\n".utf8)
            + body + Array("\r\n\r\n".utf8)
    }

    func http(_ html: String) -> String { "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\(html)" }

    @Test("a corpus of every kind of bad input balances: in = out + dropped + rejected, each listed in an output")
    func everyKindOfBadInput() throws {
        let dir = CLI.temporaryDirectory()
        let input = dir + "/in"
        try FileManager.default.createDirectory(atPath: input + "/sub", withIntermediateDirectories: true)
        func put(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: input + "/" + name)) }
        let article = "<html><body><article><p>The council voted on Tuesday to approve the new budget for schools and roads, officials said.</p></article></body></html>"
        try put("good.txt", Array("Headline\n\nA real paragraph of text.".utf8))
        try put("binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00])
        try put("latin1.txt", Array("Caf".utf8) + [0xE9] + Array("\nText".utf8))
        try put("empty.txt", [])
        try put("sub/page.html", Array(article.utf8))
        try put("sub/nav.html", Array("<html><body><nav><a href='/'>Home</a></nav></body></html>".utf8))
        try put("d.jsonl", Array("{\"id\":\"j1\",\"text\":\"fine\"}\nnot json\n{\"id\":\"j3\"}\n[1]\n{\"id\":\"j5\",\"text\":\"cut in the mid".utf8))
        try put("big.jsonl", Array(("{\"id\":\"big\",\"text\":\"" + String(repeating: "x", count: 3000) + "\"}\n").utf8))
        try put("crawl.warc", record("w1", http(article)) + record("w2", http(article), lengthDelta: -5) + record("w3", http(article))
            + record("w4", "<html>not http</html>"))
        var gz = Gzip.compress(record("g1", http(article)))
        let cut = Gzip.compress(record("g2", http(article)))
        gz += cut.prefix(cut.count / 2)
        try put("cut.warc.gz", gz)
        try Data("good.txt\nnowhere.txt\n".utf8).write(to: URL(fileURLWithPath: dir + "/manifest.txt"))
        try FileManager.default.copyItem(atPath: input + "/good.txt", toPath: dir + "/good.txt")
        let pipeline = dir + "/p.yaml"
        try Data("""
            input:
              paths: [\(input), "@\(dir)/manifest.txt"]
              max_document_bytes: 2048
            stages:
              - use: normalise
              - use: strip
              - use: export
                path: \(dir)/out/o.jsonl
            """.utf8).write(to: URL(fileURLWithPath: pipeline))
        let result = try CLI.run(["run", pipeline])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out/o.report.json", encoding: .utf8))
        let documents = report["documents"]
        #expect(documents?["balanced"] == .bool(true))
        func lines(_ name: String) throws -> Int {
            try String(contentsOfFile: dir + "/out/" + name, encoding: .utf8).split(separator: "\n").count
        }
        let out = try lines("o.jsonl"), dropped = try lines("o.drops.jsonl"), rejected = try lines("o.rejects.jsonl")
        #expect(documents?["out"] == .number(JSONNumber(out)))
        #expect(documents?["dropped"] == .number(JSONNumber(dropped)))
        #expect(documents?["rejected"] == .number(JSONNumber(rejected)))
        #expect(documents?["in"] == .number(JSONNumber(out + dropped + rejected)))
        let rejects = try String(contentsOfFile: dir + "/out/o.rejects.jsonl", encoding: .utf8)
        for expected in ["binary", "not valid JSON", "no text", "JSON object", "max_document_bytes", "Content-Length", "not an HTTP payload",
                         "truncated gzip", "nowhere.txt"] {
            #expect(rejects.contains(expected), "rejects should mention \(expected)")
        }
        #expect(try String(contentsOfFile: dir + "/out/o.drops.jsonl", encoding: .utf8).contains("no article text"))
    }
}
