import CopydeskCore
import Testing

@Suite("JSON reading and writing")
struct JSONTests {
    @Test("parses objects keeping key order, numbers, escapes and surrogate pairs")
    func parses() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": [true, false, null, -2.5e3], "s": "x\"\n\u00e9\ud83d\ude00"}"#)
        guard case .object(let pairs) = value else { Issue.record("not an object"); return }
        #expect(pairs.map(\.key) == ["b", "a", "s"])
        #expect(value["a"] == .array([.bool(true), .bool(false), .null, .number(-2500)]))
        #expect(value["s"] == .string("x\"\né😀"))
    }

    @Test("reports where invalid JSON stops, and refuses trailing data and deep nesting")
    func errors() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"a\": }") }
        do { _ = try JSONParser.parse("{\"a\": }") } catch { #expect(error.column == 7) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{} x") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("\"unterminated") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[01]") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 10_000)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("\"tab\tinside\"") }
    }

    @Test("writes strings with JSON escapes and keeps non-ASCII as UTF-8")
    func writes() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("t", "a\"b\\c\nd\u{1}é")
        writer.double("x", 1.0)
        writer.double("y", 0.25)
        writer.string("n", nil)
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #"{"t":"a\"b\\c\nd\u0001é","x":1.0,"y":0.25,"n":null}"#)
        #expect(try JSONParser.parse(text)["t"] == .string("a\"b\\c\nd\u{1}é"))
    }

    @Test("a document record round-trips through JSON")
    func recordRoundTrip() throws {
        var document = Document(id: "d1", source: SourceLocation(path: "x.jsonl", line: 3), title: "T", text: "Body\n\nMore")
        document.links = ["https://example.com/a"]
        document.entities = [Entity(type: "PERSON", name: "Jackie Walker", mentions: [Mention(text: "Ms Walker", start: 4, end: 13)])]
        document.duplicate = DuplicateInfo(cluster: "d1", canonical: "d1", similarity: 1.0)
        let line = DocumentRecord.line(document)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"id":"d1","source":{"path":"x.jsonl","line":3},"url":null,"title":"T","published":null"#))
        #expect(text.hasSuffix("\n"))
        let back = try DocumentRecord.read(try JSONParser.parse(text), source: SourceLocation(path: "?"))
        #expect(back == document)
    }

    @Test("relations and entity types are written as their strings; a third-party entity type travels unchanged")
    func vocabularies() throws {
        var document = Document(id: "d2", source: SourceLocation(path: "x.jsonl", line: 1), text: "Acme Widget")
        document.entities = [Entity(type: EntityType(rawValue: "PRODUCT"), name: "Acme Widget", mentions: [Mention(text: "Acme Widget", start: 0, end: 11)])]
        document.duplicate = DuplicateInfo(cluster: "d1", canonical: "d1", relation: .syndicated, similarity: 0.4)
        let text = String(decoding: DocumentRecord.line(document), as: UTF8.self)
        #expect(text.contains(#""type":"PRODUCT""#) && text.contains(#""relation":"syndicated""#))
        let back = try DocumentRecord.read(try JSONParser.parse(text), source: SourceLocation(path: "?"))
        #expect(back.entities?.first?.type == EntityType(rawValue: "PRODUCT") && back.duplicate?.relation == .syndicated)
        #expect(EntityType.builtIn.map(\.rawValue) == ["PERSON", "ORG", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "URL", "EMAIL", "HASHTAG", "HANDLE"])
    }

    @Test("a record whose duplicate relation is not exact, near or syndicated is rejected with the valid ones")
    func unknownRelation() throws {
        let record = try JSONParser.parse(#"{"id":"a","text":"x","duplicate":{"cluster":"a","canonical":"b","relation":"twin","similarity":0.5}}"#)
        let error = #expect(throws: DocumentRejection.self) { try DocumentRecord.read(record, source: SourceLocation(path: "?")) }
        #expect(error?.reason == "'duplicate.relation' must be one of exact, near, syndicated, or null; it is 'twin'")
        let null = try JSONParser.parse(#"{"id":"a","text":"x","duplicate":{"cluster":"a","canonical":"a","relation":null,"similarity":1}}"#)
        #expect(try DocumentRecord.read(null, source: SourceLocation(path: "?")).duplicate?.relation == nil)
    }
}
