import Byline
import CopydeskCore
import CopydeskTesting
import Testing

/// The `byline` stage as a pipeline file with `options` would build it (defaults for the rest).
func bylineStage(_ options: [String: OptionValue] = [:]) throws -> StageInstance {
    try BylineStage.descriptor.make(BylineStage.descriptor.defaultOptions(overriding: options), StageContext())
}

/// Parses a pipeline file whose only stage is `byline` with the options given as YAML lines.
func parse(_ optionLines: String) throws(ConfigError) -> Pipeline {
    let yaml = """
        input:
          paths: [articles.jsonl]
        stages:
          - use: byline
        \(optionLines)
        """
    return try Pipeline.parse(yaml: yaml, file: "byline.yaml", registry: StageRegistry([BylineStage.descriptor]))
}

@Suite("byline stage")
struct BylineStageTests {
    let documents = [
        makeDocument("1", text: "By Maria Lopez and Tom Becker, Reuters\n\nDock workers returned to work on Monday."),
        makeDocument("2", text: "By Friday, wheat futures had risen for a fifth day.\n\nTraders expect more gains."),
        makeDocument("3", text: "VON ANNA SCHMIDT\n\nDer Chiphersteller hob seine Prognose an."),
    ]

    @Test("is per-document, because BylineStage is a DocumentStage")
    func kind() {
        #expect(BylineStage.descriptor.kind == .document)
        #expect(BylineStage.descriptor.options.map(\.name) == ["prefixes", "remove"])
    }

    @Test("fills author from the byline, removes the line, leaves a sentence that opens with By alone")
    func effect() throws {
        let (output, report) = try runInMemory(
            [bylineStage(["prefixes": .list([.string("By"), .string("Von")])])], descriptors: [BylineStage.descriptor],
            documents: documents)
        #expect(output.map(\.id) == ["1", "2", "3"], "the stage never drops a document")
        #expect(output.map(\.author) == ["Maria Lopez and Tom Becker", nil, "ANNA SCHMIDT"])
        #expect(output[0].text == "Dock workers returned to work on Monday.")
        #expect(output[1].text == documents[1].text)
        #expect(output[2].text == "Der Chiphersteller hob seine Prognose an.")
        #expect(report.stages[0].counters == ["bylines": 2])
    }

    @Test("with the default prefixes only By opens a byline")
    func defaultPrefixes() throws {
        let (output, _) = try runInMemory([bylineStage()], descriptors: [BylineStage.descriptor], documents: documents)
        #expect(output.map(\.author) == ["Maria Lopez and Tom Becker", nil, nil])
    }

    @Test("remove: false keeps the line; an author the document has already is kept and counted")
    func keepLine() throws {
        var named = documents[0]
        named.author = "Business desk"
        let (output, report) = try runInMemory(
            [bylineStage(["remove": .bool(false)])], descriptors: [BylineStage.descriptor], documents: [named])
        #expect(output[0].author == "Business desk")
        #expect(output[0].text == documents[0].text)
        #expect(report.stages[0].counters == ["bylines": 1, "author_kept": 1])
    }

    @Test("options are validated from their declaration, with the position in the pipeline file")
    func validation() throws {
        let good = try parse("    prefixes: [By, Par]\n    remove: false")
        #expect(good.stages.map(\.descriptor.id) == ["byline"])

        let misspelt = #expect(throws: ConfigError.self) { try parse("    removes: true") }
        #expect(misspelt?.position?.line == 5)
        #expect(misspelt?.message.contains("did you mean 'remove'") == true, "\(String(describing: misspelt))")

        let wrongType = #expect(throws: ConfigError.self) { try parse("    remove: sometimes") }
        #expect(wrongType?.position?.line == 5)

        let empty = #expect(throws: ConfigError.self) {
            let pipeline = try parse("    prefixes: [By, '']")
            _ = try pipeline.stages[0].descriptor.make(pipeline.stages[0].options, StageContext())
        }
        #expect(empty?.position == FilePosition(file: "byline.yaml", line: 5, column: 15))
        #expect(empty?.message.contains("empty prefix") == true, "\(String(describing: empty))")
    }
}
