import Foundation
import Normalise
import Testing

/// The `auto` layout's shapes that are never a hard wrap: table rows, bare URLs, a closing sign-off.
@Suite("paragraphs: shapes that are not wrapping")
struct ParagraphShapeTests {
    @Test("a row of figures with column gaps after a finished sentence starts a paragraph, and so does each next row")
    func tableRows() {
        let text = """
            The company gave the following results for the year, in
            millions of dollars, against the year before.
            Revenue        412.5     398.1
            Net income      31.2      28.7
            """
        expectScalars(normalise(text), """
            The company gave the following results for the year, in millions of dollars, against the year before.

            Revenue 412.5 398.1

            Net income 31.2 28.7
            """)
    }

    @Test("a wrapped line that ends in figures after a gap is joined when the sentence goes on")
    func gapInsideWrappedSentence() {
        let text = """
            Sunoil prev 37.4, Feb 107.3, Mar 24.5, Apr 3.2, May nil,
            Jun 10.0, total 182.4 (117.6).        REUTER
            """
        expectScalars(normalise(text), "Sunoil prev 37.4, Feb 107.3, Mar 24.5, Apr 3.2, May nil, Jun 10.0, total 182.4 (117.6). REUTER")
    }

    @Test("a bare URL after a finished sentence keeps its own line; a URL going on a sentence is joined")
    func bareURL() {
        expectScalars(normalise("He tweeted about it.\nhttps://twitter.com/JRogan3000/status/1036666071942606849\nSee the thread for more."),
                      "He tweeted about it.\n\nhttps://twitter.com/JRogan3000/status/1036666071942606849\n\nSee the thread for more.")
        expectScalars(normalise("The full report is published at\nhttps://example.com/reports/2019/annual-report\nand runs to 300 pages."),
                      "The full report is published at https://example.com/reports/2019/annual-report and runs to 300 pages.")
    }

    @Test("a sign-off as the last line of a wrapped block stays apart; a short last line of a sentence is joined")
    func signOff() {
        let signed = """
            Prices rose sharply in the afternoon as dealers covered short
            positions ahead of the weekend, traders said. The market is
            expected to open steady on Monday.
            Reuter
            """
        expectScalars(normalise(signed), """
            Prices rose sharply in the afternoon as dealers covered short positions ahead of the weekend, traders \
            said. The market is expected to open steady on Monday.

            Reuter
            """)
        let wrapped = """
            Prices rose sharply in the afternoon as dealers covered short
            positions ahead of the weekend, traders said. The market is
            expected to open steady on Monday after the holiday, said
            Smith.
            """
        expectScalars(normalise(wrapped), """
            Prices rose sharply in the afternoon as dealers covered short positions ahead of the weekend, traders \
            said. The market is expected to open steady on Monday after the holiday, said Smith.
            """)
    }
}
