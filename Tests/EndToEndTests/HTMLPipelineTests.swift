import CopydeskCore
import Foundation
import Testing

@Suite("pipelines/html.yaml")
struct HTMLPipelineTests {
    static let article = """
        <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Budget approved | Example News</title>
        <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2019-11-18T09:30:00Z">
        <link rel="canonical" href="https://example.com/news/budget"></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>Budget approved</h1><p class="byline">By Jane Doe</p>
        <p>The council voted on Tuesday to approve the new budget, which includes funding for schools, roads and libraries.</p>
        <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
        <p>Opponents said the plan would raise taxes, while supporters argued that the investment was long overdue.</p>
        <p>Advertisement</p></article><footer>© Example News</footer></body></html>
        """

    @Test("reads .html and .html.gz pages and writes article text with metadata")
    func pages() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/pages", withIntermediateDirectories: true)
        try Data(Self.article.utf8).write(to: URL(fileURLWithPath: dir + "/pages/a.html"))
        // The same page gzip-compressed, made with the system's gzip.
        try Data(Self.article.utf8).write(to: URL(fileURLWithPath: dir + "/pages/b.html"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [dir + "/pages/b.html"]
        try gzip.run()
        gzip.waitUntilExit()
        let result = try CLI.run(["run", "pipelines/html.yaml", "--input", dir + "/pages", "--output", dir + "/out.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        for (line, id) in zip(lines, ["a", "b"]) {
            let record = try JSONParser.parse(String(line))
            #expect(record["id"] == .string(id))
            #expect(record["title"] == .string("Budget approved"))
            #expect(record["published"] == .string("2019-11-18T09:30:00Z"))
            #expect(record["site"] == .string("Example News"))
            #expect(record["url"] == .string("https://example.com/news/budget"))
            #expect(record["language"] == .string("en-GB"))
            let text = record["text"]?.stringValue ?? ""
            #expect(text.hasPrefix("The council voted on Tuesday"))
            #expect(text.hasSuffix("long overdue."))
            #expect(!text.contains("Share") && !text.contains("Advertisement") && !text.contains("Home"))
        }
    }

    @Test("a truncated .html.gz page becomes a rejects record naming the file")
    func truncatedGzip() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/pages", withIntermediateDirectories: true)
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xF3, 0x48]).write(to: URL(fileURLWithPath: dir + "/pages/t.html.gz"))
        try Data(Self.article.utf8).write(to: URL(fileURLWithPath: dir + "/pages/ok.html"))
        let result = try CLI.run(["run", "pipelines/html.yaml", "--input", dir + "/pages", "--output", dir + "/out.jsonl"])
        #expect(result.status == 0)
        let rejects = try String(contentsOfFile: dir + "/out.rejects.jsonl", encoding: .utf8)
        #expect(rejects.contains("t.html.gz") && rejects.contains("gzip"))
    }
}
