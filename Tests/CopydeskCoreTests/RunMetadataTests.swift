import CopydeskCore
import CopydeskTesting
import Foundation
import Testing

/// Drops every document with what the stage context says about the run as the reason, so a test can
/// read it in the drops output.
struct RunEchoStage: DocumentStage {
    let run: RunMetadata?

    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        guard let run else { return .drop(reason: "no run") }
        return .drop(reason: "run of \(run.pipeline) on \(run.inputs.joined(separator: " and ")) started \(run.started)")
    }

    static let descriptor = StageDescriptor(id: "run-echo", summary: "Writes the run metadata into documents (test stage).", options: []) {
        _, context throws(ConfigError) in RunEchoStage(run: context.run)
    }
}

@Suite("run metadata")
struct RunMetadataTests {
    @Test("timestamps are ISO 8601 UTC to the second")
    func timestamps() {
        #expect(RunMetadata.timestamp(0) == "1970-01-01T00:00:00Z")
        #expect(RunMetadata.timestamp(1_780_000_000) == "2026-05-28T20:26:40Z")
        let now = RunMetadata.timestamp()
        #expect(now.count == 20 && now.hasSuffix("Z") && now.dropFirst(10).first == "T")
    }

    @Test("the report's run object has exactly version, started, finished, host, pipeline, inputs, workers")
    func reportJSON() throws {
        let dir = TestDirectory.make("run-metadata")
        let input = "in/a.jsonl"
        var pipeline = Pipeline(
            file: "pipelines/test.yaml", run: RunOptions(workers: 3),
            stages: [ConfiguredStage(descriptor: RunEchoStage.descriptor, options: StageOptions(values: [:]))])
        pipeline.input.paths = [input]
        pipeline.report = dir + "/r.report.json"
        let before = RunMetadata.timestamp()
        // Stages are built by the runner from their descriptors (no instances given), as in `copydesk run`.
        let report = try PipelineRunner(pipeline: pipeline, context: StageContext()).run(source: MemorySource([makeDocument("1", text: "One.")]))
        let after = RunMetadata.timestamp()
        let run = try #require(report.run)
        #expect(run.version == CopydeskVersion.current)
        #expect(run.pipeline == "pipelines/test.yaml" && run.inputs == [input] && run.workers == 3)
        #expect(run.host == RunMetadata.hostName() && !run.host.isEmpty)
        let finished = try #require(run.finished)
        #expect(before <= run.started && run.started <= finished && finished <= after)

        let json = try JSONParser.parse(String(contentsOfFile: dir + "/r.report.json", encoding: .utf8))
        let members = try #require(json["run"]?.objectValue?.members, "the report has no run object: \(json)")
        #expect(members.map(\.key) == ["version", "started", "finished", "host", "pipeline", "inputs", "workers"])
        #expect(json["run"]?["version"] == .string(CopydeskVersion.current))
        #expect(json["run"]?["started"] == .string(run.started))
        #expect(json["run"]?["finished"] == .string(finished))
        #expect(json["run"]?["pipeline"] == .string("pipelines/test.yaml"))
        #expect(json["run"]?["inputs"] == .array([.string(input)]))
        #expect(json["run"]?["workers"] == .number(3))

        // Stages built by the runner see the same run (what the SQLite export's runs table records).
        let drops = try String(contentsOfFile: dir + "/r.drops.jsonl", encoding: .utf8)
        #expect(drops.contains("run of pipelines/test.yaml on \(input) started \(run.started)"), "\(drops)")
    }
}
