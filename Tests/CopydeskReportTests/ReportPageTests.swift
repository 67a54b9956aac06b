import CopydeskCore
@testable import CopydeskReport
import CopydeskTesting
import Foundation
import Testing

/// The page made from a run report and its outputs, written here as a run would write them.
@Suite("report page content")
struct ReportPageContentTests {
    /// A run directory: a report naming `records`, `drops` and `rejects`, with `run` metadata when given.
    struct Run {
        let dir = TestDirectory.make("report")
        var report: String { dir + "/run.report.json" }

        func write(records: [String], drops: [String] = [], rejects: [String] = [], run: String? = nil, stages: String? = nil) throws {
            try Data((records.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/run.jsonl"))
            try Data(drops.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: dir + "/run.drops.jsonl"))
            try Data(rejects.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: dir + "/run.rejects.jsonl"))
            let count = records.count + drops.count + rejects.count
            let json = """
                {"pipeline":"p.yaml","directory":"\(dir)","status":"ok","workers":2,\(run.map { "\"run\":\($0)," } ?? "")
                "documents":{"in":\(count),"out":\(records.count),"dropped":\(drops.count),"rejected":\(rejects.count),"balanced":true},
                "input":{"files":1,"bytes":1000,"documents":\(count),"rejected":0},
                "stages":\(stages ?? #"[{"id":"dedupe","kind":"corpus-wide","in":\#(count),"out":\#(records.count),"dropped":\#(drops.count),"rejected":0,"wall_seconds":0.5,"cpu_seconds":0.4,"counters":{"clusters":1}}]"#),
                "outputs":{"records":"run.jsonl","drops":"run.drops.jsonl","rejects":"run.rejects.jsonl"},
                "wall_seconds":1.0,"cpu_seconds":0.8}
                """
            try Data(json.utf8).write(to: URL(fileURLWithPath: report))
        }

        func page(_ configure: (inout ReportPage) -> Void = { _ in }) throws -> (text: String, rendered: ReportPage.Rendered) {
            var page = ReportPage()
            configure(&page)
            let rendered = try page.render(reportPath: report)
            return (String(decoding: rendered.page, as: UTF8.self), rendered)
        }
    }

    static func record(_ id: String, title: String, text: String = "Some text of the article.", duplicateOf canonical: String? = nil,
                       relation: String = "syndicated", similarity: Double = 0.4, extra: String = "") -> String {
        let duplicate = canonical.map { #","duplicate":{"cluster":"\#($0)","canonical":"\#($0)","relation":"\#(relation)","similarity":\#(similarity),"containment":0.5}"# }
            ?? #","duplicate":{"cluster":"\#(id)","canonical":"\#(id)","relation":null,"similarity":1.0,"containment":null}"#
        return #"{"id":"\#(id)","title":"\#(title)","text":"\#(text)","site":"s.example"\#(duplicate)\#(extra)}"#
    }

    @Test("clusters of equal size are listed in numeric order of their canonical ids, each titled by its canonical, which may come after its duplicates")
    func numericClusterOrder() throws {
        let run = Run()
        var records: [String] = []
        for id in ["10077", "1017", "10038", "9"] {
            records.append(Self.record(id + "-copy", title: "Copy of \(id)", duplicateOf: id))
            records.append(Self.record(id, title: "Story \(id)"))
        }
        records.append(Self.record("big-copy-1", title: "Big copy", duplicateOf: "500"))
        records.append(Self.record("big-copy-2", title: "Big copy", duplicateOf: "500"))
        records.append(Self.record("500", title: "The biggest story"))
        try run.write(records: records)
        let page = try run.page().text
        let summaries = page.components(separatedBy: "<summary>").dropFirst().map { $0.components(separatedBy: "</summary>")[0] }
        #expect(summaries == [
            "<strong>3 documents</strong> (2 syndicated): The biggest story",
            "<strong>2 documents</strong> (1 syndicated): Story 9",
            "<strong>2 documents</strong> (1 syndicated): Story 1017",
            "<strong>2 documents</strong> (1 syndicated): Story 10038",
            "<strong>2 documents</strong> (1 syndicated): Story 10077",
        ])
        #expect(page.contains("<details class=\"cluster\" data-titles=\"the biggest story\nbig copy\nbig copy\">"))
    }

    @Test("a canonical from an earlier run (not in this output) is named as such")
    func canonicalFromEarlierRun() throws {
        let run = Run()
        try run.write(records: [Self.record("new", title: "New version", duplicateOf: "old-42")])
        let page = try run.page().text
        #expect(page.contains("(canonical old-42 is not in this output: a document of an earlier run)"))
    }

    @Test("charts: time and funnel per stage, cluster sizes, similarity, containment, entity types and top names, drops by reason")
    func charts() throws {
        let run = Run()
        let entities = #","entities":[{"type":"PERSON","name":"Ada Lovelace","mentions":[{"text":"Ada","start":0,"end":3}]},{"type":"ORG","name":"Acme","mentions":[{"text":"Acme","start":4,"end":8},{"text":"Acme","start":9,"end":13}]}]"#
        try run.write(
            records: [Self.record("1", title: "One", extra: entities), Self.record("2", title: "Two", duplicateOf: "1", extra: entities)],
            drops: [#"{"id":"3","source":{"path":"in.jsonl","line":3},"dropped":{"stage":"filter","reason":"text shorter than 200 characters (12)"}}"#])
        let page = try run.page().text
        for id in ["chart-time", "chart-funnel", "chart-cluster-sizes", "chart-similarity", "chart-containment", "chart-entity-types", "chart-entity-names", "chart-drops"] {
            #expect(page.contains("<figure id=\"\(id)\" class=\"chart\"><figcaption id=\"\(id)-caption\">"), "no chart \(id)")
            #expect(page.contains("<svg role=\"img\" aria-labelledby=\"\(id)-caption \(id)-desc\""), "chart \(id) is not drawn")
        }
        #expect(page.contains("<desc id=\"chart-entity-types-desc\">ORG: 4; PERSON: 2</desc>"))
        #expect(page.contains("<desc id=\"chart-drops-desc\">filter: text shorter than # characters (#): 1</desc>"))
        #expect(page.contains("<desc id=\"chart-funnel-desc\">input: out 3, dropped 0, rejected 0; dedupe: out 2, dropped 1, rejected 0</desc>"))
    }

    @Test("run metadata (version, times, host, pipeline, inputs, workers) is shown when the report has it")
    func runMetadata() throws {
        let run = Run()
        try run.write(records: [Self.record("1", title: "One")], run: """
            {"version":"1.2.3","started":"2026-12-03T03:00:00Z","finished":"2026-12-03T03:01:00Z","host":"box","pipeline":"pipelines/news.yaml",
             "inputs":[{"path":"in/a.jsonl","bytes":12},"in/b.jsonl"],"workers":4}
            """)
        let page = try run.page().text
        for (name, value) in [("copydesk version", "1.2.3"), ("started", "2026-12-03T03:00:00Z"), ("finished", "2026-12-03T03:01:00Z"),
                              ("host", "box"), ("pipeline", "pipelines/news.yaml"), ("inputs", "in/a.jsonl (bytes 12), in/b.jsonl"), ("workers", "4")] {
            #expect(page.contains("<tr><th scope=\"row\">\(name)</th><td>\(value)</td></tr>"), "\(name)")
        }
        // Without metadata, what the report has anyway.
        let plain = Run()
        try plain.write(records: [Self.record("1", title: "One")])
        let other = try plain.page().text
        #expect(!other.contains("copydesk version") && other.contains("<tr><th scope=\"row\">pipeline</th><td>p.yaml</td></tr>"))
    }

    @Test("a <script> in a title or text, HTML, quotes and NUL bytes are shown as text, in the markup and in the data block")
    func escaping() throws {
        let run = Run()
        let hostile = #"<script>alert(1)</script><img src=x onerror=\"alert(2)\"> \u0000 & done"#
        try run.write(records: [Self.record("1", title: hostile, text: "Text </script><script>alert(3)</script> \\u0000"),
                                Self.record("2", title: hostile, duplicateOf: "1")])
        let page = try run.page().text
        // The only scripts are the page's own: the data block and the inline script at the end.
        #expect(page.components(separatedBy: "<script").count - 1 == 2)
        #expect(page.components(separatedBy: "</script>").count - 1 == 2)
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; \u{2400} &amp; done"))
        #expect(page.contains(#"\u003cscript\u003ealert(1)\u003c/script\u003e"#))
        #expect(!page.contains("\u{0}"))
        #expect(page.contains("script-src '\(PageAssets.scriptHash)'"))
    }

    @Test("documents: the first page of 100 in the markup, every listed document in the data block, snippets, a note when the budget stops the list")
    func paging() throws {
        let run = Run()
        try run.write(records: (0..<250).map { Self.record("d\($0)", title: "Title \($0)", text: "Body of document \($0), long enough to make a snippet.") })
        let page = try run.page().text
        let body = page.components(separatedBy: "<tbody id=\"doc-rows\">")[1].components(separatedBy: "</tbody>")[0]
        #expect(body.components(separatedBy: "<tr>").count - 1 == 100)
        #expect(body.contains("<tr><th scope=\"row\">d0</th><td>Title 0</td><td></td><td>s.example</td><td>Body of document 0, long enough to make a snippet.</td><td></td></tr>"))
        let data = page.components(separatedBy: "<script type=\"application/json\" id=\"doc-data\">")[1].components(separatedBy: "</script>")[0]
        let rows = try JSONParser.parse(data)
        guard case .array(let list) = rows else { Issue.record("the data block is not an array"); return }
        #expect(list.count == 250)
        #expect(list[249] == .array([.string("d249"), .string("Title 249"), .string(""), .string("s.example"), .string("Body of document 249, long enough to make a snippet."), .string("")]))
        #expect(page.contains("<p>250 records.</p>"))
        // A small budget: fewer listed, snippets for fewer still, and the page says so.
        let small = try run.page { $0.documentListBytes = 10_000; $0.snippetBytes = 4_000 }.text
        let note = try #require(small.components(separatedBy: "<p>250 records; ").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(note.hasPrefix("the first ") && note.contains(" are listed (the rest would make the page too large to open quickly); snippets for the first "))
        #expect(small.utf8.count < page.utf8.count)
    }

    @Test("the page of a large run stays small: 10,000 documents in 2,500 clusters make a few megabytes, clusters listed up to the limit")
    func largeRunSize() throws {
        let run = Run()
        var records: [String] = []
        let text = String(repeating: "A sentence of the story that goes on for a while. ", count: 40)
        for story in 0..<2_500 {
            records.append(Self.record("s\(story)", title: "Story number \(story) about markets", text: text))
            for copy in 0..<3 { records.append(Self.record("s\(story)-\(copy)", title: "Story number \(story) about markets", text: text, duplicateOf: "s\(story)")) }
        }
        try run.write(records: records)
        let rendered = try run.page().rendered
        #expect(rendered.page.count < 6_000_000, "\(rendered.page.count) bytes")
        let page = String(decoding: rendered.page, as: UTF8.self)
        #expect(page.components(separatedBy: "<details class=\"cluster\"").count - 1 == 500)
        #expect(page.contains("2500 clusters with more than one document; 7500 documents are duplicates of a canonical member. Largest first, the first 500 listed."))
    }

    @Test("a syndicated pair is shown side by side: shared passages highlighted, what each version adds marked")
    func sideBySide() throws {
        let run = Run()
        let original = "The central bank raised interest rates on Tuesday for the third time this year. Analysts had expected the move."
        let version = "LONDON - The central bank raised interest rates on Tuesday for the third time this year, officials said."
        try run.write(records: [Self.record("a", title: "Rates rise", text: original), Self.record("b", title: "Rates rise again", text: version, duplicateOf: "a")])
        let page = try run.page().text
        #expect(page.contains("<a href=\"#pair-1\">Compare the canonical text with a version side by side</a>"))
        #expect(page.contains("<section class=\"compare\" aria-labelledby=\"pair-1\"><h3 id=\"pair-1\">Rates rise — syndicated version, similarity 0.40</h3>"))
        #expect(page.contains("<mark>The central bank raised interest rates on Tuesday for the third time this year</mark><ins>. Analysts had expected the move.</ins>"))
        #expect(page.contains("<ins>LONDON - </ins><mark>The central bank raised interest rates on Tuesday for the third time this year</mark><ins>, officials said.</ins>"))
    }

    @Test("outputs moved or deleted since the run are named on the page and in the result; the rest of the page is still made")
    func missingOutputs() throws {
        let run = Run()
        try run.write(records: [Self.record("1", title: "One")])
        try FileManager.default.removeItem(atPath: run.dir + "/run.jsonl")
        try FileManager.default.removeItem(atPath: run.dir + "/run.drops.jsonl")
        let (page, rendered) = try run.page()
        #expect(rendered.missingFiles == [run.dir + "/run.drops.jsonl", run.dir + "/run.jsonl"])
        #expect(page.contains("<p class=\"notice\">\(run.dir)/run.jsonl is named by the report but not there any more (moved or deleted since the run).</p>"))
        #expect(page.contains("The records output \(run.dir)/run.jsonl is not there any more"))
        #expect(page.contains("<h2 id=\"stages\">Stages</h2>"))
    }

    @Test("a JSON file that is not a run report is refused saying what to give; so is a file that is not JSON")
    func notARunReport() throws {
        let dir = TestDirectory.make("report")
        for (name, content, expected) in [
            ("records.json", #"{"id":"1","title":"a record, not a report"}"#, "is not a run report (no 'documents' and 'stages'); give the NAME.report.json written by 'copydesk run'"),
            ("list.json", "[1, 2]", "is not a run report (no 'documents' and 'stages')"),
            ("text.json", "not json at all", "is not a run report ("),
        ] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
            #expect {
                _ = try ReportPage().render(reportPath: dir + "/" + name)
            } throws: { error in
                guard let error = error as? StageError else { return false }
                return error.kind == .badData && error.message.hasPrefix(dir + "/" + name + " ") && error.message.contains(expected)
            }
        }
    }
}
