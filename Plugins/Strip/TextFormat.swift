import Foundation

/// How strip writes the article into `text`.
public enum TextFormat: String, Sendable, CaseIterable {
    /// Paragraphs of plain text separated by blank lines; a table row is its cells joined by " | ".
    case plain
    /// Markdown: `#` headings, `-`/`1.` list items, pipe tables, `[text](href)` links; blocks separated by
    /// blank lines, the items of one list and the rows of one table on consecutive lines.
    case markdown
}

/// One block of article text as the page structures it, before it is written in a ``TextFormat``.
struct ArticleBlock: Equatable {
    enum Kind: Equatable {
        case paragraph
        /// `<h2>`…`<h6>` (level 2…6).
        case heading(level: Int)
        /// A list item; `number` counts from 1 within an ordered list, `depth` from 0 for a top-level list.
        case listItem(ordered: Bool, number: Int, depth: Int)
        /// A table row whose cells hold inline text only; `table` tells rows of different tables apart.
        case tableRow(cells: [String], header: Bool, table: Int)
    }

    var text: String
    var kind: Kind

    /// The blocks as the paragraphs strip outputs (each element becomes one paragraph of `text`).
    static func render(_ blocks: [ArticleBlock], as format: TextFormat) -> [String] {
        switch format {
        case .plain:
            return blocks.map { block in
                if case .tableRow(let cells, _, _) = block.kind { return cells.filter { !$0.isEmpty }.joined(separator: " | ") }
                return block.text
            }
        case .markdown:
            return markdown(blocks)
        }
    }

    private static func markdown(_ blocks: [ArticleBlock]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            switch block.kind {
            case .paragraph:
                out.append(block.text)
                index += 1
            case .heading(let level):
                out.append(String(repeating: "#", count: min(max(level, 1), 6)) + " " + block.text)
                index += 1
            case .listItem:
                var lines: [String] = []
                while index < blocks.count, case .listItem(let ordered, let number, let depth) = blocks[index].kind,
                      lines.isEmpty || depth > 0 || number != 1 {
                    let marker = ordered ? "\(number)." : "-"
                    lines.append(String(repeating: "  ", count: depth) + marker + " " + blocks[index].text)
                    index += 1
                }
                out.append(lines.joined(separator: "\n"))
            case .tableRow(_, _, let table):
                var rows: [[String]] = []
                var headerFirst = false
                while index < blocks.count, case .tableRow(let cells, let header, let id) = blocks[index].kind, id == table {
                    if rows.isEmpty { headerFirst = header }
                    rows.append(cells)
                    index += 1
                }
                out.append(pipeTable(rows, headerFirst: headerFirst))
            }
        }
        return out
    }

    /// A pipe table; Markdown needs a header row, so a table without one gets an empty header.
    private static func pipeTable(_ rows: [[String]], headerFirst: Bool) -> String {
        let columns = max(1, rows.map(\.count).max() ?? 1)
        func line(_ cells: [String]) -> String {
            let padded = cells.map { $0.replacingOccurrences(of: "|", with: "\\|") } + Array(repeating: "", count: columns - cells.count)
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let separator = "|" + String(repeating: " --- |", count: columns)
        var lines: [String] = []
        var body = rows[...]
        if headerFirst, let first = body.popFirst() {
            lines.append(line(first))
        } else {
            lines.append(line([]))
        }
        lines.append(separator)
        lines.append(contentsOf: body.map(line))
        return lines.joined(separator: "\n")
    }
}
