import CopydeskCore
import CopydeskTesting
import Foundation
import Language
import Testing

@Suite("bad input")
struct BadInputTests {
    @Test("empty text and text without letters: language and confidence null, counted as no_letters")
    func noLetters() throws {
        let stage = try languageStage()
        for text in ["", " \n\n\t ", "12:30 — 45,6 % (+3) 🙂🙂 ### ***", String(repeating: "1234567890 ", count: 10_000)] {
            var input = makeDocument("a", text: text)
            input.languageConfidence = 0.5
            let (document, counters) = try run(stage, input)
            #expect(document.language == nil)
            #expect(document.languageConfidence == nil, "a stale confidence is cleared")
            #expect(counters == ["no_letters": 1])
        }
        #expect(detector.detect("").language == nil)
        #expect(detector.detect("").confidence == nil)
    }

    @Test("a declared language survives a text without letters")
    func declaredWithoutLetters() throws {
        var input = makeDocument("a", text: "2024")
        input.language = "pt-BR"
        let (document, _) = try run(languageStage(), input)
        #expect(document.language == "pt-BR")
        #expect(document.languageConfidence == nil)
    }

    @Test("a mix of scripts: the main script decides, the confidence shrinks, counted as mixed_scripts")
    func mixedScripts() throws {
        let text = "Владимир Путин встретился с Си Цзиньпином в Москве. Meeting in Moscow today 習近平 🇬🇧"
        let (document, counters) = try run(languageStage(), makeDocument("a", text: text))
        #expect(document.language == "ru")
        #expect((document.languageConfidence ?? 1) < 0.8)
        #expect(counters["mixed_scripts"] == 1)
    }

    @Test("letters of a script no language of the model uses: null, counted as unknown_script")
    func unknownScript() throws {
        let (document, counters) = try run(languageStage(), makeDocument("a", text: "ქართული ენა არის ქართველების მშობლიური ენა"))
        #expect(document.language == nil)
        #expect(counters["unknown_script"] == 1)
    }

    @Test("malformed and unusual UTF-8 never crashes: lone combining marks, a huge word, NUL")
    func unusual() {
        let texts = ["\u{301}\u{301}\u{301}", String(repeating: "a", count: 1_000_000), "a\u{0}b\u{0}c", "𠀀𠀁𠀂 𝒜𝒷𝒸", "\u{FEFF}\u{200B}"]
        for text in texts { _ = detector.detect(text) }
        let bytes: [UInt8] = [0xFF, 0xC3, 0x28, 0xE2, 0x82, 0x61, 0x62, 0xF0, 0x9F]
        let detection = bytes.withUnsafeBufferPointer { detector.detect(bytes: $0) }
        #expect(detection.letters == 2, "the valid letters a and b are counted, broken sequences are spaces")
    }

    @Test("a confidence outside 0..1 is an error at its file:line:column")
    func confidenceRange() {
        for value in ["1.5", "-0.1"] {
            #expect {
                _ = try parsePipeline("stages:\n  - use: language\n    min_confidence: \(value)\n")
            } throws: { error in
                let error = error as? ConfigError
                return error?.position == FilePosition(file: "p.yaml", line: 3, column: 21) && error?.message.contains("min_confidence") == true
            }
        }
    }

    @Test("an unknown language code is an error at its position, listing the known ones")
    func unknownLanguage() {
        #expect {
            _ = try makeStage("stages:\n  - use: language\n    languages: [en, xx]\n")
        } throws: { error in
            let error = error as? ConfigError
            return error?.position?.line == 3 && error?.message.contains("'xx'") == true && error?.message.contains("en") == true
        }
    }

    @Test("a model file that is not a model is an error saying how to rebuild it")
    func badModel() throws {
        let directory = TestDirectory.make("language-model")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/broken.model"
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try makeStage("stages:\n  - use: language\n    model: \(path)\n")
        } throws: { error in
            let error = error as? ConfigError
            return error?.message.contains("copydesk-train-language") == true && error?.position?.line == 3
        }
        let truncated = Array(try Data(contentsOf: URL(fileURLWithPath: try #require(LanguageModel.builtInResource.path))).prefix(5000))
        #expect(throws: LanguageModelError.self) { try LanguageModel(bytes: truncated, source: "cut.model") }
    }
}
