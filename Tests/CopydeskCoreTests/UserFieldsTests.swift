import CopydeskCore
import Foundation
import Testing

/// Numbers keep their digits; the users' own fields (`Document.meta`) are read from JSONL and WARC,
/// written and read back by the output record, and reachable through a typed API.
@Suite("user fields and exact numbers")
struct UserFieldsTests {
    func read(_ lines: [String], fields: JSONLFieldMap = JSONLFieldMap()) throws -> (documents: [Document], rejections: [Rejection], stats: InputStats) {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write(lines.joined(separator: "\n") + "\n", to: dir + "/in.jsonl")
        var options = InputOptions()
        options.fields = fields
        var reader = InputReader(plan: try InputPlan.expand([dir + "/in.jsonl"], format: .auto), options: options)
        var documents: [Document] = []
        var rejections: [Rejection] = []
        while let item = try reader.next() {
            switch item {
            case .document(let d): documents.append(d)
            case .rejected(let r): rejections.append(r)
            }
        }
        return (documents, rejections, reader.stats)
    }

    func line(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(nil, value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    // MARK: numbers

    @Test("numbers are written back exactly as they were written, whatever a Double would make of them")
    func numbersVerbatim() throws {
        let text = #"[12345678901234567,12345678901234568,1.0e-7,-0.0,2.50,1E+400,-123456789012345678901234567890.000]"#
        #expect(line(try JSONParser.parse(text)) == text)
    }

    @Test("numbers compare by exact decimal value: 1 == 1.0 == 10e-1, but 2^53 + 1 != 2^53 + 2")
    func numberEquality() throws {
        let n = { (s: String) in try #require(JSONNumber(literal: s)) }
        #expect(try n("1") == n("1.0"))
        #expect(try n("1") == n("10e-1"))
        #expect(try n("0") == n("-0.0"))
        #expect(try n("12345678901234567") != n("12345678901234568"))
        #expect(try n("1.0e-7") == n("1e-07"))
        #expect(try n("1.0e-7").hashValue == n("1e-07").hashValue)
        #expect(try n("12345678901234567").int64Value == 12_345_678_901_234_567)
        #expect(try n("1.5e3").int64Value == 1500)
        #expect(try n("1.5").int64Value == nil)
        #expect(try n("99999999999999999999").int64Value == nil)
        #expect(try n("2.5").doubleValue == 2.5)
        #expect(JSONNumber(literal: "01") == nil && JSONNumber(literal: "1.") == nil && JSONNumber(literal: "+1") == nil)
    }

    @Test("JSONL ids that are numbers beyond 2^53 keep every digit (issue 17)")
    func bigIDs() throws {
        let result = try read([#"{"id":12345678901234567,"text":"a"}"#, #"{"id":12345678901234568,"text":"b"}"#, #"{"id":1.5e3,"text":"c"}"#])
        #expect(result.documents.map(\.id) == ["12345678901234567", "12345678901234568", "1500"])
    }

    // MARK: JSONL input

    @Test("every field no mapping consumes is kept in meta, in input order, nested values verbatim")
    func unconsumedFieldsKept() throws {
        let result = try read([#"{"id":"a","category":"x","text":"Body.","score":0.10,"tags":["p",{"q":null}],"url":"https://e.com/a","links":["https://l"]}"#])
        let document = try #require(result.documents.first)
        #expect(document.url == "https://e.com/a")
        #expect(document.links == ["https://l"])
        #expect(document.meta.keys == ["category", "score", "tags"])
        #expect(line(document.meta.jsonValue) == #"{"category":"x","score":0.10,"tags":["p",{"q":null}]}"#)
    }

    @Test("an input meta object merges into meta at its place; a meta that is not an object is kept under its name")
    func metaField() throws {
        let result = try read([
            #"{"id":"a","text":"t","before":1,"meta":{"source_url":"https://s","lang":"en"},"after":2}"#,
            #"{"id":"b","text":"t","meta":"not an object"}"#,
            #"{"id":"c","text":"t","meta":[1,2]}"#,
        ])
        #expect(result.documents.count == 3)
        #expect(line(result.documents[0].meta.jsonValue) == #"{"before":1,"source_url":"https://s","lang":"en","after":2}"#)
        #expect(result.documents[1].meta == ["meta": .string("not an object")])
        #expect(result.documents[2].meta == ["meta": .array([1, 2].map { .number(JSONNumber($0)) })])
        #expect(result.stats.duplicateKeys == 0)
    }

    @Test("duplicate keys in a line: the last value wins at the first place, each counted; so does a key both at the top and in meta")
    func duplicateKeys() throws {
        let result = try read([
            #"{"id":"a","text":"first","k":1,"text":"second","k":2,"n":{"x":1,"x":2}}"#,
            #"{"id":"b","text":"t","lang":"de","meta":{"lang":"fr"}}"#,
        ])
        #expect(result.documents[0].text == "second")
        #expect(line(result.documents[0].meta.jsonValue) == #"{"k":2,"n":{"x":2}}"#)
        #expect(result.documents[1].meta == ["lang": .string("fr")])
        #expect(result.stats.duplicateKeys == 4)
    }

    @Test("a dotted mapping reads a nested value and takes it out of meta: nothing duplicated, nothing lost")
    func dottedMapping() throws {
        var fields = JSONLFieldMap()
        fields.url = "meta.source_url"
        fields.title = "head.text"
        let result = try read([#"{"id":"a","text":"t","head":{"text":"Title","size":3},"meta":{"source_url":"https://s","lang":"en"}}"#], fields: fields)
        let document = try #require(result.documents.first)
        #expect(document.url == "https://s")
        #expect(document.title == "Title")
        #expect(line(document.meta.jsonValue) == #"{"head":{"size":3},"lang":"en"}"#)
        #expect(result.stats.fieldMisses.isEmpty && result.stats.warnings.isEmpty)
    }

    @Test("a remapped path that a record lacks, or that goes through a non-object, is counted per field and logged once with its reason")
    func missingMappedPath() throws {
        var fields = JSONLFieldMap()
        fields.url = "meta.url"
        fields.author = "byline"
        let result = try read([
            #"{"id":"a","text":"t","meta":{"source_url":"https://s"}}"#,
            #"{"id":"b","text":"t","meta":"flat"}"#,
            #"{"id":"c","text":"t","meta":{"url":"https://c"},"byline":"Ann"}"#,
        ], fields: fields)
        #expect(result.documents.map(\.url) == [nil, nil, "https://c"])
        #expect(result.documents.map(\.author) == [nil, nil, "Ann"])
        #expect(result.documents[1].meta == ["meta": .string("flat")])
        #expect(result.stats.fieldMisses == ["url": 2, "author": 2])
        #expect(result.stats.warnings.count == 2)
        #expect(result.stats.warnings.contains { $0.hasPrefix("input.fields.url:") && $0.contains(":1:") && $0.contains("no record field 'meta.url'") })
        #expect(result.stats.warnings.contains { $0.hasPrefix("input.fields.author:") && $0.contains("no record field 'byline'") })

        let through = try read([#"{"id":"b","text":"t","meta":"flat"}"#], fields: fields)
        #expect(through.stats.warnings.first?.contains("'meta' is a string, not an object") == true)
    }

    // MARK: the typed API

    @Test("Swift stages read, set and remove user fields by key or dotted path")
    func typedAPI() throws {
        var document = Document(id: "a", source: SourceLocation(path: "x"), text: "t")
        try document.setField("crawl.status", .number(200))
        try document.setField("label", .string("sport"))
        try document.setField("crawl.fetched.at", .string("2019-11-18"))
        #expect(document.field("crawl.status") == .number(200))
        #expect(document.field("crawl.fetched.at") == .string("2019-11-18"))
        #expect(document.field("crawl.nothing") == nil)
        #expect(document.meta.keys == ["crawl", "label"])
        #expect(throws: JSONObject.PathError.self) { try document.setField("label.inner", .null) }
        #expect(document.field("label") == .string("sport"))
        #expect(document.removeField("crawl.status") == .number(200))
        #expect(line(document.meta.jsonValue) == #"{"crawl":{"fetched":{"at":"2019-11-18"}},"label":"sport"}"#)
        document.meta["a.b"] = .bool(true)  // a key with a dot is a key
        #expect(document.field("a.b") == .bool(true))
        #expect(document.removeField("a.b") == .bool(true))
        #expect(document.meta["a.b"] == nil)
    }

    // MARK: the output record

    func sample() -> Document {
        var document = Document(id: "a", source: SourceLocation(path: "in.jsonl", line: 1), title: "T", text: "Body.")
        document.meta = ["category": .string("x"), "title": .string("user's own title"), "n": .number(JSONNumber(literal: "1.0e-7")!)]
        return document
    }

    @Test("meta is written after the record's fields; absent when empty")
    func writesMeta() throws {
        let nested = String(decoding: DocumentRecord.line(sample()), as: UTF8.self)
        #expect(nested.hasSuffix(#""duplicate":null,"meta":{"category":"x","title":"user's own title","n":1.0e-7}}"# + "\n"))
        var empty = sample()
        empty.meta = [:]
        #expect(!String(decoding: DocumentRecord.line(empty), as: UTF8.self).contains("\"meta\""))
    }

    @Test("meta at the top level: a field named like a record field stays under meta, and reading back gives the same fields")
    func topLevel() throws {
        let text = String(decoding: DocumentRecord.line(sample(), meta: .top), as: UTF8.self)
        #expect(text.hasSuffix(#""duplicate":null,"category":"x","n":1.0e-7,"meta":{"title":"user's own title"}}"# + "\n"))
        let record = try JSONParser.parse(text)
        #expect(record["title"] == .string("T"))
        let back = try DocumentRecord.read(record, source: SourceLocation(path: "x"))
        #expect(back.title == "T")
        #expect(Set(back.meta.keys) == ["category", "title", "n"])
        for key in back.meta.keys { #expect(back.meta[key] == sample().meta[key]) }
        let nested = try DocumentRecord.read(try JSONParser.parse(String(decoding: DocumentRecord.line(sample()), as: UTF8.self)), source: SourceLocation(path: "x"))
        #expect(nested == sample())
    }

    @Test("an exec answer adds, changes and removes user fields: unknown top-level keys join meta, a missing one is removed")
    func execAnswer() throws {
        let answer = #"{"id":"a","text":"Body.","title":"T","meta":{"category":"y"},"word_count":2,"score":{"v":12345678901234567}}"#
        let document = try DocumentRecord.read(try JSONParser.parse(answer), source: SourceLocation(path: "x"))
        #expect(line(document.meta.jsonValue) == #"{"category":"y","word_count":2,"score":{"v":12345678901234567}}"#)
        #expect(document.field("title") == nil && document.field("n") == nil)
    }

    // MARK: WARC

    @Test("a WARC response keeps the headers users filter on under meta.warc")
    func warcHeaders() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var record = WARCFixture.record(id: "urn:uuid:1", uri: "https://example.com/a", block: WARCFixture.http(WARCFixture.page))
        let extra = Array("WARC-IP-Address: 192.0.2.7\r\nWARC-Payload-Digest: sha1:ABCDEF\r\n".utf8)
        record.insert(contentsOf: extra, at: Array("WARC/1.0\r\n".utf8).count)
        write(bytes: record, to: dir + "/c.warc")
        var reader = InputReader(plan: try InputPlan.expand([dir + "/c.warc"], format: .auto), options: InputOptions())
        let item = try #require(try reader.next())
        let document = try #require({ if case .document(let d) = item { d } else { nil } }(), "the response record is a document")
        #expect(line(try #require(document.field("warc"))) == #"{"target_uri":"https://example.com/a","date":"2019-11-18T09:30:00Z","record_id":"<urn:uuid:1>","payload_digest":"sha1:ABCDEF","ip_address":"192.0.2.7","http_status":200,"content_type":"text/html; charset=UTF-8"}"#)
        #expect(document.field("warc.http_status")?.intValue == 200)
    }
}
