import CopydeskCore
import Foundation
import Testing

/// Progress where no terminal is watching (nohup, cron, CI), and the summary at the end.
@Suite("progress and summary")
struct ProgressTests {
    /// A light pipeline (normalise, then export) over `lines` small documents in `dir`.
    static func lightRun(_ dir: String, lines: Int) throws -> String {
        let input = try CrashSafetyTests.bigInput(dir, lines: lines)
        let pipeline = dir + "/light.yaml"
        try Data("name: light\ninput:\n  paths: [\(input)]\nstages:\n  - use: normalise\n  - use: export\n    path: \(dir)/out.jsonl\n".utf8)
            .write(to: URL(fileURLWithPath: pipeline))
        return pipeline
    }

    @Test("stderr not a terminal: a log line every --progress-interval seconds with documents, MB, docs/s, share and ETA")
    func logLines() throws {
        let dir = CLI.temporaryDirectory()
        let pipeline = try Self.lightRun(dir, lines: 60_000)
        let result = try CLI.run(["run", pipeline, "--progress-interval", "0.01", "--workers", "1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains(" notice copydesk: ") && $0.contains("progress: ") }
        try #require(!lines.isEmpty, "no progress line in: \(result.stderr)")
        let pattern = /progress: (\d+) documents, \d+\.\d MB, \d+ docs\/s(, \d+\.\d%(, ETA \w+)?)?$|progress: finishing: (\d+) of (\d+) documents out, \d+ docs\/s, \d+\.\d%(, ETA \w+)?$/
        for line in lines { #expect(line.firstMatch(of: pattern) != nil, "\(line)") }
        // Shares never pass 100%, and while reading no line claims more documents than were read.
        for line in lines {
            if let share = line.firstMatch(of: /(\d+\.\d)%/)?.1, let value = Double(share) { #expect(value <= 100) }
            if let count = line.firstMatch(of: /progress: (\d+) documents/)?.1, let value = Int(count) { #expect(value <= 60_000) }
        }
        // No live-line control characters in a log.
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("\u{1B}"))
    }

    @Test("--progress-interval 0 writes no progress lines; --quiet neither progress nor summary; a negative interval is a usage error")
    func intervalOptions() throws {
        let dir = CLI.temporaryDirectory()
        let pipeline = try Self.lightRun(dir, lines: 20_000)
        let off = try CLI.run(["run", pipeline, "--progress-interval", "0"])
        #expect(off.status == 0 && !off.stderr.contains("progress:") && off.stderr.contains("documents: 20000 in"), "stderr: \(off.stderr)")
        let quiet = try CLI.run(["run", pipeline, "--progress-interval", "0.01", "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "stderr: \(quiet.stderr)")
        let negative = try CLI.run(["run", pipeline, "--progress-interval=-1"])
        #expect(negative.status == 64 && negative.stderr.contains("--progress-interval must be a number of seconds, 0 or more"), "stderr: \(negative.stderr)")
    }

    @Test("the summary gives docs/s per stage and dedupe's counters in its order: documents, clusters, duplicates, relations; zeros left out")
    func summary() throws {
        let dir = CLI.temporaryDirectory()
        let result = try CLI.run(["run", "pipelines/news.yaml", "--output", dir + "/news.jsonl"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("stage ") })
        #expect(header.hasSuffix(" docs/s"))
        let strip = try #require(lines.first { $0.hasPrefix("strip ") })
        #expect(strip.firstMatch(of: /^strip +5 +5 +0 +0 +[\d.]+s +[\d.]+s +(\d+|-)$/) != nil, "\(strip)")
        #expect(lines.contains { $0.firstMatch(of: /^documents: 5 in = 5 out \+ 0 dropped \+ 0 rejected; [\d.]+s wall, [\d.]+s cpu, \d+ docs\/s, \d+ workers?$/) != nil })
        #expect(lines.contains("dedupe: 5 documents, 1 clusters, 1 duplicates, 1 syndicated, 2 candidates_verified"), "\(result.stderr)")
    }

    @Test("copydesk report names outputs moved or deleted since the run in a warning, and still makes the page")
    func reportWithMissingOutputs() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["run", "pipelines/news.yaml", "--output", dir + "/news.jsonl", "--quiet"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        try FileManager.default.removeItem(atPath: dir + "/news.jsonl")
        let result = try CLI.run(["report", dir + "/news.report.json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("copydesk: warning: \(dir)/news.jsonl is named by the report but not there any more (moved or deleted since the run)"))
        let page = try String(contentsOfFile: dir + "/news.report.html", encoding: .utf8)
        #expect(page.contains("\(dir)/news.jsonl is named by the report but not there any more"))
    }
}
