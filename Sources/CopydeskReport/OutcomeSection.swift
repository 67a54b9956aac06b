import CopydeskCore

/// Why documents were dropped or records rejected: grouped by stage and reason (digits in a reason
/// stand for any number, so reasons naming a document or a size group together), most frequent first,
/// each with an example, and drawn as a chart.
struct OutcomeSection {
    /// `dropped` or `rejected`: the key of the outcome object in each line.
    let key: String
    let title: String
    let anchor: String
    let reasonRows: Int

    func write(path: String?, files: inout ReportFiles, into page: inout HTMLPage) {
        page.heading(title, id: anchor)
        guard let path else { page.paragraph("Not written to a file in this run (logged on stderr)."); return }
        guard files.check(path) else {
            page.paragraph("\(path) is not there any more (moved or deleted since the run), so they are not listed.", className: "notice")
            return
        }
        var groups = BoundedCounter(limit: 10_000)
        var examples: [String: String] = [:]
        var total = 0
        do {
            try ReportFiles.eachLine(path) { value in
                total += 1
                let stage = value[key]?["stage"]?.stringValue ?? "?"
                let reason = value[key]?["reason"]?.stringValue ?? "?"
                let group = stage + "\u{1F}" + Self.reasonShape(reason)
                groups.add(group)
                if examples[group] == nil, examples.count < 10_000 {
                    let source = value["source"]?["path"]?.stringValue ?? ""
                    let line = value["source"]?["line"].map { ":" + Figures.count($0) } ?? ""
                    let title = value["title"]?.stringValue.map { " “" + HTMLEscaping.oneLine($0, limit: 80) + "”" } ?? ""
                    examples[group] = (value["id"]?.stringValue ?? "") + title + " (" + source + line + ")"
                }
            }
        } catch {
            page.paragraph("\(path) could not be read: \(error.message)", className: "notice")
            return
        }
        if total == 0 { page.paragraph("None (\(path))."); return }
        page.paragraph("\(total) in \(path).")
        let top = groups.top(reasonRows).map { entry -> (stage: String, reason: String, count: Int, example: String) in
            let parts = entry.key.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "", entry.count, examples[entry.key] ?? "")
        }
        BarChart(id: "chart-\(anchor)", title: "\(title) by stage and reason", series: [.init(name: "documents", color: BarChart.orange)],
                 rows: top.prefix(12).map { .init(label: "\($0.stage): \($0.reason)", values: [Double($0.count)]) }).write(into: &page)
        page.table(caption: "\(title) by stage and reason, with an example",
                   ["stage", "reason", "documents", "for example"], top.map { [$0.stage, $0.reason, String($0.count), $0.example] }, numeric: 2..<3)
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
}
