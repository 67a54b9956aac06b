public import CopydeskCore
import Foundation

/// A run as one self-contained HTML page a person can open in a browser: the accounting and per-stage
/// table of the run report, why documents were dropped or rejected, the duplicate clusters with their
/// canonical member and relations, the most frequent entities of each type, and the first documents.
/// It reads the run report and the files it names (records when they are JSONL, drops, rejects) in one
/// streaming pass each, so memory stays bounded whatever the size of the run.
public struct ReportPage {
    /// Documents listed in the documents table.
    public var documentRows = 200
    /// Clusters listed (largest first); members listed per cluster.
    public var clusterRows = 100, membersPerCluster = 25
    /// Entities listed per type.
    public var entitiesPerType = 15
    /// Drop and reject reasons listed.
    public var reasonRows = 50

    public init() {}

    /// Renders the page for the run report at `reportPath`. Paths inside the report are taken as written
    /// by the run (relative to the directory the run was started from); a named file that is missing is
    /// said so on the page instead of failing.
    public func render(reportPath: String) throws(StageError) -> [UInt8] {
        let report = try Self.readJSON(reportPath)
        guard case .object? = report["documents"], case .array? = report["stages"] else {
            throw StageError(.badData, "\(reportPath) is not a run report (no 'documents' and 'stages'); give the NAME.report.json written by 'copydesk run'")
        }
        let resolve = Self.resolver(directory: report["directory"]?.stringValue)
        var page = HTMLPage(title: "copydesk run: \(report["pipeline"]?.stringValue ?? reportPath)")
        summary(report, reportPath: reportPath, into: &page)
        stages(report, into: &page)
        let outputs = report["outputs"]
        for (key, title) in [("drops", "Dropped documents"), ("rejects", "Rejected records")] {
            outcomes(path: outputs?[key]?.stringValue.map(resolve), key: key == "drops" ? "dropped" : "rejected", title: title, into: &page)
        }
        if let records = outputs?["records"]?.stringValue.map(resolve), records.hasSuffix(".jsonl"), FileManager.default.fileExists(atPath: records) {
            var digest = CorpusDigest(page: self)
            try Self.eachLine(records) { value in digest.add(value) }
            digest.write(into: &page)
        } else {
            page.heading("Documents")
            page.paragraph("The records output (\(outputs?["records"]?.stringValue ?? "none")) is not a JSONL file here, so it is not summarised.")
        }
        return page.finish()
    }

    private func summary(_ report: JSONValue, reportPath: String, into page: inout HTMLPage) {
        let documents = report["documents"]
        let status = report["status"]?.stringValue ?? "unknown"
        page.heading("Run")
        page.table(["", ""], [
            ["pipeline", report["pipeline"]?.stringValue ?? ""],
            ["status", status + (report["error"]?.stringValue.map { ": " + $0 } ?? "")],
            ["documents in", Self.count(documents?["in"])],
            ["out", Self.count(documents?["out"])],
            ["dropped", Self.count(documents?["dropped"])],
            ["rejected", Self.count(documents?["rejected"])],
            ["balanced (in = out + dropped + rejected)", documents?["balanced"] == .bool(true) ? "yes" : "NO"],
            ["input files, bytes", "\(Self.count(report["input"]?["files"])), \(Self.count(report["input"]?["bytes"]))"],
            ["wall, CPU seconds", "\(Self.seconds(report["wall_seconds"])), \(Self.seconds(report["cpu_seconds"]))"],
            ["report", reportPath],
        ], header: false)
        if case .object(let skipped)? = report["input"]?["skipped_records"], !skipped.isEmpty {
            page.paragraph("Input records that are not documents, skipped: "
                + skipped.map { "\($0.key) \(Self.count($0.value))" }.joined(separator: ", "))
        }
    }

    private func stages(_ report: JSONValue, into page: inout HTMLPage) {
        guard case .array(let stages)? = report["stages"] else { return }
        page.heading("Stages")
        var rows: [[String]] = []
        for stage in stages {
            var counters = ""
            if case .object(let pairs)? = stage["counters"] {
                counters = pairs.map { "\($0.key) \(Self.count($0.value))" }.joined(separator: ", ")
            }
            rows.append([stage["id"]?.stringValue ?? "", stage["kind"]?.stringValue ?? "", Self.count(stage["in"]), Self.count(stage["out"]),
                         Self.count(stage["dropped"]), Self.count(stage["rejected"]), Self.seconds(stage["wall_seconds"]),
                         Self.seconds(stage["cpu_seconds"]), counters])
        }
        page.table(["stage", "kind", "in", "out", "dropped", "rejected", "wall s", "CPU s", "counters"], rows)
    }

    /// Drops or rejects grouped by stage and reason, most frequent first.
    private func outcomes(path: String?, key: String, title: String, into page: inout HTMLPage) {
        page.heading(title)
        guard let path else { page.paragraph("Not written to a file in this run (logged on stderr)."); return }
        guard FileManager.default.fileExists(atPath: path) else { page.paragraph("\(path) is not there any more."); return }
        var groups = BoundedCounter(limit: 10_000)
        var examples: [String: String] = [:]
        var total = 0
        do {
            try Self.eachLine(path) { value in
                total += 1
                let stage = value[key]?["stage"]?.stringValue ?? "?"
                let reason = value[key]?["reason"]?.stringValue ?? "?"
                let group = stage + "\u{1F}" + Self.reasonShape(reason)
                groups.add(group)
                if examples[group] == nil, examples.count < 10_000 {
                    let source = value["source"]?["path"]?.stringValue ?? ""
                    let line = value["source"]?["line"].map { ":" + Self.count($0) } ?? ""
                    examples[group] = (value["id"]?.stringValue ?? "") + " (" + source + line + ")"
                }
            }
        } catch {
            page.paragraph("\(path) could not be read: \(error.message)")
            return
        }
        if total == 0 { page.paragraph("None (\(path))."); return }
        page.paragraph("\(total) in \(path).")
        let rows = groups.top(reasonRows).map { entry -> [String] in
            let parts = entry.key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            return [parts[0], parts.count > 1 ? parts[1] : "", String(entry.count), examples[entry.key] ?? ""]
        }
        page.table(["stage", "reason", "documents", "for example"], rows)
    }

    /// Relative paths of the report are relative to the directory the run started in.
    static func resolver(directory: String?) -> (String) -> String {
        { path in
            guard !path.hasPrefix("/"), path != "-", let directory else { return path }
            return (directory as NSString).appendingPathComponent(path)
        }
    }

    /// Digits become `#` so that reasons naming a document or a size group together.
    static func reasonShape(_ reason: String) -> String {
        var shaped = ""
        var lastDigit = false
        for scalar in reason.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if !lastDigit { shaped.append("#") }
                lastDigit = true
            } else {
                shaped.unicodeScalars.append(scalar)
                lastDigit = false
            }
        }
        return shaped
    }

    static func readJSON(_ path: String) throws(StageError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StageError(.io, "cannot read the run report \(path): give the path of a NAME.report.json written by 'copydesk run'")
        }
        do {
            return try JSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw StageError(.badData, "\(path) is not a run report (\(error)); give the NAME.report.json written by 'copydesk run'")
        }
    }

    /// Calls `body` with every line of a JSONL file that parses; other lines are skipped.
    static func eachLine(_ path: String, _ body: (JSONValue) -> Void) throws(StageError) {
        do {
            var lines = LineReader(stream: try AnyByteStream.open(path), maxLineBytes: 1 << 26)
            defer { lines.close() }
            while let line = try lines.next() {
                guard case .line(_, let bytes, _) = line else { continue }
                let value = bytes.withUnsafeBufferPointer { try? JSONParser.parse($0) }
                if let value { body(value) }
            }
        } catch {
            throw StageError(.io, "cannot read \(path): \(error)")
        }
    }

    static func count(_ value: JSONValue?) -> String {
        guard let number = value?.doubleValue else { return "" }
        return String(Int(number))
    }

    static func seconds(_ value: JSONValue?) -> String {
        guard let number = value?.doubleValue else { return "" }
        return String(format: "%.3f", number)
    }
}

/// Counts keys with a bounded number of distinct entries: when full, the least frequent half is
/// forgotten (so very long runs keep the frequent keys, with counts that are lower bounds).
struct BoundedCounter {
    let limit: Int
    private(set) var counts: [String: Int] = [:]
    /// True when some keys were forgotten, so counts may be low.
    private(set) var pruned = false

    init(limit: Int) { self.limit = limit }

    mutating func add(_ key: String, _ amount: Int = 1) {
        counts[key, default: 0] += amount
        if counts.count > limit {
            let keep = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(limit / 2)
            counts = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            pruned = true
        }
    }

    /// The `n` most frequent keys, ties in key order.
    func top(_ n: Int) -> [(key: String, count: Int)] {
        counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(n).map { ($0.key, $0.value) }
    }
}

/// What the page shows of the records: documents, clusters and entities, gathered in one pass.
struct CorpusDigest {
    struct Member { var id, title, relation: String; var similarity, containment: Double? }
    /// A cluster's duplicates (its canonical member is named, not listed); `size` counts the duplicates.
    struct Cluster { var canonical: String; var members: [Member] = []; var size = 0 }
    static let clusterLimit = 200_000

    let page: ReportPage
    var documents = 0
    var rows: [[String]] = []
    var clusters: [String: Cluster] = [:]
    var entityTypes = BoundedCounter(limit: 64)
    var entities: [String: BoundedCounter] = [:]
    var withEntities = 0
    var sawDedupe = false
    /// Duplicates of clusters past `clusterLimit`, counted but not listed.
    var untracked = 0

    init(page: ReportPage) { self.page = page }

    mutating func add(_ record: JSONValue) {
        documents += 1
        let id = record["id"]?.stringValue ?? ""
        let title = record["title"]?.stringValue ?? ""
        var entityCount = ""
        if case .array(let list)? = record["entities"] {
            withEntities += 1
            entityCount = String(list.count)
            for entity in list {
                let type = entity["type"]?.stringValue ?? "?"
                let name = entity["name"]?.stringValue ?? ""
                var mentions = 1
                if case .array(let m)? = entity["mentions"] { mentions = max(1, m.count) }
                entityTypes.add(type, mentions)
                entities[type, default: BoundedCounter(limit: 50_000)].add(name, mentions)
            }
        }
        var cluster = ""
        if let duplicate = record["duplicate"], case .object = duplicate, let key = duplicate["cluster"]?.stringValue {
            sawDedupe = true
            cluster = key
            // Only duplicates are kept (a canonical member is named by its id), so memory follows the
            // number of duplicates, and at most `clusterLimit` clusters are tracked.
            if let relation = duplicate["relation"]?.stringValue {
                cluster += " (\(relation))"
                if clusters[key] != nil || clusters.count < Self.clusterLimit {
                    var entry = clusters[key] ?? Cluster(canonical: duplicate["canonical"]?.stringValue ?? key)
                    entry.size += 1
                    if entry.members.count < page.membersPerCluster {
                        entry.members.append(Member(
                            id: id, title: title, relation: relation,
                            similarity: duplicate["similarity"]?.doubleValue, containment: duplicate["containment"]?.doubleValue))
                    }
                    clusters[key] = entry
                } else {
                    untracked += 1
                }
            }
        }
        if rows.count < page.documentRows {
            rows.append([id, title, record["source"]?["path"]?.stringValue ?? "", record["published"]?.stringValue ?? "",
                         String((record["text"]?.stringValue ?? "").unicodeScalars.count), entityCount, cluster])
        }
    }

    func write(into html: inout HTMLPage) {
        html.heading("Duplicate clusters")
        let shared = clusters.values.sorted { $0.size > $1.size || ($0.size == $1.size && $0.canonical < $1.canonical) }
        if !sawDedupe {
            html.paragraph("No dedupe stage ran before this output.")
        } else if shared.isEmpty {
            html.paragraph("\(documents) documents, no duplicates: every document is alone in its cluster.")
        } else {
            let duplicates = shared.reduce(0) { $0 + $1.size } + untracked
            html.paragraph("\(shared.count) cluster\(shared.count == 1 ? "" : "s") with more than one document; \(duplicates) "
                + "document\(duplicates == 1 ? " is a duplicate" : "s are duplicates") of a canonical member. "
                + "Largest first" + (shared.count > page.clusterRows ? ", the first \(page.clusterRows) shown." : "."))
            for cluster in shared.prefix(page.clusterRows) {
                html.subheading("canonical \(cluster.canonical) and \(cluster.size) duplicate\(cluster.size == 1 ? "" : "s")")
                html.table(["id", "relation", "similarity", "containment", "title"], cluster.members.map {
                    [$0.id, $0.relation, $0.similarity.map { String(format: "%.2f", $0) } ?? "",
                     $0.containment.map { String(format: "%.2f", $0) } ?? "", $0.title]
                })
                if cluster.size > cluster.members.count { html.paragraph("… and \(cluster.size - cluster.members.count) more.") }
            }
        }
        html.heading("Entities")
        if withEntities == 0 {
            html.paragraph("No entities stage ran before this output.")
        } else {
            html.paragraph("Mentions by type: " + entityTypes.top(64).map { "\($0.key) \($0.count)" }.joined(separator: ", ") + ".")
            for (type, _) in entityTypes.top(64) {
                guard let counter = entities[type] else { continue }
                html.subheading(type)
                html.table(["name", "mentions"], counter.top(page.entitiesPerType).map { [$0.key, String($0.count)] })
            }
        }
        html.heading("Documents")
        html.paragraph("\(documents) records" + (documents > rows.count ? "; the first \(rows.count) listed." : "."))
        html.table(["id", "title", "source", "published", "characters", "entities", "cluster"], rows)
    }
}

/// A minimal HTML writer: every piece of text is escaped, the style sheet is inline.
struct HTMLPage {
    private var bytes: [UInt8] = []

    init(title: String) {
        append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        text(title)
        append("""
            </title><style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
            h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1em;margin:1.2em 0 .3em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td:nth-child(n+3){font-variant-numeric:tabular-nums}
            </style></head><body>
            """)
        append("<h1>")
        text(title)
        append("</h1>\n")
    }

    mutating func heading(_ title: String) { append("<h2>"); text(title); append("</h2>\n") }
    mutating func subheading(_ title: String) { append("<h3>"); text(title); append("</h3>\n") }
    mutating func paragraph(_ body: String) { append("<p>"); text(body); append("</p>\n") }

    mutating func table(_ header: [String], _ rows: [[String]], header showHeader: Bool = true) {
        append("<table>")
        if showHeader {
            append("<tr>")
            for cell in header { append("<th>"); text(cell); append("</th>") }
            append("</tr>")
        }
        for row in rows {
            append("<tr>")
            for cell in row { append("<td>"); text(cell); append("</td>") }
            append("</tr>\n")
        }
        append("</table>\n")
    }

    mutating func finish() -> [UInt8] {
        append("</body></html>\n")
        return bytes
    }

    private mutating func append(_ raw: String) { bytes.append(contentsOf: raw.utf8) }

    private mutating func text(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "\""): append("&quot;")
            default: bytes.append(byte)
            }
        }
    }
}
