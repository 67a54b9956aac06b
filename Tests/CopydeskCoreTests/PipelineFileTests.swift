import CopydeskCore
import Testing

@Suite("pipeline files")
struct PipelineFileTests {
    func parse(_ yaml: String) throws(ConfigError) -> Pipeline {
        try Pipeline.parse(yaml: yaml, file: "p.yaml", registry: testRegistry)
    }

    func error(_ yaml: String) -> ConfigError? {
        do { _ = try parse(yaml) } catch { return error }
        return nil
    }

    @Test("decodes stages and applies every default")
    func defaults() throws {
        let pipeline = try parse("""
            input:
              paths: [a, b]
            stages:
              - use: uppercase
              - use: holding
                path: out/x.jsonl
            """)
        #expect(pipeline.input.paths == ["a", "b"])
        #expect(pipeline.input.format == .auto)
        #expect(pipeline.input.invalidUTF8 == .repair)
        #expect(pipeline.input.fields == JSONLFieldMap())
        #expect(pipeline.run.workers == 0)
        #expect(pipeline.stages.map(\.descriptor.id) == ["uppercase", "holding"])
        #expect(pipeline.stages[0].options["jitter"] == .bool(false))
        #expect(pipeline.stages[0].options["ratio"] == .double(0.5))
        #expect(pipeline.stages[0].options.optionalString("label") == nil)
        #expect(pipeline.lastOutputPath == "out/x.jsonl")
    }

    @Test("an unknown stage is reported at its position with the nearest known id")
    func unknownStage() {
        let e = error("stages:\n  - use: uppercse\n")
        #expect(e?.position == FilePosition(file: "p.yaml", line: 2, column: 10))
        #expect(e?.message.contains("unknown stage 'uppercse'") == true)
        #expect(e?.message.contains("did you mean 'uppercase'?") == true)
    }

    @Test("a misspelt option is reported at its position with the nearest option name")
    func misspeltOption() {
        let e = error("stages:\n  - use: uppercase\n    jiter: true\n")
        #expect(e?.position == FilePosition(file: "p.yaml", line: 3, column: 5))
        #expect(e?.message.contains("no option 'jiter'") == true)
        #expect(e?.message.contains("did you mean 'jitter'?") == true)
    }

    @Test("a wrong option type names the expected type and the value found")
    func wrongType() {
        let e = error("stages:\n  - use: uppercase\n    jitter: 3\n")
        #expect(e?.position?.line == 3)
        #expect(e?.position?.column == 13)
        #expect(e?.message.contains("must be true or false, not the integer 3") == true)
        let range = error("stages:\n  - use: uppercase\n    ratio: 2.5\n")
        #expect(range?.message.contains("at most 1.0") == true)
        let choice = error("stages:\n  - use: uppercase\n    mode: fats\n")
        #expect(choice?.message.contains("did you mean 'fast'?") == true)
        let list = error("stages:\n  - use: uppercase\n    words: hello\n")
        #expect(list?.message.contains("must be a list") == true)
    }

    @Test("a missing required option is an error at the stage entry")
    func missingRequired() {
        let e = error("stages:\n  - use: holding\n")
        #expect(e?.position?.line == 2)
        #expect(e?.message.contains("needs option 'path'") == true)
    }

    @Test("a YAML syntax error carries line and column")
    func syntaxError() {
        let e = error("stages:\n  - use: uppercase\n   bad: [unclosed\n")
        #expect(e?.position != nil)
        #expect(e?.message.contains("YAML syntax error") == true)
        #expect(e?.description.hasPrefix("p.yaml:") == true)
    }

    @Test("fuzz regression: an overflowing base-60 number is a positioned error, not a trap in the YAML library")
    func sexagesimalOverflow() {
        let huge = "39999999999999999998:9900000099999999:9900000:99000000999999999"
        #expect(error(huge)?.message.contains("mapping") == true)
        let e = error("run:\n  batch_size: \(huge)\nstages:\n  - use: uppercase\n")
        #expect(e?.message.contains("integer") == true)
        #expect(e?.position != nil)
        #expect((try? parse("run:\n  batch_size: 1_024\nstages:\n  - use: uppercase\n"))?.run.batchSize == 1024)
        #expect((try? parse("run:\n  batch_size: 0x40\nstages:\n  - use: uppercase\n"))?.run.batchSize == 64)
    }

    @Test("unknown top-level keys, misspelt input keys and empty pipelines are rejected")
    func topLevel() {
        #expect(error("stage:\n  - use: uppercase\n")?.message.contains("did you mean 'stages'?") == true)
        #expect(error("input:\n  path: [a]\nstages:\n  - use: uppercase\n")?.message.contains("did you mean 'paths'?") == true)
        #expect(error("input:\n  fields: {txt: body}\nstages:\n  - use: uppercase\n")?.message.contains("did you mean 'text'?") == true)
        #expect(error("name: x\n")?.message.contains("no stages") == true)
        #expect(error("")?.message.contains("empty") == true)
        #expect(error("- use: uppercase\n")?.message.contains("mapping") == true)
        #expect(error("stages:\n  - use: uppercase\n    jitter: true\n    jitter: false\n") != nil)
    }

    @Test("--output replaces the last export's path and fails without one")
    func outputOverride() throws {
        var pipeline = try parse("stages:\n  - use: holding\n    path: a.jsonl\n  - use: holding\n    path: b.jsonl\n")
        try pipeline.overrideOutput("c.jsonl")
        #expect(pipeline.stages[0].options.optionalString("path") == "a.jsonl")
        #expect(pipeline.stages[1].options.optionalString("path") == "c.jsonl")
        var plain = try parse("stages:\n  - use: uppercase\n")
        #expect(throws: ConfigError.self) { try plain.overrideOutput("x") }
    }

    @Test("nearest-name suggestions tolerate typos but not unrelated words")
    func nearestName() {
        #expect(NearestName.suggestion(for: "normalize", among: ["normalise", "export"]) == "normalise")
        #expect(NearestName.suggestion(for: "exprot", among: ["normalise", "export"]) == "export")
        #expect(NearestName.suggestion(for: "zebra", among: ["normalise", "export"]) == nil)
    }
}
