import CopydeskCore
import Foundation
import Testing

/// `copydesk report`: the run as an HTML page a person reads.
@Suite("report page")
struct ReportPageTests {
    @Test("the seeds' page shows the accounting, every stage, the syndicated cluster titled by its canonical, the pair side by side and the main entities")
    func seeds() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["run", "pipelines/news.yaml", "--output", dir + "/news.jsonl", "--quiet"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let result = try CLI.run(["report", dir + "/news.report.json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let page = try String(contentsOfFile: dir + "/news.report.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<tr><th scope=\"row\">balanced (in = out + dropped + rejected)</th><td>yes</td></tr>"))
        for stage in ["normalise", "strip", "entities", "dedupe", "export"] { #expect(page.contains("<tr><th scope=\"row\">\(stage)</th>")) }
        #expect(page.contains("<summary><strong>2 documents</strong> (1 syndicated): Growing calls for Jeremy Corbyn to boot out anti-Semitism row MP Chris Williamson</summary>"))
        #expect(page.contains("<p>canonical 001_ff0d523c67cc992b, published 2019-06-28T17:43:00+01:00</p>"))
        #expect(page.contains("<th scope=\"row\">002_e87e003ce796c16f</th><td>syndicated</td>"))
        #expect(page.contains("<section class=\"compare\" aria-labelledby=\"pair-1\">"))
        #expect(page.contains("<mark>"))
        #expect(page.contains("<th scope=\"row\">Jackie Walker</th>"))
        #expect(page.contains("Labour leader Jeremy Corbyn &quot;will not bow") || page.contains("Labour leader Jeremy Corbyn 'will not bow"))
    }

    @Test("drops and rejects are grouped by stage and reason with an example; page text is escaped")
    func outcomesAndEscaping() throws {
        let dir = CLI.temporaryDirectory()
        let lines = [
            #"{"id":"a","title":"<script>alert(1)</script> & more","text":"Some text here."}"#,
            "not json at all",
            #"{"id":"c"}"#,
            #"{"id":"d","text":"More text."}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/in.jsonl"))
        let run = try CLI.run(["run", "pipelines/news.yaml", "--input", dir + "/in.jsonl", "--output", dir + "/o.jsonl", "--quiet"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let result = try CLI.run(["report", dir + "/o.report.json", "--output", dir + "/page.html"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let page = try String(contentsOfFile: dir + "/page.html", encoding: .utf8)
        // The page's own two script elements (its data block and its script), none from the data.
        #expect(page.components(separatedBy: "<script").count - 1 == 2)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
        #expect(page.contains("2 in \(dir)/o.rejects.jsonl."))
        #expect(page.contains("<th scope=\"row\">input</th>"))
        #expect(page.contains("(\(dir)/in.jsonl:2)"))
    }

    @Test("a missing report exits 66; a file that is not a report exits 65 saying what to give")
    func badReport() throws {
        let missing = try CLI.run(["report", "/no/such/report.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/no/such/report.json"))
        let dir = CLI.temporaryDirectory()
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: dir + "/r.json"))
        let bad = try CLI.run(["report", dir + "/r.json"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("is not a run report"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.html"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/e.json"))
        let empty = try CLI.run(["report", dir + "/e.json"])
        #expect(empty.status == 65 && empty.stderr.contains("no 'documents' and 'stages'"))
    }

    @Test("relative paths in the report are found from another directory (they are relative to the run's)")
    func otherDirectory() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/seeds", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/seeds") {
            try FileManager.default.copyItem(atPath: CLI.root + "/seeds/" + name, toPath: dir + "/seeds/" + name)
        }
        let run = try CLI.run(["run", CLI.root + "/pipelines/news.yaml", "--quiet"], in: dir)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let result = try CLI.run(["report", dir + "/out/news.report.json", "--output", dir + "/page.html"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let page = try String(contentsOfFile: dir + "/page.html", encoding: .utf8)
        #expect(page.contains("<p>canonical 001_ff0d523c67cc992b, published 2019-06-28T17:43:00+01:00</p>"))
        #expect(page.contains("None (\(dir)/out/news.drops.jsonl)."))
    }
}
