import CopydeskCore
import Foundation

extension ClusterListing {
    /// The clusters as a table for people: size, relation mix, canonical id, published, site and title,
    /// with `members` each member under its cluster (id, relation, similarity, published, site, title).
    /// Control characters in fields (a newline in a title) are shown as spaces.
    public func text(members showMembers: Bool) -> String {
        var rows: [[String]] = [["size", "relations", "canonical", "published", "site", "title"]]
        var memberRows: [Int: [[String]]] = [:]
        for cluster in clusters {
            let relations = cluster.relations.map { "\($0.count) \($0.relation)" }.joined(separator: ", ")
            var canonical = cluster.canonical
            if cluster.canonicalSource != "output" { canonical += cluster.canonicalSource == "index" ? " (earlier run)" : " (earlier run, not named: give --index)" }
            rows.append([
                String(cluster.size) + (cluster.indexed.map { $0 > cluster.size ? " (\($0) indexed)" : "" } ?? ""),
                relations.isEmpty ? "-" : relations, canonical, cluster.published ?? "-", cluster.site ?? "-", Self.clean(cluster.title ?? "-"),
            ])
            if showMembers {
                memberRows[rows.count - 1] = cluster.members.map { member in
                    let relation = member.relation ?? (member.id == cluster.canonical ? "canonical" : "-")
                    let similarity = member.similarity.map { String(format: "%.2f", $0) } ?? "-"
                    return ["", "  \(relation) \(similarity)", "  " + member.id, member.published ?? "-", member.site ?? "-", Self.clean(member.title ?? "-")]
                }
            }
        }
        let all = rows + memberRows.values.flatMap { $0 }
        let widths = (0..<5).map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            (0..<5).map { row[$0] + String(repeating: " ", count: widths[$0] - row[$0].count) }.joined(separator: "  ") + "  " + row[5]
        }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            lines.append(line(row))
            for member in memberRows[index] ?? [] { lines.append(line(member)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The clusters as JSON Lines, one object per cluster: `cluster`, `size`, `relations` (counts by
    /// relation), `canonical` (`id`, `title`, `published`, `site`, `source`: output, index or unknown),
    /// `indexed` (with an index) and, with `members`, `members` (`id`, `relation`, `similarity`,
    /// `title`, `published`, `site`).
    public func json(members showMembers: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for cluster in clusters {
            var w = JSONWriter()
            w.beginObject()
            w.string("cluster", cluster.id)
            w.int("size", cluster.size)
            w.beginObject("relations")
            for (relation, count) in cluster.relations { w.int(relation, count) }
            w.endObject()
            w.beginObject("canonical")
            w.string("id", cluster.canonical)
            w.string("title", cluster.title)
            w.string("published", cluster.published)
            w.string("site", cluster.site)
            w.string("source", cluster.canonicalSource)
            w.endObject()
            if let indexed = cluster.indexed { w.int("indexed", indexed) }
            if showMembers {
                w.beginArray("members")
                for member in cluster.members {
                    w.beginObject()
                    w.string("id", member.id)
                    w.string("relation", member.relation)
                    w.double("similarity", member.similarity)
                    w.string("title", member.title)
                    w.string("published", member.published)
                    w.string("site", member.site)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
            bytes.append(contentsOf: w.bytes)
            bytes.append(0x0A)
        }
        return bytes
    }

    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
