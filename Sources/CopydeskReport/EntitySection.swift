/// The entities found: mentions by type and the most mentioned names drawn as charts, then the most
/// frequent names of each type as tables.
struct EntitySection {
    let digest: CorpusDigest
    let perType: Int

    func write(into page: inout HTMLPage) {
        page.heading("Entities", id: "entities")
        guard digest.withEntities > 0 else {
            page.paragraph("No entities stage ran before this output.")
            return
        }
        let types = digest.entityTypes.top(64)
        var names: [(label: String, count: Int)] = []
        for (type, _) in types {
            for entry in digest.entities[type]?.top(15) ?? [] { names.append(("\(entry.key) (\(type))", entry.count)) }
        }
        names.sort { $0.count > $1.count || ($0.count == $1.count && $0.label < $1.label) }
        page.raw("<div class=\"charts\">")
        BarChart(id: "chart-entity-types", title: "Entity mentions by type", series: [.init(name: "mentions", color: BarChart.blue)],
                 rows: types.map { .init(label: $0.key, values: [Double($0.count)]) }).write(into: &page)
        BarChart(id: "chart-entity-names", title: "Most mentioned names", series: [.init(name: "mentions", color: BarChart.purple)],
                 rows: names.prefix(15).map { .init(label: $0.label, values: [Double($0.count)]) }).write(into: &page)
        page.raw("</div>\n")
        for (type, _) in types {
            guard let counter = digest.entities[type] else { continue }
            page.table(caption: "\(type): most mentioned", ["name", "mentions"], counter.top(perType).map { [$0.key, String($0.count)] }, numeric: 1..<2)
        }
    }
}
