/// The option tables of the docs' pages, generated from the options' one declaration (a stage's
/// ``DeclaredOptions`` schema, the pipeline file's `input:` and `run:` sections) between two marker lines:
///
/// ```markdown
/// <!-- options:begin dedupe -->
/// | option | type | default | meaning |
/// …
/// <!-- options:end -->
/// ```
///
/// Everything between the markers is replaced by ``regenerate(_:tables:)``; the rest of the page is
/// written by hand. A test compares every page with its declarations, so a table never goes stale.
public enum OptionTableDocs {
    /// The command that rewrites the tables of every page under `docs/`.
    public static let regenerateCommand = "swift run copydesk-bench option-tables --write docs"

    /// The line that opens the table of `id` (a stage id, `input` or `run`).
    public static func beginMarker(_ id: String) -> String { "<!-- options:begin \(id) -->" }
    /// The line that closes a table.
    public static let endMarker = "<!-- options:end -->"
    static let beginPrefix = "<!-- options:begin "

    /// A page whose markers do not pair up, or name no known table.
    public struct PageError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The 1-based line of the marker at fault.
        public var line: Int
        public var message: String

        public var description: String { "line \(line): \(message)" }
    }

    /// The tables a registry's docs can hold: every stage's options by id, and the pipeline file's
    /// `input` and `run` sections.
    public static func tables(for registry: StageRegistry) -> [String: [OptionSpec]] {
        var tables = ["input": InputOptions.schema.specs, "run": RunOptions.schema.specs]
        for descriptor in registry.descriptors { tables[descriptor.id] = descriptor.options }
        return tables
    }

    /// The ids of the tables `page` marks, in page order.
    public static func tableIDs(in page: String) throws(PageError) -> [String] {
        try markedTables(in: page.split(separator: "\n", omittingEmptySubsequences: false)).map(\.id)
    }

    /// `page` with the text between each pair of markers replaced by the table its begin marker names;
    /// the page is unchanged when every table is current. A marker without its partner, a nested begin or
    /// an id `tables` does not hold is an error naming the line.
    public static func regenerate(_ page: String, tables: [String: [OptionSpec]]) throws(PageError) -> String {
        var lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marked = try markedTables(in: lines.map { Substring($0) })
        for table in marked.reversed() {
            guard let options = tables[table.id] else {
                throw PageError(
                    line: table.begin + 1,
                    message: "no options named '\(table.id)'; known: \(tables.keys.sorted().joined(separator: ", "))")
            }
            let generated = markdown(options).split(separator: "\n").map(String.init)
            lines.replaceSubrange((table.begin + 1)..<table.end, with: generated)
        }
        return lines.joined(separator: "\n")
    }

    /// A Markdown table of `options`: name, type, default and meaning, one row per option; the fields of
    /// a mapping follow it as `name.field` (`name[].field` for a list of mappings).
    public static func markdown(_ options: [OptionSpec]) -> String {
        guard !options.isEmpty else { return "This stage has no options.\n" }
        var rows = ["| option | type | default | meaning |", "|---|---|---|---|"]
        appendRows(options, prefix: "", recordPath: nil, to: &rows)
        return rows.joined(separator: "\n") + "\n"
    }

    private static func appendRows(_ options: [OptionSpec], prefix: String, recordPath: String?, to rows: inout [String]) {
        for spec in options {
            let name = prefix + spec.name
            let presence = spec.required ? "required" : spec.defaultValue.map { code("\($0)") } ?? "—"
            var meaning = cell(spec.summary)
            let nested: (fields: [OptionSpec], path: String)?
            let type: String
            switch spec.kind {
            case .record(let fields):
                type = "mapping"
                nested = (fields, name + ".")
            case .list(.record(let fields)):
                type = "[mapping]"
                nested = (fields, name + "[].")
            case .recursive, .list(.recursive):
                let isList = if case .list = spec.kind { true } else { false }
                type = isList ? "[mapping]" : "mapping"
                if let recordPath { meaning += " Its mappings take the fields of `\(recordPath)`." }
                nested = nil
            default:
                type = code("\(spec.kind)")
                nested = nil
            }
            rows.append("| \(code(name)) | \(type) | \(presence) | \(meaning) |")
            if let nested {
                appendRows(nested.fields, prefix: nested.path, recordPath: String(nested.path.dropLast()), to: &rows)
            }
        }
    }

    /// `text` as a code span in a table cell (GitHub Markdown reads `\|` inside one as `|`).
    private static func code(_ text: String) -> String {
        "`" + text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") + "`"
    }

    /// `text` as a table cell: `|` escaped, `<` kept from reading as HTML, and `&` kept from opening an
    /// entity (`&amp;amp;` shows as written) — outside backtick spans, which Markdown shows as written.
    private static func cell(_ text: String) -> String {
        var out = ""
        var inCode = false
        var rest = Substring(text)
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case "`":
                inCode.toggle()
                out.append(character)
            case "|": out += "\\|"
            case "<" where !inCode: out += "&lt;"
            case "&" where !inCode && opensEntity(rest): out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Whether the text after an `&` reads as an entity's name and semicolon (`amp;`, `#8217;`).
    private static func opensEntity(_ after: Substring) -> Bool {
        let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
        return !name.isEmpty && after.dropFirst(name.count).first == ";"
    }

    /// The marker pairs of `lines`: the id, the begin line's index and the end line's index.
    private static func markedTables(in lines: [Substring]) throws(PageError) -> [(id: String, begin: Int, end: Int)] {
        var tables: [(id: String, begin: Int, end: Int)] = []
        var open: (id: String, begin: Int)?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingSpaces
            if line.hasPrefix(beginPrefix) {
                if let open { throw PageError(line: index + 1, message: "a table begins inside '\(open.id)' (line \(open.begin + 1)), not yet ended") }
                guard line.hasSuffix(" -->") else { throw PageError(line: index + 1, message: "write the marker as \(beginMarker("ID"))") }
                let id = line.dropFirst(beginPrefix.count).dropLast(4).trimmingSpaces
                guard !id.isEmpty, !id.contains(" ") else { throw PageError(line: index + 1, message: "write the marker as \(beginMarker("ID"))") }
                open = (String(id), index)
            } else if line == endMarker {
                guard let begun = open else { throw PageError(line: index + 1, message: "\(endMarker) without a table begun before it") }
                tables.append((begun.id, begun.begin, index))
                open = nil
            }
        }
        if let open { throw PageError(line: open.begin + 1, message: "the table '\(open.id)' has no \(endMarker)") }
        return tables
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: Substring {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        return self[first...last]
    }
}
