import CopydeskCore
import CopydeskTesting
import Language
import Testing

@Suite("language stage")
struct StageTests {
    let english = "The central bank raised interest rates on Thursday, saying inflation had stayed above its target."
    let german = "Die Bundesregierung hat am Donnerstag neue Regeln für den Ausbau der Windkraft beschlossen."

    @Test("fills language and a confidence when nothing was declared")
    func fills() throws {
        let (document, counters) = try run(languageStage(), makeDocument("a", text: english))
        #expect(document.language == "en")
        let confidence = try #require(document.languageConfidence)
        #expect(confidence > 0.5 && confidence <= 1)
        #expect(counters == ["detected": 1])
    }

    @Test("a text too short is identified together with the title")
    func title() throws {
        let (document, counters) = try run(
            languageStage(), makeDocument("a", text: "Foto: dpa", title: "Bundesregierung beschließt neue Regeln für Windkraft"))
        #expect(document.language == "de")
        #expect(counters["from_title"] == 1)
        let (untitled, _) = try run(languageStage(["min_letters": .int(0)]), makeDocument("b", text: "", title: "Neue Regeln"))
        #expect(untitled.language == nil, "min_letters 0 never looks at the title")
    }

    @Test("prefer text replaces a declared language the text contradicts")
    func preferText() throws {
        var input = makeDocument("a", text: german)
        input.language = "en-US"
        let (document, counters) = try run(languageStage(), input)
        #expect(document.language == "de")
        #expect(counters["declared_overridden"] == 1)
    }

    @Test("prefer declared keeps it, as ISO 639-1, with the model's confidence in it")
    func preferDeclared() throws {
        var input = makeDocument("a", text: german)
        input.language = "en-US"
        let (document, counters) = try run(languageStage(["prefer": .string("declared")]), input)
        #expect(document.language == "en")
        #expect((document.languageConfidence ?? 1) < 0.5)
        #expect(counters["declared_kept"] == 1)
    }

    @Test("an agreeing declaration becomes the ISO 639-1 code")
    func agrees() throws {
        var input = makeDocument("a", text: german)
        input.language = "deu"
        let (document, counters) = try run(languageStage(["prefer": .string("declared")]), input)
        #expect(document.language == "de")
        #expect(document.languageConfidence != nil)
        #expect(counters["declared_agrees"] == 1)
    }

    @Test("paragraphs: true gives one language per paragraph, null for one without letters")
    func paragraphs() throws {
        let text = english + "\n\n" + german + "\n\n  \n\n12:30 — 45\n\nВ четверг правительство объявило о новых мерах поддержки бизнеса."
        let (document, _) = try run(languageStage(["paragraphs": .bool(true)]), makeDocument("a", text: text))
        #expect(document.paragraphLanguages == ["en", "de", nil, "ru"])
        let (plain, _) = try run(languageStage(), makeDocument("b", text: text))
        #expect(plain.paragraphLanguages == nil)
    }

    @Test("min_confidence leaves an unsure detection out")
    func minConfidence() throws {
        let (document, counters) = try run(languageStage(["min_confidence": .double(0.99)]), makeDocument("a", text: "Hotel Central"))
        #expect(document.language == nil)
        #expect(document.languageConfidence == nil)
        #expect(counters["low_confidence"] == 1)
    }

    @Test("counters reach the run report through the runner, and every document comes out")
    func report() throws {
        let stage = try languageStage()
        let documents = [makeDocument("a", text: english), makeDocument("b", text: "123 456"), makeDocument("c", text: german)]
        let (output, report) = try runInMemory([.document(stage)], descriptors: [LanguageStage.descriptor], documents: documents)
        #expect(output.map(\.language) == ["en", nil, "de"])
        #expect(report.stages[0].counters == ["detected": 2, "no_letters": 1])
    }

    @Test("language_confidence is written right after language, only when set, and read back")
    func record() throws {
        var document = makeDocument("a", text: "x")
        document.language = "en"
        let plain = String(decoding: DocumentRecord.line(document), as: UTF8.self)
        #expect(!plain.contains("language_confidence"))
        document.languageConfidence = 0.875
        let line = String(decoding: DocumentRecord.line(document), as: UTF8.self)
        #expect(line.contains(#""language":"en","language_confidence":0.875,"text""#))
        let value = try JSONParser.parse(String(line.dropLast()))
        #expect(try DocumentRecord.read(value, source: document.source).languageConfidence == 0.875)
    }
}
