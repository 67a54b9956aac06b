import CopydeskCore
import CopydeskTesting
import Filter
import Testing

/// Bad and odd documents never crash the filter and never disappear: each is kept or dropped with a reason.
@Suite("filter bad input")
struct BadInputTests {
    static let quality = """
        min_words: 3
        conditions:
          - min_letter_share: 0.5
          - max_digit_share: 0.3
          - min_mean_word_length: 2
          - min_punctuated_lines: 0.5
          - max_repeated_lines: 0.5
        """

    @Test("empty text is dropped by the first condition that needs text, with its reason")
    func emptyText() throws {
        let stage = try filterStage(Self.quality)
        #expect(try reason(stage, makeDocument("a", text: "")) == "0 words, fewer than 3")
        let lettersFirst = try filterStage("conditions:\n  - min_letter_share: 0.5")
        #expect(try reason(lettersFirst, makeDocument("a", text: "")) == "no visible characters (letter share ≥ 0.5)")
        let exclude = try filterStage("conditions:\n  - exclude: spam")
        #expect(try reason(exclude, makeDocument("a", text: "")) == nil, "empty text matches no excluded pattern")
    }

    @Test("text with no letters: a stock table is dropped for its letter share")
    func noLetters() throws {
        let stage = try filterStage(Self.quality)
        let table = "1,234.5 +0.5 -0.25\n2,345.0 +1.5 -1.25\n===== ===== =====\n3,456.0 +2.5 -2.25"
        #expect(try reason(stage, makeDocument("t", text: table)) == "letter share 0.0 below 0.5")
    }

    @Test("a mix of scripts passes the quality conditions as prose does")
    func mixedScripts() throws {
        let stage = try filterStage(Self.quality)
        let text = "Президент прибыл в Пекин.\n\n習近平主席と会談した。\n\nThe talks lasted two hours.\n\nالمحادثات استمرت ساعتين."
        #expect(try reason(stage, makeDocument("m", text: text)) == nil)
    }

    @Test("a condition on a field no document has: one warning naming the field, however many documents")
    func missingFieldWarnsOnce() throws {
        let log = LogCapture()
        let stage = try filterStage("conditions:\n  - field: site\n    include: Reuters", log: log)
        let documents = (1...50).map { makeDocument("d\($0)", text: prose(10)) }
        let (output, report) = try runInMemory([.document(stage)], descriptors: [FilterStage.descriptor], documents: documents, workers: 2)
        #expect(output.isEmpty)
        #expect(report.dropped == 50)
        let warnings = log.all.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("reads 'site'") == true)
    }

    @Test("conditions on entities, duplicate and language without the stages that fill them warn once each, naming the stage")
    func missingStages() throws {
        let log = LogCapture()
        let stage = try filterStage("""
            language: [en]
            conditions:
              - any:
                  - entity: {type: PERSON}
                  - drop_relations: [near]
            """, log: log)
        let documents = (1...5).map { makeDocument("d\($0)", text: "x") }
        for document in documents { _ = try stage.apply(to: document) }
        var english = makeDocument("e", text: "x")
        english.language = "en"
        for _ in 0..<3 { _ = try stage.apply(to: english) }
        let warnings = log.all.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 3, "\(warnings)")
        #expect(warnings.contains { $0.contains("'language'") && $0.contains("language stage") })
        #expect(warnings.contains { $0.contains("'entities'") && $0.contains("entities stage") })
        #expect(warnings.contains { $0.contains("'duplicate'") && $0.contains("dedupe stage") })
    }
}
