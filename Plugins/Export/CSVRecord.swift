import CopydeskCore

/// One document as an RFC 4180 CSV row: fields quoted when needed, quotes doubled, CRLF line ends.
/// The users' own fields come last: the whole of them as a JSON object in `meta` (empty when there are
/// none), then one column `meta.<path>` per path asked for (strings as they are, other values as JSON,
/// empty when the document lacks the path).
enum CSVRecord {
    static let columns = [
        "id", "source_path", "source_line", "url", "title", "published", "author", "site", "language", "text",
        "links", "entity_count", "entities", "duplicate_cluster", "duplicate_canonical", "duplicate_relation", "duplicate_similarity",
        "duplicate_containment", "source_record", "source_offset", "meta",
    ]

    static func header(metaColumns: [String] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        append(columns + metaColumns.map { "meta." + $0 }, to: &bytes)
        return bytes
    }

    /// A user field as a cell: a string as it is, anything else as compact JSON (numbers as written).
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil: return ""
        case .string(let s)?: return s
        case let other?:
            var writer = JSONWriter(reservingCapacity: 64)
            writer.value(nil, other)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
    }

    static func row(_ document: Document, metaColumns: [String] = []) -> [UInt8] {
        let entities = document.entities ?? []
        var fields: [String] = [
            document.id, document.source.path, document.source.line.map(String.init) ?? "", document.url ?? "",
            document.title ?? "", document.published ?? "", document.author ?? "", document.site ?? "", document.language ?? "",
            document.text, document.links.joined(separator: " "), document.entities == nil ? "" : String(entities.count),
            entities.map { "\($0.type.rawValue):\($0.name)" }.joined(separator: "; "),
            document.duplicate?.cluster ?? "", document.duplicate?.canonical ?? "", document.duplicate?.relation?.rawValue ?? "",
            document.duplicate.map { String($0.similarity) } ?? "",
            document.duplicate?.containment.map { String($0) } ?? "", document.source.record.map(String.init) ?? "",
            document.source.offset.map { String($0) } ?? "",
        ]
        fields.append(document.meta.isEmpty ? "" : cell(document.meta.jsonValue))
        for path in metaColumns { fields.append(cell(document.field(path))) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(document.text.utf8.count + 256)
        append(fields, to: &bytes)
        return bytes
    }

    private static func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let needsQuotes = field.utf8.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }
            if !needsQuotes {
                bytes.append(contentsOf: field.utf8)
                continue
            }
            bytes.append(0x22)
            for byte in field.utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
