/// Turns one JSONL line into a document, or a rejection saying why not: strict JSON, one object per line,
/// the document fields found through `input.fields`, every other field kept verbatim as the user's own.
/// Needs nothing but the options, so the runner's worker threads decode lines while the reader reads on.
struct JSONLRecordDecoder: Sendable {
    let options: InputOptions

    /// The document or rejection for the line `bytes` (without its newline) at `path`:`line`; repaired
    /// UTF-8, duplicate keys and missed fields are added to `counts`.
    func decode(_ bytes: [UInt8], path: String, line: Int, counts: inout RecordCounts) -> InputItem {
        let source = SourceLocation(path: path, line: line)
        func reject(_ reason: String, id: String? = nil) -> InputItem {
            .rejected(Rejection(source: source, id: id, stage: "input", reason: reason))
        }
        let check = bytes.withUnsafeBufferPointer { TextDecoding.validateUTF8($0) }
        if check.errors > 0 {
            if options.invalidUTF8 == .reject {
                return reject("invalid UTF-8 at byte offset \(check.firstError) of the line; set input.invalid_utf8: repair to replace it with U+FFFD")
            }
            counts.noteRepairs(check.errors)
        }
        let value: JSONValue
        var duplicates = 0
        do {
            if check.errors > 0 {
                let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
                value = try InputReader.withBuffer(repaired) { buffer throws(JSONParseError) in try JSONParser.parse(buffer, duplicateKeys: &duplicates) }
            } else {
                value = try InputReader.withBuffer(bytes) { buffer throws(JSONParseError) in try JSONParser.parse(buffer, duplicateKeys: &duplicates) }
            }
            counts.duplicateKeys += duplicates
        } catch {
            return reject("not valid JSON: \(error.description)")
        }
        guard case .object(let members) = value else { return reject("expected a JSON object per line, got \(value.kindName)") }
        let record = JSONObject(members)
        let fields = options.fields
        var consumed: [String] = []
        /// The value at a mapped path; a miss of a remapped field is counted and, the first time, logged.
        func take(_ name: String, _ path: String) -> JSONValue? {
            let found = record.lookup(path)
            if case .found(let value) = found {
                consumed.append(path)
                return value
            }
            guard fields.isRemapped(name) else { return nil }
            counts.noteMiss(name) {
                var reason = "no record field '\(path)'"
                if case .throughNonObject(let prefix, let kind) = found { reason = "'\(prefix)' is \(kind), not an object" }
                return "input.fields.\(name): \(source): \(reason); '\(name)' is left empty where the path is missing (counted in the report as input.field_misses)"
            }
            return nil
        }
        var id: String
        switch take("id", fields.id) {
        case .string(let s)? where !s.isEmpty: id = s
        case .number(let n)? where n.isPlainInteger: id = n.literal  // every digit as written
        case .number(let n)? where n.int64Value != nil: id = n.int64Value.map { String($0) } ?? n.literal  // 1.5e3 is 1500
        case nil, .null?, .string?: id = StableID.make(path: path, position: line)  // absent or empty
        case let other?: return reject("field '\(fields.id)' must be a string or integer id, not \(other.kindName)")
        }
        if id.isEmpty { id = StableID.make(path: path, position: line) }
        func string(_ name: String, _ key: String) -> Result<String?, DocumentRejection> {
            switch take(name, key) {
            case nil, .null?: return .success(nil)
            case .string(let s)?: return .success(s)
            case let other?: return .failure(DocumentRejection("field '\(key)' must be a string, not \(other.kindName)"))
            }
        }
        do throws(DocumentRejection) {
            let text = try string("text", fields.text).get()
            let html = try string("html", fields.html).get()
            guard text != nil || html != nil else {
                return reject("record has no text: no string field '\(fields.text)'"
                    + (fields.html != fields.text ? " or '\(fields.html)'" : "")
                    + "; set input.fields.text to the field that holds the text", id: id)
            }
            var document = Document(
                id: id, source: source, url: try string("url", fields.url).get(), title: try string("title", fields.title).get(),
                published: try string("published", fields.published).get(), author: try string("author", fields.author).get(),
                site: try string("site", fields.site).get(), language: try string("language", fields.language).get(),
                text: text ?? "", html: html)
            if document.title == nil, let html { document.title = HTMLSniffing.title(in: html) }
            if case .array(let links)? = record["links"], links.allSatisfy({ $0.stringValue != nil }) {
                document.links = links.compactMap(\.stringValue)
                consumed.append("links")
            }
            var rest = record
            for path in consumed { rest.removeValue(atPath: path) }
            let kept = DocumentRecord.userFields(of: rest.members, skipping: [])
            document.meta = kept.fields
            counts.duplicateKeys += kept.collisions
            return .document(document)
        } catch {
            return reject(error.reason, id: id)
        }
    }
}
