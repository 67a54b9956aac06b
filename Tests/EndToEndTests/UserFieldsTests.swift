import CSQLite
import CopydeskCore
import Foundation
import Testing

/// Users' own fields travel end to end (issue 11, point 2; issue 17, numbers beyond 2^53): every JSON
/// type, numbers as written, through `pipelines/news.yaml` and through an `exec` program to JSONL,
/// SQLite and CSV.
@Suite("users' own fields end to end")
struct UserFieldsTests {
    /// Ten and more extra fields of every JSON type, written as a user would (`2.50`, `1.0e-7`, `-0.0`).
    static let extras = #""category":"wire/économie","big":12345678901234567,"tiny":1.0e-7,"negative_zero":-0.0,"#
        + #""flag":true,"off":false,"nothing":null,"empty_object":{},"empty_array":[],"#
        + #""nested":{"a":{"b":[1,2.50,{"c":"d"}]},"huge":123456789012345678901234567890,"e":-1E+40},"#
        + #""ключ ✓":"值","list":["x",1,null,true,{"k":[]}],"quote\"d":"line\nbreak""#

    static let keys = [
        "category", "big", "tiny", "negative_zero", "flag", "off", "nothing", "empty_object", "empty_array", "nested",
        "ключ ✓", "list", "quote\"d",
    ]

    /// Two records whose numeric ids differ only beyond 2^53, each with every extra field.
    static func input() -> String {
        """
        {"id":12345678901234567,"text":"The central bank raised its main rate by a quarter point on Tuesday, citing stubborn inflation in services.",\(extras)}
        {"id":12345678901234568,"text":"A storm closed the northern ports for a second day and ferries to the islands were cancelled until Friday.",\(extras)}

        """
    }

    /// The extra fields as the object they make, parsed from the same text.
    static func expectedMeta() throws -> JSONValue { try JSONParser.parse("{" + extras + "}") }

    func write(_ text: String, to path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    func records(_ path: String) throws -> [JSONValue] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test("through pipelines/news.yaml every extra field comes out under meta verbatim, ids keep every digit")
    func throughNewsPipeline() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.input(), to: dir + "/in.jsonl")
        let result = try CLI.run(["run", "pipelines/news.yaml", "--input", dir + "/in.jsonl", "--output", dir + "/out.jsonl", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let output = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8)
        let lines = output.split(separator: "\n")
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix(#"{"id":"12345678901234567","#))
        #expect(lines[1].hasPrefix(#"{"id":"12345678901234568","#))
        for line in lines {
            // Byte for byte: the meta object is the input's extra fields as written.
            #expect(line.hasSuffix(#","meta":{"# + Self.extras + "}}"), "\(line)")
            let record = try JSONParser.parse(String(line))
            #expect(record["meta"] == (try Self.expectedMeta()))
            #expect(record["meta"]?["big"] == .number(JSONNumber(literal: "12345678901234567")!))
            #expect(record["meta"]?["big"] != .number(JSONNumber(literal: "12345678901234568")!))
        }
    }

    @Test("an exec program that sets rec['word_count'] keeps it; JSONL (nested and top level), SQLite and CSV carry every value")
    func throughExecToEveryFormat() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Self.input(), to: dir + "/in.jsonl")
        // A user's program: parse the record, add a field at the top level, write it back.
        try write("""
            import json, sys
            for line in sys.stdin:
                rec = json.loads(line)
                rec["word_count"] = len(rec["text"].split())
                print(json.dumps(rec, ensure_ascii=False), flush=True)

            """, to: dir + "/count.py")
        let columns = Self.keys.map { "'" + $0 + "'" }.joined(separator: ", ")
        try write("""
            input:
              paths: [\(dir)/in.jsonl]
            stages:
              - use: strip
              - use: normalise
              - use: exec
                command: [python3, \(dir)/count.py]
              - use: export
                path: \(dir)/top.jsonl
                meta: top
              - use: export
                path: \(dir)/out.sqlite
                format: sqlite
              - use: export
                path: \(dir)/out.csv
                format: csv
                csv_meta_columns: [\(columns), word_count, nested.a.b]
              - use: export
                path: \(dir)/out.jsonl

            """, to: dir + "/p.yaml")
        let result = try CLI.run(["run", dir + "/p.yaml", "--quiet"])
        try #require(result.status == 0, "stderr: \(result.stderr)")
        var expected = try #require(try Self.expectedMeta().objectValue)
        let ids = ["12345678901234567", "12345678901234568"]

        // JSONL, nested.
        let nested = try records(dir + "/out.jsonl")
        try #require(nested.count == 2)
        for (record, id) in zip(nested, ids) {
            expected["word_count"] = .number(JSONNumber(Self.words(record)))
            #expect(record["id"] == .string(id))
            #expect(record["meta"] == expected.jsonValue)
        }

        // JSONL, at the top level: read back, the same fields.
        let top = try records(dir + "/top.jsonl")
        try #require(top.count == 2)
        for record in top {
            expected["word_count"] = .number(JSONNumber(Self.words(record)))
            #expect(record["meta"] == nil)
            for key in Self.keys { #expect(record[key] == expected[key], "\(key)") }
            let document = try DocumentRecord.read(record, source: SourceLocation(path: "top.jsonl"))
            #expect(document.meta == expected)
        }

        // SQLite: the meta column, and json_extract on it.
        var db: OpaquePointer?
        try #require(sqlite3_open_v2(dir + "/out.sqlite", &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close(db) }
        let rows = Self.rows(db, "SELECT id, meta, json_extract(meta, '$.big'), json_extract(meta, '$.nested.a.b[2].c'), json_extract(meta, '$.category') FROM documents ORDER BY seq")
        try #require(rows.count == 2)
        for (row, (record, id)) in zip(rows, zip(nested, ids)) {
            expected["word_count"] = .number(JSONNumber(Self.words(record)))
            #expect(row[0] == id)
            #expect(try JSONParser.parse(try #require(row[1])) == expected.jsonValue)
            #expect(row[2] == "12345678901234567")
            #expect(row[3] == "d")
            #expect(row[4] == "wire/économie")
        }

        // CSV: the whole meta in `meta`, and one column per path asked for.
        let table = Self.parseCSV(try String(contentsOfFile: dir + "/out.csv", encoding: .utf8))
        try #require(table.count == 3)
        let header = table[0]
        for (row, record) in zip(table.dropFirst(), nested) {
            expected["word_count"] = .number(JSONNumber(Self.words(record)))
            func cell(_ name: String) throws -> String { row[try #require(header.firstIndex(of: name), "column \(name)")] }
            #expect(try JSONParser.parse(try cell("meta")) == expected.jsonValue)
            for key in Self.keys + ["word_count"] {
                let value = try #require(expected[key])
                let text = try cell("meta." + key)
                if case .string(let s) = value { #expect(text == s, "\(key)") } else { #expect(try JSONParser.parse(text) == value, "\(key)") }
            }
            #expect(try JSONParser.parse(try cell("meta.nested.a.b")) == (try JSONParser.parse(#"[1,2.5,{"c":"d"}]"#)))
        }
    }

    @Test("bad input from the command line: a meta that is not an object is kept, a remapped path that records lack is warned about once and counted, duplicate keys are counted")
    func badInput() throws {
        let dir = CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("""
            {"id":"a","text":"First story text.","meta":"not an object","k":1,"k":2}
            {"id":"b","text":"Second story text.","meta":{"source_url":"https://example.com/b"}}
            {"id":"c","text":"Third story text.","meta":{"other":true}}

            """, to: dir + "/in.jsonl")
        try write("""
            input:
              paths: [\(dir)/in.jsonl]
              fields:
                url: meta.source_url
            stages:
              - use: normalise
              - use: export
                path: \(dir)/out.jsonl

            """, to: dir + "/p.yaml")
        let result = try CLI.run(["run", dir + "/p.yaml"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("input.fields.url") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(warnings.first?.contains("in.jsonl:1") == true && warnings.first?.contains("'meta' is a string, not an object") == true)
        #expect(result.stderr.contains("input.fields paths missing from records: url 2"))
        let output = try records(dir + "/out.jsonl")
        #expect(output.map { $0["url"] } == [.null, .string("https://example.com/b"), .null])
        #expect(output[0]["meta"] == (try JSONParser.parse(#"{"meta":"not an object","k":2}"#)))
        #expect(output[1]["meta"] == nil)
        #expect(output[2]["meta"] == (try JSONParser.parse(#"{"other":true}"#)))
        let report = try JSONParser.parse(String(contentsOfFile: dir + "/out.report.json", encoding: .utf8))
        #expect(report["input"]?["field_misses"]?["url"] == .number(2))
        #expect(report["input"]?["duplicate_keys"] == .number(1))
        #expect(report["documents"]?["out"] == .number(3))
    }

    static func words(_ record: JSONValue) -> Int {
        (record["text"]?.stringValue ?? "").split(whereSeparator: \.isWhitespace).count
    }

    static func rows(_ db: OpaquePointer?, _ sql: String) -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return [[String(cString: sqlite3_errmsg(db))]] }
        defer { sqlite3_finalize(statement) }
        var result: [[String?]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append((0..<sqlite3_column_count(statement)).map { sqlite3_column_text(statement, $0).map { String(cString: $0) } })
        }
        return result
    }

    /// RFC 4180: fields split on commas outside quotes, rows on CRLF outside quotes, `""` is a quote.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == 0x22, i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                if byte == 0x22 { quoted = false } else { field.append(byte) }
            } else if byte == 0x22 {
                quoted = true
            } else if byte == 0x2C {
                row.append(String(decoding: field, as: UTF8.self)); field = []
            } else if byte == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                row.append(String(decoding: field, as: UTF8.self)); field = []
                rows.append(row); row = []
                i += 1
            } else {
                field.append(byte)
            }
            i += 1
        }
        return rows
    }
}
