import Foundation

/// A horizontal bar chart drawn as inline SVG: one row per label, each bar a stack of the series'
/// values (one series makes plain bars). The figure names itself to screen readers (`role="img"` with a
/// title and a description listing every value), and every bar segment carries its value as a tooltip.
struct BarChart {
    struct Series {
        var name: String
        /// A fill colour that keeps 3:1 contrast against white.
        var color: String
    }

    struct Row {
        var label: String
        var values: [Double]
    }

    var id: String
    var title: String
    var series: [Series]
    var rows: [Row]
    /// How a value is written in the description, tooltips and after the bar.
    var format: (Double) -> String = { String(Int($0.rounded())) }

    static let blue = "#2862a8", orange = "#b35400", red = "#b3261e", green = "#2b7a3d", purple = "#6b3fa0"

    /// Writes the figure, or a sentence saying there is nothing to draw.
    func write(into page: inout HTMLPage) {
        page.raw("<figure id=\"\(id)\" class=\"chart\"><figcaption id=\"\(id)-caption\">")
        page.text(title)
        page.raw("</figcaption>")
        if series.count > 1 {
            page.raw("<p aria-hidden=\"true\">")
            for entry in series {
                page.raw("<span class=\"legend\" style=\"background:\(entry.color)\"></span>")
                page.text(entry.name)
            }
            page.raw("</p>")
        }
        let largest = rows.map { $0.values.reduce(0, +) }.max() ?? 0
        guard !rows.isEmpty, largest > 0 else {
            page.raw("<p>Nothing to draw: every value is zero.</p></figure>\n")
            return
        }
        let labelWidth = 190.0, barWidth = 330.0, valueWidth = 90.0, rowHeight = 22.0
        let width = labelWidth + barWidth + valueWidth
        let height = rowHeight * Double(rows.count) + 4
        page.raw("<svg role=\"img\" aria-labelledby=\"\(id)-caption \(id)-desc\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">")
        page.raw("<desc id=\"\(id)-desc\">")
        page.text(rows.map { row in
            row.label + ": " + (series.count == 1 ? format(row.values.first ?? 0)
                : zip(series, row.values).map { "\($0.name) \(format($1))" }.joined(separator: ", "))
        }.joined(separator: "; "))
        page.raw("</desc>")
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 2
            page.raw("<text x=\"\(Int(labelWidth - 6))\" y=\"\(Self.number(y + 15))\" text-anchor=\"end\">")
            page.text(HTMLEscaping.oneLine(row.label, limit: 28))
            page.raw("</text>")
            var x = labelWidth
            for (entry, value) in zip(series, row.values) where value > 0 {
                let length = max(1, barWidth * value / largest)
                page.raw("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y + 3))\" width=\"\(Self.number(length))\" height=\"\(Int(rowHeight - 6))\" fill=\"\(entry.color)\"><title>")
                page.text("\(row.label): \(series.count > 1 ? entry.name + " " : "")\(format(value))")
                page.raw("</title></rect>")
                x += length
            }
            page.raw("<text x=\"\(Self.number(x + 5))\" y=\"\(Self.number(y + 15))\">")
            page.text(format(row.values.reduce(0, +)))
            page.raw("</text>")
        }
        page.raw("</svg></figure>\n")
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
