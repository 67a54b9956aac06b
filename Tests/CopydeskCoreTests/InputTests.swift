import CopydeskCore
import Foundation
import Testing

@Suite("inputs")
struct InputTests {
    func readAll(_ paths: [String], options: InputOptions = InputOptions()) throws -> (items: [InputItem], stats: InputStats) {
        let plan = try InputPlan.expand(paths, format: options.format)
        var reader = InputReader(plan: plan, options: options)
        var items: [InputItem] = []
        while let item = try reader.next() { items.append(item) }
        return (items, reader.stats)
    }

    func documents(_ items: [InputItem]) -> [Document] {
        items.compactMap { if case .document(let d) = $0 { d } else { nil } }
    }

    func rejections(_ items: [InputItem]) -> [Rejection] {
        items.compactMap { if case .rejected(let r) = $0 { r } else { nil } }
    }

    @Test("a .txt file gives one document: first non-empty line the title, the rest the text, id the file name")
    func textFile() throws {
        let dir = temporaryDirectory()
        write("\n\n  Headline here  \n\nFirst paragraph.\n\nSecond.", to: dir + "/001_abc.txt")
        let docs = documents(try readAll([dir + "/001_abc.txt"]).items)
        #expect(docs.count == 1)
        #expect(docs[0].id == "001_abc")
        #expect(docs[0].title == "Headline here")
        #expect(docs[0].text == "\nFirst paragraph.\n\nSecond.")
        #expect(docs[0].source.path == dir + "/001_abc.txt")
    }

    @Test("a directory is read recursively in sorted order, skipping other file types with a reason")
    func directory() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
        write("T2\nx", to: dir + "/b/2.txt")
        write("T1\nx", to: dir + "/a.txt")
        write("T3\nx", to: dir + "/c.txt")
        write("%PDF", to: dir + "/d.pdf")
        let (items, stats) = try readAll([dir])
        #expect(documents(items).map(\.id) == ["a", "2", "c"])
        #expect(stats.skippedFiles.count == 1)
        #expect(stats.skippedFiles.first?.reason.contains("unsupported") == true)
    }

    @Test("a missing input path is an input-not-found error naming the path")
    func missingPath() {
        do {
            _ = try InputPlan.expand(["/nonexistent/copydesk"], format: .auto)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.message.contains("/nonexistent/copydesk"))
        }
    }

    @Test("an empty directory is an input-not-found error saying what was looked for")
    func emptyDirectory() {
        let dir = temporaryDirectory()
        do {
            _ = try InputPlan.expand([dir], format: .auto)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.message.contains("no input documents in directory"))
        }
    }

    @Test("a binary file among text files is rejected with its reason and the others are read")
    func binaryFile() throws {
        let dir = temporaryDirectory()
        write("A\ntext", to: dir + "/a.txt")
        write(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], to: dir + "/b.txt")
        write("C\ntext", to: dir + "/c.txt")
        let (items, stats) = try readAll([dir])
        #expect(documents(items).map(\.id) == ["a", "c"])
        let rejected = rejections(items)
        #expect(rejected.count == 1)
        #expect(rejected[0].source.path.hasSuffix("b.txt"))
        #expect(rejected[0].reason.contains("binary"))
        #expect(stats.documents == 2 && stats.rejected == 1)
    }

    @Test("invalid UTF-8 is repaired with U+FFFD and counted, or rejected with its byte offset")
    func invalidUTF8() throws {
        let dir = temporaryDirectory()
        write(bytes: Array("Title\nCaf".utf8) + [0xE9] + Array(" au lait".utf8), to: dir + "/x.txt")
        let (items, stats) = try readAll([dir + "/x.txt"])
        #expect(documents(items).first?.text == "Caf\u{FFFD} au lait")
        #expect(stats.repairedDocuments == 1 && stats.repairedSequences == 1)
        let strict = try readAll([dir + "/x.txt"], options: InputOptions(invalidUTF8: .reject)).items
        #expect(rejections(strict).first?.reason.contains("invalid UTF-8 at byte offset 9") == true)
    }

    @Test("a UTF-8 byte order mark is removed")
    func bom() throws {
        let dir = temporaryDirectory()
        write(bytes: [0xEF, 0xBB, 0xBF] + Array("Title\nBody".utf8), to: dir + "/x.txt")
        #expect(documents(try readAll([dir + "/x.txt"]).items).first?.title == "Title")
    }

    @Test("JSONL: one document per line, configurable fields, ids from the record or a stable hash")
    func jsonl() throws {
        let dir = temporaryDirectory()
        write("""
            {"doc_id": "a1", "body": "Text one", "headline": "One", "link": "https://x.test/1"}

            {"body": "Text two", "doc_id": 42}
            {"body": "Text three"}
            """, to: dir + "/d.jsonl")
        var options = InputOptions()
        options.fields.id = "doc_id"
        options.fields.text = "body"
        options.fields.title = "headline"
        options.fields.url = "link"
        let docs = documents(try readAll([dir + "/d.jsonl"], options: options).items)
        #expect(docs.map(\.id) == ["a1", "42", StableID.make(path: dir + "/d.jsonl", position: 4)])
        #expect(docs[0].title == "One" && docs[0].url == "https://x.test/1" && docs[0].text == "Text one")
        #expect(docs[2].source.line == 4)
    }

    @Test("JSONL: a line that is not JSON, has no text or has a wrong field type is rejected naming the line")
    func badJSONLLines() throws {
        let dir = temporaryDirectory()
        write("""
            {"id": "ok", "text": "fine"}
            {"id": "broken", "text": "no closing brace"
            {"id": "notext", "title": "only a title"}
            [1, 2]
            {"id": "wrongtype", "text": 5}
            {"id": "html", "html": "<title>Page</title><p>x</p>"}
            """, to: dir + "/d.jsonl")
        let (items, stats) = try readAll([dir + "/d.jsonl"])
        #expect(documents(items).map(\.id) == ["ok", "html"])
        #expect(documents(items)[1].title == "Page")
        let rejected = rejections(items)
        #expect(rejected.map(\.source.line) == [2, 3, 4, 5])
        #expect(rejected[0].reason.contains("not valid JSON"))
        #expect(rejected[1].reason.contains("no text"))
        #expect(rejected[2].reason.contains("JSON object"))
        #expect(rejected[3].reason.contains("must be a string"))
        #expect(stats.documents == 2 && stats.rejected == 4)
    }

    @Test("a single line over the size limit is rejected, and reading goes on with the next line")
    func hugeLine() throws {
        // The same code path as the default 16 MB limit, with a 1 MB limit and a 6 MB line (a debug build
        // scans a 100 MB line for minutes).
        let dir = temporaryDirectory()
        let path = dir + "/big.jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        handle.write(Data("{\"id\": \"big\", \"text\": \"".utf8))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<6 { handle.write(chunk) }
        handle.write(Data("\"}\n{\"id\": \"after\", \"text\": \"small\"}\n".utf8))
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (items, _) = try readAll([path], options: InputOptions(maxDocumentBytes: 1 << 20))
        #expect(documents(items).map(\.id) == ["after"])
        #expect(rejections(items).first?.reason.contains("over input.max_document_bytes") == true)
        #expect(rejections(items).first?.source.line == 1)
        // The same for a one-document text file over the limit.
        write(String(repeating: "x", count: 2000), to: dir + "/big.txt")
        let small = InputOptions(maxDocumentBytes: 1000)
        #expect(rejections(try readAll([dir + "/big.txt"], options: small).items).first?.reason.contains("2000 bytes") == true)
    }

    @Test("HTML: raw HTML kept for strip, title from <title>, charset from meta or Windows-1252 fallback")
    func html() throws {
        let dir = temporaryDirectory()
        write("<html><head><title> Big &amp; news\n | Site</title></head><body><p>Hi</p></body></html>", to: dir + "/p.html")
        write(bytes: Array("<meta charset=\"windows-1252\"><title>Caf".utf8) + [0xE9, 0x92] + Array("s</title>".utf8), to: dir + "/q.htm")
        let docs = documents(try readAll([dir]).items)
        #expect(docs.map(\.id) == ["p", "q"])
        #expect(docs[0].title == "Big & news | Site")
        #expect(docs[0].html?.contains("<p>Hi</p>") == true)
        #expect(docs[0].text == "")
        #expect(docs[1].title == "Café’s")
    }
}
