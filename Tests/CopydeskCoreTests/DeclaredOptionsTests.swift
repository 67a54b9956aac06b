import CopydeskCore
import CopydeskTesting
import Testing

/// Options declared once, for these tests.
struct ShoutOptions: DeclaredOptions {
    enum Letters: String, Sendable, CaseIterable, OptionValueRepresentable { case upper, title }

    var marks = 1
    var letters: Letters = .upper
    var suffix: String?
    var ratio = 0.25
    var words: [String] = []

    init() {}

    static let schema = OptionSchema<Self>([
        .int("marks", \.marks, min: 0, max: 10, "Exclamation marks."),
        .choice("letters", \.letters, "Which letters."),
        .string("suffix", \.suffix, "Text after the marks."),
        .number("ratio", \.ratio, min: 0, max: 1, "A share."),
        .strings("words", \.words, "Words to change."),
    ])

    func validate(_ check: OptionCheck<Self>) throws(ConfigError) {
        if marks == 0, suffix == nil { throw check.error(\.marks, "0 marks and no suffix change nothing") }
    }
}

struct ShoutStage: DocumentStage {
    var options: ShoutOptions
    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict { .keep }
}

@Suite("declared options")
struct DeclaredOptionsTests {
    let descriptor = StageDescriptor(id: "shout", summary: "Shouts (test stage).", options: ShoutOptions.self) { options, _ throws(ConfigError) in
        ShoutStage(options: options.value)
    }

    func parse(_ body: String) throws(ConfigError) -> Pipeline {
        try Pipeline.parse(yaml: "stages:\n  - use: shout\n" + body, file: "p.yaml", registry: StageRegistry([descriptor]))
    }

    func built(_ body: String) throws -> ShoutOptions {
        let pipeline = try parse(body)
        guard case .document(let stage) = try pipeline.instantiate(context: StageContext())[0], let shout = stage as? ShoutStage else {
            throw ConfigError("shout did not build a ShoutStage")
        }
        return shout.options
    }

    @Test("the specs take their defaults from the struct's default value, their kinds from the fields")
    func specs() {
        let specs = ShoutOptions.schema.specs
        #expect(specs.map(\.name) == ["marks", "letters", "suffix", "ratio", "words"])
        #expect(specs.map(\.defaultValue) == [.int(1), .string("upper"), nil, .double(0.25), .list([])])
        #expect(specs.map { "\($0.kind)" } == ["int 0…10", "upper|title", "string", "number 0.0…1.0", "[string]"])
        #expect(descriptor.kind == .document)
    }

    @Test("given values reach the struct; absent ones keep the defaults")
    func decoding() throws {
        let options = try built("    marks: 3\n    letters: title\n    suffix: '!'\n    ratio: 1\n    words: [a, b]\n")
        #expect(options.marks == 3 && options.letters == .title && options.suffix == "!" && options.ratio == 1 && options.words == ["a", "b"])
        let defaults = try built("")
        #expect(defaults.marks == 1 && defaults.letters == .upper && defaults.suffix == nil && defaults.words.isEmpty)
    }

    @Test("unknown names, wrong types and values out of range are positioned errors; cross-option rules too")
    func errors() {
        func message(_ body: String) -> String? {
            do {
                _ = try built(body)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(message("    markz: 2\n")?.contains("p.yaml:3:5") == true)
        #expect(message("    markz: 2\n")?.contains("marks") == true)
        #expect(message("    marks: many\n")?.contains("must be an integer") == true)
        #expect(message("    marks: 11\n")?.contains("at most 10") == true)
        #expect(message("    letters: lower\n")?.contains("one of upper, title") == true)
        let rule = message("    marks: 0\n")
        #expect(rule?.contains("0 marks and no suffix") == true && rule?.contains("p.yaml:3:12") == true)
    }

    @Test("the Markdown table lists every option with type and default")
    func markdown() {
        let table = OptionTableDocs.markdown(descriptor.options)
        #expect(table.contains("| `marks` | `int 0…10` | `1` | Exclamation marks. |"))
        #expect(table.contains("| `suffix` | `string` | — | Text after the marks. |"))
        #expect(table.contains("`upper\\|title`"))
    }
}
