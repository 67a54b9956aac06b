import CopydeskCore
import CopydeskTesting
import Normalise
import Testing

@Suite("normalise stage")
struct StageTests {
    @Test("the descriptor declares id, kind, every option in order with its default, and documents each")
    func descriptor() {
        let descriptor = NormaliseStage.descriptor
        #expect(descriptor.id == "normalise")
        #expect(descriptor.kind == .document)
        #expect(!descriptor.summary.isEmpty && !descriptor.summary.contains("\n"))
        #expect(descriptor.options.map(\.name)
            == ["unicode", "paragraphs", "whitespace", "invisible", "control", "entities", "mojibake", "punctuation"])
        let defaults = Dictionary(uniqueKeysWithValues: descriptor.options.map { ($0.name, $0.defaultValue) })
        #expect(defaults["unicode"] == .string("nfc"))
        #expect(defaults["paragraphs"] == .string("auto"))
        #expect(defaults["punctuation"] == .string("keep"))
        for name in ["whitespace", "invisible", "control", "entities", "mojibake"] {
            #expect(defaults[name] == .bool(true), "\(name)")
        }
        for spec in descriptor.options {
            #expect(!spec.required, "\(spec.name)")
            #expect(spec.summary.count > 40 && !spec.summary.contains("\n"), "\(spec.name)")
        }
    }

    @Test("choice options list exactly the values the normaliser understands")
    func choices() {
        func values(_ name: String) -> [String] {
            guard case .choice(let values)? = NormaliseStage.descriptor.options.first(where: { $0.name == name })?.kind else { return [] }
            return values
        }
        #expect(values("unicode") == ["nfc", "nfkc", "none"])
        #expect(values("paragraphs") == ["auto", "blank-lines", "lines", "keep"])
        #expect(values("punctuation") == ["keep", "ascii"])
    }

    @Test("decoded default options are the normaliser's defaults")
    func defaultOptions() throws {
        let options = try NormaliseOptions.schema.decode(NormaliseStage.descriptor.defaultOptions())
        #expect(options == NormaliseOptions())
        let custom = try NormaliseOptions.schema.decode(NormaliseStage.descriptor.defaultOptions(overriding: [
            "unicode": .string("nfkc"), "paragraphs": .string("blank-lines"), "punctuation": .string("ascii"),
            "mojibake": .bool(false),
        ]))
        #expect(custom == NormaliseOptions(unicode: .nfkc, paragraphs: .blankLines, mojibake: false, punctuation: .ascii))
    }

    @Test("an unknown choice value is a configuration error naming the option")
    func badChoice() {
        var values = (try? NormaliseStage.descriptor.defaultOptions())?.values ?? [:]
        values["unicode"] = .string("nfd")
        #expect(throws: ConfigError.self) { try NormaliseOptions.schema.decode(StageOptions(values: values)) }
        do {
            _ = try NormaliseOptions.schema.decode(StageOptions(values: values))
        } catch {
            #expect(error.message.contains("unicode") && error.message.contains("nfd"))
        }
    }

    @Test("the stage normalises text and title, keeps the document and leaves the HTML untouched")
    func process() throws {
        let stage = try makeStage()
        let html = "<p>caf&eacute;\u{00A0}  </p>\r\n"
        let document = makeDocument(
            "d1", text: "  First\r\nline wraps here.\n\n\nSecond&nbsp;one.  ", title: "  A  title\nover two lines ", html: html)
        let (result, verdict) = try stage.apply(to: document)
        #expect(verdict == .keep)
        expectScalars(result.text, "First line wraps here.\n\nSecond one.")
        expectScalars(result.title ?? "<nil>", "A title over two lines")
        #expect(result.html.map { Array($0.utf8) } == Array(html.utf8))
        #expect(result.id == document.id && result.source == document.source)
    }

    @Test("a document without a title keeps a nil title; an empty text stays empty and is kept")
    func missingFields() throws {
        let stage = try makeStage()
        let (result, verdict) = try stage.apply(to: makeDocument("d2", text: " \n "))
        #expect(verdict == .keep)
        #expect(result.title == nil)
        #expect(result.text.isEmpty)
    }

    @Test("options given to the descriptor reach the stage")
    func optionsReachStage() throws {
        let stage = try makeStage(["punctuation": .string("ascii"), "paragraphs": .string("lines")])
        let (result, _) = try stage.apply(to: makeDocument("d3", text: "“One”\nTwo…", title: "“T”"))
        expectScalars(result.text, "\"One\"\n\nTwo...")
        expectScalars(result.title ?? "", "\"T\"")
    }

    @Test("runs in the pipeline runner on several workers and keeps every document in order")
    func inRunner() throws {
        let documents = (0..<40).map { makeDocument("n\($0)", text: "Story \($0)\r\nwraps&nbsp;here.", title: " T\($0) ") }
        let (output, report) = try runInMemory(
            [try NormaliseStage.descriptor.make(NormaliseStage.descriptor.defaultOptions(), StageContext())],
            descriptors: [NormaliseStage.descriptor], documents: documents, workers: 2)
        #expect(output.map(\.id) == documents.map(\.id))
        #expect(output.allSatisfy { $0.text.hasSuffix("wraps here.") && $0.title?.hasPrefix("T") == true })
        #expect(report.balanced && report.dropped == 0 && report.rejected == 0)
    }

    private func makeStage(_ overrides: [String: OptionValue] = [:]) throws -> any DocumentStage {
        let descriptor = NormaliseStage.descriptor
        guard case .document(let stage) = try descriptor.make(descriptor.defaultOptions(overriding: overrides), StageContext()) else {
            throw FixtureError("normalise did not build a per-document stage")
        }
        return stage
    }
}
