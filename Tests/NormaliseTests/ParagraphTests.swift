import Foundation
import Normalise
import Testing

@Suite("paragraphs")
struct ParagraphTests {
    /// The start of Reuters story 1: hard wraps at ~62 columns, paragraphs start with four spaces.
    static let reuters = """
        SALVADOR, Feb 26 - Showers continued throughout the week in
        the Bahia cocoa zone, alleviating the drought since early
        January and improving prospects for the coming temporao,
        although normal humidity levels have not been restored,
        Comissaria Smith said in its weekly review.
            The dry period means the temporao will be late this year.
            Arrivals for the week ended February 22 were 155,221 bags
        of 60 kilos making a cumulative total for the season of 5.93
        mln against 5.81 at the same stage last year. Again it seems
        that cocoa delivered earlier on consignment was included in the
        arrivals figures.
         Reuter
        """

    @Test("auto: joins hard-wrapped lines and starts a paragraph at each indented line (Reuters)")
    func reutersShape() {
        expectScalars(normalise(Self.reuters), """
            SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, alleviating the \
            drought since early January and improving prospects for the coming temporao, although normal humidity \
            levels have not been restored, Comissaria Smith said in its weekly review.

            The dry period means the temporao will be late this year.

            Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for \
            the season of 5.93 mln against 5.81 at the same stage last year. Again it seems that cocoa delivered \
            earlier on consignment was included in the arrivals figures.

            Reuter
            """)
    }

    @Test("auto: keeps each row of an indented Reuters earnings table as its own paragraph")
    func reutersTable() {
        let table = "PLYMOUTH MEETING, Pa, June 1 - Shr 11 cts vs 21 cts\n    Net 563,000 vs 863,00\n"
            + "    Revs 28.8 mln vs 32.5 mln\n    NOTE: Prior year net includes gain on sale of property of\n4,557,000 dlrs.\n Reuter\n"
        expectScalars(normalise(table), """
            PLYMOUTH MEETING, Pa, June 1 - Shr 11 cts vs 21 cts

            Net 563,000 vs 863,00

            Revs 28.8 mln vs 32.5 mln

            NOTE: Prior year net includes gain on sale of property of 4,557,000 dlrs.

            Reuter
            """)
    }

    @Test("auto: a dash starting a wrapped line continues the sentence instead of opening a list")
    func dashInWrappedProse() {
        let text = """
            Finance director Niall Fitzgerald added that while gearing
            - debt to equity plus debt - rose to about 60 pct at end 1986
            from 35 pct last year, this was expected to drop back.
            """
        expectScalars(normalise(text), "Finance director Niall Fitzgerald added that while gearing - debt to equity plus "
            + "debt - rose to about 60 pct at end 1986 from 35 pct last year, this was expected to drop back.")
    }

    @Test("auto: seed 000 keeps its blank-line paragraphs")
    func blankLineSeed() throws {
        let seed = try Fixtures.seed("000")
        let expected = seed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let paragraphs = normalise(seed).components(separatedBy: "\n\n")
        #expect(paragraphs == expected)
        #expect(paragraphs.count == 23)
    }

    @Test("auto: seed 001, one line per paragraph, gets one paragraph per line")
    func linePerParagraphSeed() throws {
        let seed = try Fixtures.seed("001")
        let expected = seed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(normalise(seed).components(separatedBy: "\n\n") == expected)
        #expect(expected.count == 24)
    }

    @Test("auto: every seed keeps one paragraph per non-empty line")
    func allSeeds() throws {
        for (name, seed) in try Fixtures.seeds() {
            let lines = seed.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
            #expect(normalise(seed).components(separatedBy: "\n\n").count == lines.count, "\(name)")
        }
    }

    @Test("auto: joins the one hard-wrapped paragraph among blank-line-separated ones")
    func mixed() {
        let text = """
            The first paragraph is one long line, as a web page would give it to us.

            The second paragraph was written in an editor that
            wraps lines at about fifty columns and continues
            here until it ends.

            Third paragraph.
            """
        expectScalars(normalise(text), """
            The first paragraph is one long line, as a web page would give it to us.

            The second paragraph was written in an editor that wraps lines at about fifty columns and continues here until it ends.

            Third paragraph.
            """)
    }

    @Test("auto: in hard-wrapped text without indentation a short line ends its paragraph")
    func shortLineEndsParagraph() {
        let text = """
            Market report
            The index fell 3 percent on Monday as investors worried about the
            outlook for growth and the prospect of higher interest rates in the
            United States. Analysts said the fall was overdone.
            Oil prices rose on supply concerns after a pipeline was shut in the
            North Sea, traders said.
            """
        expectScalars(normalise(text), """
            Market report

            The index fell 3 percent on Monday as investors worried about the outlook for growth and the prospect of \
            higher interest rates in the United States. Analysts said the fall was overdone.

            Oil prices rose on supply concerns after a pipeline was shut in the North Sea, traders said.
            """)
    }

    @Test("auto: in hard-wrapped text a short line is still joined when the next line goes on in lower case")
    func shortLineThenLowercase() {
        let text = """
            The committee met on Tuesday to discuss the proposals that were
            put forward by the
            government last week, officials said on Wednesday after talks
            that ended without an agreement on the timetable or the budget.
            """
        expectScalars(normalise(text), "The committee met on Tuesday to discuss the proposals that were put forward by the "
            + "government last week, officials said on Wednesday after talks that ended without an agreement on the timetable or the budget.")
    }

    @Test("auto: a short title line followed by a sentence stays two paragraphs")
    func titleAndSentence() {
        expectScalars(normalise("Title line\nBody sentence one."), "Title line\n\nBody sentence one.")
    }

    @Test("auto: a line going on in lower case after an unfinished line is joined even in a short text")
    func lowercaseContinuation() {
        expectScalars(normalise("This is a paragraph that was wrapped at\nsome width and ends here."),
            "This is a paragraph that was wrapped at some width and ends here.")
    }

    @Test("auto: short lines that do not continue each other stay separate (list of names)")
    func shortLines() {
        expectScalars(normalise("Like Love Haha Wow Sad Angry\nRelated Posts\nMore stories"),
            "Like Love Haha Wow Sad Angry\n\nRelated Posts\n\nMore stories")
    }

    @Test("auto: keeps list items and headings separate, and joins a hanging list continuation")
    func listsAndHeadings() {
        let text = """
            # Results
            The company listed the following reasons for the decline in its
            earnings during the quarter, which ended on March 31:
            - lower prices for its main products in Europe
            - higher costs
            * weaker demand
            • a strike that is long and
              wraps onto a second line
            1. first
            2. second
            """
        expectScalars(normalise(text), """
            # Results

            The company listed the following reasons for the decline in its earnings during the quarter, which ended on March 31:

            - lower prices for its main products in Europe

            - higher costs

            * weaker demand

            • a strike that is long and wraps onto a second line

            1. first

            2. second
            """)
    }

    @Test("auto: ignores the common margin of a fully indented text")
    func commonMargin() {
        let text = "  The report was written by a committee that\n  wraps its lines at forty-five columns.\n"
            + "      A new paragraph starts deeper.\n"
        expectScalars(normalise(text),
            "The report was written by a committee that wraps its lines at forty-five columns.\n\nA new paragraph starts deeper.")
    }

    @Test("blank-lines: blank lines separate paragraphs and single newlines are joined")
    func blankLinesMode() {
        let text = "  First line\nSecond Line  \n\n\n  Next paragraph\n"
        expectScalars(normalise(text) { $0.paragraphs = .blankLines }, "First line Second Line\n\nNext paragraph")
        #expect(!normalise(Self.reuters) { $0.paragraphs = .blankLines }.contains("\n"), "no blank line: one paragraph")
    }

    @Test("lines: every non-empty line is a paragraph")
    func linesMode() {
        expectScalars(normalise("a\nb\n\n\n c \n") { $0.paragraphs = .lines }, "a\n\nb\n\nc")
    }

    @Test("keep: keeps single newlines, collapses runs of blank lines into one and trims")
    func keepMode() {
        expectScalars(normalise("\n\n  a  x\n  b\n \n\n\t\nc  \n\n") { $0.paragraphs = .keep }, "a x\nb\n\nc")
        expectScalars(normalise("  a  x\n  b\n\n\nc  \n") { $0.paragraphs = .keep; $0.whitespace = false }, "a  x\n  b\n\nc")
    }

    @Test("output has paragraphs separated by exactly one blank line and no surrounding whitespace, in every mode")
    func invariants() {
        let text = "\n \t Lead line.  \n\n\n\n  Second\tparagraph  here.\n\n\n   \n"
        for mode in NormaliseOptions.ParagraphMode.allCases {
            let result = normalise(text) { $0.paragraphs = mode }
            #expect(!result.contains("\n\n\n"), "\(mode)")
            #expect(result.first?.isWhitespace == false && result.last?.isWhitespace == false, "\(mode)")
            #expect(!result.contains("  "), "\(mode)")
        }
    }

    @Test("auto agrees with Reuters' indentation on nearly every story of a sample",
          .enabled(if: Fixtures.hasReuters, "Reuters-21578 is not at ../shared/data/reuters21578/docs.jsonl"))
    func reutersSample() throws {
        let texts = try Fixtures.reutersSample(stride: 10)
        var agree = 0
        for text in texts {
            // Paragraphs as the wire marked them: a blank line or an indented line starts one.
            var blocks = 0
            var previousBlank = true
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
                if !blank && (previousBlank || line.first == " " || line.first == "\t") { blocks += 1 }
                previousBlank = blank
            }
            if normalise(text).components(separatedBy: "\n\n").count == blocks { agree += 1 }
        }
        #expect(texts.count > 1_500)
        #expect(Double(agree) >= 0.98 * Double(texts.count), "\(agree) of \(texts.count)")
    }
}
