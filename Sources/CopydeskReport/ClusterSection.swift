/// The duplicate clusters: how their sizes and similarities are distributed, then each cluster (largest
/// first, equal sizes in natural id order) as an expandable summary — size, relation mix, the canonical's
/// title — that opens onto its members and, for the clusters with a version shown side by side, a link.
struct ClusterSection {
    let digest: CorpusDigest
    let shown: [CorpusDigest.Cluster]
    let details: CorpusDetails
    /// The anchor of the side-by-side view of each cluster that has one, by cluster key.
    let pairAnchors: [String: String]

    func write(into page: inout HTMLPage) {
        page.heading("Duplicate clusters", id: "clusters")
        guard digest.sawDedupe else {
            page.paragraph("No dedupe stage ran before this output.")
            return
        }
        guard !digest.clusters.isEmpty else {
            page.paragraph("\(digest.documents) documents, no duplicates: every document is alone in its cluster.")
            return
        }
        let duplicates = digest.clusters.values.reduce(0) { $0 + $1.size } + digest.untracked
        let count = digest.clusters.count
        page.paragraph("\(count) cluster\(count == 1 ? "" : "s") with more than one document; \(duplicates) "
            + "document\(duplicates == 1 ? " is a duplicate" : "s are duplicates") of a canonical member. "
            + "Largest first" + (count > shown.count ? ", the first \(shown.count) listed." : ".")
            + " Open a cluster to see its members.")
        var sizes = Histogram.clusterSizes()
        for cluster in digest.clusters.values { sizes.add(Double(cluster.size + 1)) }
        page.raw("<div class=\"charts\">")
        sizes.chart(id: "chart-cluster-sizes", title: "Cluster sizes (documents per cluster, the canonical one included)").write(into: &page)
        var similarity = digest.similarity.chart(id: "chart-similarity", title: "Similarity of each duplicate to its canonical member")
        similarity.series = [.init(name: "duplicates", color: BarChart.purple)]
        similarity.write(into: &page)
        if digest.containment.total > 0 {
            var containment = digest.containment.chart(id: "chart-containment", title: "Containment of each duplicate in its canonical member")
            containment.series = [.init(name: "duplicates", color: BarChart.green)]
            containment.write(into: &page)
        }
        page.raw("</div>\n")
        for cluster in shown { write(cluster, into: &page) }
    }

    private func write(_ cluster: CorpusDigest.Cluster, into page: inout HTMLPage) {
        let canonical = details.found[cluster.canonical]
        let title = canonical.map { $0.title.isEmpty ? "(no title)" : HTMLEscaping.oneLine($0.title, limit: 200) }
            ?? "(canonical \(cluster.canonical) is not in this output: a document of an earlier run)"
        let titles = ([canonical?.title ?? ""] + cluster.members.map(\.title)).joined(separator: "\n").lowercased()
        page.raw("<details class=\"cluster\" data-titles=\"")
        page.text(titles)
        page.raw("\"><summary>")
        let relations = cluster.relations.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        page.raw("<strong>")
        page.text("\(cluster.size + 1) documents")
        page.raw("</strong> (")
        page.text(relations)
        page.raw("): ")
        page.text(title)
        page.raw("</summary>\n")
        var facts = "canonical \(cluster.canonical)"
        if let canonical, !canonical.site.isEmpty { facts += ", \(canonical.site)" }
        if let canonical, !canonical.published.isEmpty { facts += ", published \(canonical.published)" }
        page.paragraph(facts)
        if let anchor = pairAnchors[cluster.key] {
            page.raw("<p><a href=\"#\(anchor)\">Compare the canonical text with a version side by side</a></p>")
        }
        page.table(caption: "Duplicates of \(cluster.canonical)", ["id", "relation", "similarity", "containment", "site", "title"], cluster.members.map {
            [$0.id, $0.relation, Figures.ratio($0.similarity), Figures.ratio($0.containment), $0.site, HTMLEscaping.oneLine($0.title, limit: 200)]
        }, numeric: 2..<4)
        if cluster.size > cluster.members.count { page.paragraph("… and \(cluster.size - cluster.members.count) more.") }
        page.raw("</details>\n")
    }
}
