public import CopydeskCore
import Foundation

/// A run as one self-contained HTML page a person opens in a browser, with no network and no external
/// script: what ran (version, times, host, pipeline, inputs, when the report has them) and the accounting;
/// charts of the time per stage, of the funnel from documents in to out, dropped and rejected, of cluster
/// sizes, similarity and containment, and of entities; drops and rejects by reason with examples; the
/// duplicate clusters with their canonical's title, expandable to their members; versions of a story side
/// by side with their shared passages highlighted; and the documents with a snippet, paged and searchable
/// by title.
///
/// It reads the run report and the files it names (records when they are JSONL, drops, rejects) in
/// streaming passes, and every list has a limit, so memory and the page's size stay bounded whatever
/// the size of the run (a 100,000-document run makes a page of a few megabytes).
public struct ReportPage {
    /// Clusters listed (largest first); members listed per cluster.
    public var clusterRows = 500, membersPerCluster = 25
    /// Pairs of versions shown side by side, and how much of each text is shown.
    public var pairRows = 8, pairTextBytes = 24_000
    /// Entities listed per type.
    public var entitiesPerType = 15
    /// Drop and reject reasons listed.
    public var reasonRows = 50
    /// Bytes of the document list (as JSON) after which documents are counted but not listed, and after
    /// which they are listed without a snippet; snippet length in characters.
    public var documentListBytes = 12_000_000, snippetBytes = 6_000_000, snippetCharacters = 160
    /// Documents per page of the document list.
    static let pageRows = 100

    /// The page, and the files the report names that were not found (moved or deleted since the run).
    public struct Rendered: Sendable {
        public var page: [UInt8]
        public var missingFiles: [String]
    }

    public init() {}

    /// Renders the page for the run report at `reportPath`. Paths inside the report are taken as written
    /// by the run (relative to the directory the run was started from); a named file that is missing is
    /// said so on the page and in ``Rendered/missingFiles`` instead of failing.
    public func render(reportPath: String) throws(StageError) -> Rendered {
        var files = try ReportFiles(reportPath: reportPath)
        let report = files.report
        var body = HTMLPage()
        RunSection(report: report, reportPath: reportPath).write(into: &body)
        OutcomeSection(key: "dropped", title: "Dropped documents", anchor: "drops", reasonRows: reasonRows)
            .write(path: files.output("drops"), files: &files, into: &body)
        OutcomeSection(key: "rejected", title: "Rejected records", anchor: "rejects", reasonRows: reasonRows)
            .write(path: files.output("rejects"), files: &files, into: &body)
        var sections = ["run": "Run", "stages": "Stages", "drops": "Dropped", "rejects": "Rejected"]
        let records = files.output("records")
        if let records, records.hasSuffix(".jsonl") || records.hasSuffix(".jsonl.gz") || records.hasSuffix(".jsonl.zst"), files.check(records) {
            try corpus(records, into: &body)
            sections["clusters"] = "Clusters"
            sections["pairs"] = "Side by side"
            sections["entities"] = "Entities"
            sections["documents"] = "Documents"
        } else {
            body.heading("Documents", id: "documents")
            if let records, files.missing.contains(records) {
                body.paragraph("The records output \(records) is not there any more (moved or deleted since the run), so documents, clusters and entities are not shown.", className: "notice")
            } else {
                body.paragraph("The records output (\(records ?? "none")) is not a JSONL file, so documents, clusters and entities are not shown.")
            }
            sections["documents"] = "Documents"
        }
        let title = "copydesk run: " + (report["pipeline"]?.stringValue ?? reportPath)
        var page = HTMLPage.document(title: title)
        page.raw("<header><h1>")
        page.text(title)
        page.raw("</h1>")
        for path in files.missing {
            page.paragraph("\(path) is named by the report but not there any more (moved or deleted since the run).", className: "notice")
        }
        page.raw("<nav aria-label=\"Sections\"><ul>")
        for anchor in ["run", "stages", "drops", "rejects", "clusters", "pairs", "entities", "documents"] {
            guard let name = sections[anchor] else { continue }
            page.raw("<li><a href=\"#\(anchor)\">\(name)</a></li>")
        }
        page.raw("</ul></nav>")
        if sections["clusters"] != nil {
            page.raw("<div class=\"search\" role=\"search\"><label for=\"search\">Search titles of documents and clusters </label>")
            page.raw("<input type=\"search\" id=\"search\" autocomplete=\"off\"> <span id=\"search-status\" aria-live=\"polite\"></span></div>")
        }
        page.raw("</header><main id=\"main\">\n")
        page.append(body)
        return Rendered(page: page.finish(), missingFiles: files.missing)
    }

    /// The sections read from the records: one pass for the digest, a second for the canonical
    /// members' titles and the texts shown side by side.
    private func corpus(_ records: String, into page: inout HTMLPage) throws(StageError) {
        var digest = CorpusDigest(limits: self)
        try ReportFiles.eachLine(records) { digest.add($0) }
        let shown = Array(digest.sortedClusters().prefix(clusterRows))
        var pairs: [(cluster: CorpusDigest.Cluster, member: CorpusDigest.Member)] = []
        for cluster in shown where pairs.count < pairRows {
            let member = cluster.members.first { $0.relation == "syndicated" } ?? cluster.members.first { $0.relation == "near" }
            if let member { pairs.append((cluster, member)) }
        }
        var details = CorpusDetails(
            wanted: Set(shown.map(\.canonical)),
            withText: Set(pairs.flatMap { [$0.cluster.canonical, $0.member.id] }), textBytes: pairTextBytes)
        if !details.isEmpty { try ReportFiles.eachLine(records) { details.add($0) } }
        var anchors: [String: String] = [:]
        var views: [SideBySide] = []
        for (index, pair) in pairs.enumerated() {
            guard let canonical = details.found[pair.cluster.canonical], let version = details.found[pair.member.id] else { continue }
            let anchor = "pair-\(index + 1)"
            anchors[pair.cluster.key] = anchor
            let similarity = pair.member.similarity.map { ", similarity \(Figures.ratio($0))" } ?? ""
            views.append(SideBySide(
                anchor: anchor, heading: "\(HTMLEscaping.oneLine(canonical.title.isEmpty ? pair.cluster.canonical : canonical.title, limit: 120)) — \(pair.member.relation) version\(similarity)",
                left: .init(id: pair.cluster.canonical, label: "canonical", detail: canonical),
                right: .init(id: pair.member.id, label: pair.member.relation, detail: version)))
        }
        ClusterSection(digest: digest, shown: shown, details: details, pairAnchors: anchors).write(into: &page)
        page.heading("Versions side by side", id: "pairs")
        if views.isEmpty {
            page.paragraph("No syndicated or near-duplicate version to compare in this output.")
        } else {
            page.paragraph("A canonical text and another version of the same story, from the largest clusters: passages both share are highlighted, what each version adds is marked as added (green, underlined).")
            for view in views { view.write(into: &page) }
        }
        EntitySection(digest: digest, perType: entitiesPerType).write(into: &page)
        DocumentSection(digest: digest).write(into: &page)
    }
}
