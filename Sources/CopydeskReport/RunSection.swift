import CopydeskCore

/// The run as a whole: what ran, when, where and on what (the `run` metadata when the report has it),
/// the accounting, and per stage its counts, time and rate, drawn as two charts — where the time went,
/// and the funnel from documents in to out, dropped and rejected.
struct RunSection {
    let report: JSONValue
    let reportPath: String

    func write(into page: inout HTMLPage) {
        page.heading("Run", id: "run")
        let documents = report["documents"]
        let run = report["run"]
        var facts: [(String, String)] = []
        if let version = run?["version"]?.stringValue { facts.append(("copydesk version", version)) }
        facts.append(("pipeline", run?["pipeline"].flatMap(Self.describe) ?? report["pipeline"]?.stringValue ?? ""))
        if let started = run?["started"].flatMap(Self.describe) { facts.append(("started", started)) }
        if let finished = run?["finished"].flatMap(Self.describe) { facts.append(("finished", finished)) }
        if let host = run?["host"].flatMap(Self.describe) { facts.append(("host", host)) }
        if let inputs = run?["inputs"].flatMap(Self.describe) { facts.append(("inputs", inputs)) }
        if let workers = run?["workers"].flatMap(Self.describe) ?? report["workers"].flatMap(Self.describe) { facts.append(("workers", workers)) }
        facts.append(("status", (report["status"]?.stringValue ?? "unknown") + (report["error"]?.stringValue.map { ": " + $0 } ?? "")))
        facts += [
            ("documents in", Figures.count(documents?["in"])),
            ("out", Figures.count(documents?["out"])),
            ("dropped", Figures.count(documents?["dropped"])),
            ("rejected", Figures.count(documents?["rejected"])),
            ("balanced (in = out + dropped + rejected)", documents?["balanced"] == .bool(true) ? "yes" : "NO"),
            ("input files, bytes", "\(Figures.count(report["input"]?["files"])), \(Figures.count(report["input"]?["bytes"]))"),
            ("wall, CPU seconds", "\(Figures.seconds(report["wall_seconds"]?.doubleValue ?? 0)), \(Figures.seconds(report["cpu_seconds"]?.doubleValue ?? 0))"),
            ("report", reportPath),
        ]
        page.facts(caption: "The run", facts)
        if case .object(let skipped)? = report["input"]?["skipped_records"], !skipped.isEmpty {
            page.paragraph("Input records that are not documents, skipped: "
                + skipped.map { "\($0.key) \(Figures.count($0.value))" }.joined(separator: ", "))
        }
        stages(into: &page)
    }

    private func stages(into page: inout HTMLPage) {
        guard case .array(let stages)? = report["stages"] else { return }
        page.heading("Stages", id: "stages")
        var rows: [[String]] = []
        var time: [BarChart.Row] = []
        var funnel: [BarChart.Row] = []
        if let input = report["input"], let read = input["documents"]?.doubleValue {
            let rejected = input["rejected"]?.doubleValue ?? 0
            funnel.append(.init(label: "input", values: [read, 0, rejected]))
        }
        for stage in stages {
            let id = stage["id"]?.stringValue ?? ""
            let documentsIn = stage["in"]?.doubleValue ?? 0
            let wall = stage["wall_seconds"]?.doubleValue ?? 0
            var counters = ""
            if case .object(let pairs)? = stage["counters"] {
                counters = pairs.map { "\($0.key) \(Figures.count($0.value))" }.joined(separator: ", ")
            }
            rows.append([id, stage["kind"]?.stringValue ?? "", Figures.count(stage["in"]), Figures.count(stage["out"]),
                         Figures.count(stage["dropped"]), Figures.count(stage["rejected"]), Figures.seconds(wall),
                         Figures.seconds(stage["cpu_seconds"]?.doubleValue ?? 0), Figures.rate(documentsIn, wall), counters])
            time.append(.init(label: id, values: [wall]))
            funnel.append(.init(label: id, values: [stage["out"]?.doubleValue ?? 0, stage["dropped"]?.doubleValue ?? 0, stage["rejected"]?.doubleValue ?? 0]))
        }
        page.table(caption: "Per stage: documents, time and rate (documents in per wall second)",
                   ["stage", "kind", "in", "out", "dropped", "rejected", "wall s", "CPU s", "docs/s", "counters"], rows, numeric: 2..<9)
        page.raw("<div class=\"charts\">")
        BarChart(id: "chart-time", title: "Time per stage (wall seconds)", series: [.init(name: "wall seconds", color: BarChart.blue)],
                 rows: time, format: { Figures.seconds($0) }).write(into: &page)
        BarChart(id: "chart-funnel", title: "Documents per stage: in → out, dropped, rejected",
                 series: [.init(name: "out", color: BarChart.green), .init(name: "dropped", color: BarChart.orange), .init(name: "rejected", color: BarChart.red)],
                 rows: funnel).write(into: &page)
        page.raw("</div>\n")
    }

    /// A metadata value as text: strings as they are, numbers, lists joined with commas, objects as
    /// their `path` (an input) or as `key value` pairs.
    static func describe(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag ? "yes" : "no"
        case .number: return value.doubleValue.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        case .string(let text): return text
        case .array(let items):
            let parts = items.compactMap(describe)
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        case .object(let pairs):
            if let path = value["path"]?.stringValue {
                let rest = pairs.filter { $0.key != "path" }.compactMap { pair in describe(pair.value).map { "\(pair.key) \($0)" } }
                return rest.isEmpty ? path : path + " (" + rest.joined(separator: ", ") + ")"
            }
            let parts = pairs.compactMap { pair in describe(pair.value).map { "\(pair.key) \($0)" } }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }
}
