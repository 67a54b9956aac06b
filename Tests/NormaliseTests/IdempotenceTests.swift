import Normalise
import Testing

@Suite("idempotence")
struct IdempotenceTests {
    /// Texts with something for every step to do.
    static let awkward = [
        "  Caf\u{E9}\u{0301}&nbsp;&amp; \u{200B}donâ€™t\r\n\u{00A0}wrap here\u{2029}\u{1}next\u{0C}page  ",
        "donÃ¢â‚¬â„¢t Ã©\u{92} \u{2028}\t\t“q” — …",
        "• item one that is long and\n  hangs here\n- two\n\n\n# Heading\ntext &#x1F600; &#146;",
        ParagraphTests.reuters,
    ]

    @Test("normalising twice gives the same text as once, for every seed and every option set")
    func seeds() throws {
        let texts = try Fixtures.seeds().map(\.text) + Self.awkward
        for options in Self.optionSets {
            let normaliser = TextNormaliser(options: options)
            for text in texts {
                let once = normaliser.normaliseText(text)
                expectScalars(normaliser.normaliseText(once), once)
                let line = normaliser.normaliseLine(text)
                expectScalars(normaliser.normaliseLine(line), line)
            }
        }
    }

    @Test("normalising twice gives the same text as once over a sample of Reuters stories",
          .enabled(if: Fixtures.hasReuters, "Reuters-21578 is not at ../shared/data/reuters21578/docs.jsonl"))
    func reuters() throws {
        let normaliser = TextNormaliser()
        for text in try Fixtures.reutersSample(stride: 10) {
            let once = normaliser.normaliseText(text)
            expectScalars(normaliser.normaliseText(once), once)
        }
    }

    static var optionSets: [NormaliseOptions] {
        var sets = NormaliseOptions.ParagraphMode.allCases.map { NormaliseOptions(paragraphs: $0) }
        sets.append(NormaliseOptions(unicode: .nfkc, punctuation: .ascii))
        sets.append(NormaliseOptions(unicode: .none, whitespace: false, invisible: false, control: false, entities: false, mojibake: false))
        return sets
    }
}
