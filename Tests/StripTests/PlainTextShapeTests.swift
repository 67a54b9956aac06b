import CopydeskCore
import Foundation
import Strip
import Testing

/// Strip on plain text: hard-wrapped lines are joined back into their paragraphs before any line rule,
/// and a rule removes only a paragraph that is boilerplate as a whole.
@Suite("strip: hard-wrapped plain text")
struct PlainTextShapeTests {
    func stripped(_ text: String) throws -> Document {
        var document = Document(id: "w", source: SourceLocation(path: "w.txt"), text: text)
        #expect(try StripStage().process(&document) == .keep)
        return document
    }

    /// Wire copy wrapped at about 60 columns, new paragraphs indented by four spaces (Reuters' layout).
    @Test("a figure or a year wrapped onto its own line stays in its sentence")
    func wrappedFigures() throws {
        let text = """
            SUFFIELD, Conn., Feb 26 - Suffield Financial Corp said
            Jon Googel and Benjamin Sisti of Colonial Realty, West
            Hartford, Conn., purchased 175,900 shares of its stock for
            3,416,624.
                It said first quarter profits may be below the 2.4 mln
            dlrs, or 15 cts a share, earned in the first quarter of fiscal
            1986.
             Reuter
            """
        #expect(try stripped(text).text == """
            SUFFIELD, Conn., Feb 26 - Suffield Financial Corp said Jon Googel and Benjamin Sisti of Colonial Realty, \
            West Hartford, Conn., purchased 175,900 shares of its stock for 3,416,624.

            It said first quarter profits may be below the 2.4 mln dlrs, or 15 cts a share, earned in the first quarter \
            of fiscal 1986.

            Reuter
            """)
    }

    @Test("'Advertisement' alone between paragraphs goes; wrapped inside a sentence it stays")
    func advertisementAloneOrInSentence() throws {
        let alone = "The council approved the budget on Tuesday.\n\nAdvertisement\n\nThe vote was close, officials said."
        #expect(try stripped(alone).text == "The council approved the budget on Tuesday.\n\nThe vote was close, officials said.")
        let wrapped = """
            The agency said the campaign would run on the back page of
            the weekend edition as a full-page colour
            Advertisement
            for the new model, starting in the first week of March.
            """
        #expect(try stripped(wrapped).text == """
            The agency said the campaign would run on the back page of the weekend edition as a full-page colour \
            Advertisement for the new model, starting in the first week of March.
            """)
    }

    @Test("rows of a results table keep their own lines and every figure")
    func resultsTable() throws {
        let text = """
            LONDON COFFEE ROBUSTA 1225 - APR 7
             MTH BYR  SLR  HIGH LOW  SALES
             May 1249 1250 1255 1245  334
             Jul 1259 1265 1265 1253  371
             Sep 1278 1279 1283 1274  153
            """
        #expect(try stripped(text).text == """
            LONDON COFFEE ROBUSTA 1225 - APR 7

            MTH BYR  SLR  HIGH LOW  SALES

            May 1249 1250 1255 1245  334

            Jul 1259 1265 1265 1253  371

            Sep 1278 1279 1283 1274  153
            """)
    }

    @Test("a table without indentation after a finished sentence is not wrapping")
    func unindentedTable() throws {
        let text = """
            The company gave the following results for the year, in
            millions of dollars, against the year before.
            Revenue        412.5     398.1
            Net income      31.2      28.7
            Shares out      12.0      11.8
            """
        #expect(try stripped(text).text == """
            The company gave the following results for the year, in millions of dollars, against the year before.

            Revenue        412.5     398.1

            Net income      31.2      28.7

            Shares out      12.0      11.8
            """)
    }

    @Test("a row that has the shape of a byline or a date is kept in plain text")
    func bylineShapedRows() throws {
        #expect(try stripped("USX, 75,000, 49-5/8, UP 3/8, CROSSED BY FIRST BOSTON").text
            == "USX, 75,000, 49-5/8, UP 3/8, CROSSED BY FIRST BOSTON")
        let table = "Sales of the unit, in mln dlrs:\n    Acquired by CCC 86.8 258.4 150.5\n    Jun 1986 1985\n    Total 112.0 300.1"
        #expect(try stripped(table).text
            == "Sales of the unit, in mln dlrs:\n\nAcquired by CCC 86.8 258.4 150.5\n\nJun 1986 1985\n\nTotal 112.0 300.1")
        #expect(try stripped("(C) - Sales made on exporters' own account.").text == "(C) - Sales made on exporters' own account.")
    }

    @Test("a dateline under the headline still becomes published; a byline still goes")
    func datelineAndByline() throws {
        let document = try stripped("Friday 28 June 2019 17:43, UK\nBy Jane Smith\nThe council approved the budget on Tuesday.")
        #expect(document.published == "2019-06-28T17:43:00+01:00")
        #expect(document.text == "The council approved the budget on Tuesday.")
    }

    @Test("list items stay separate; a wrapped item's continuation joins its item")
    func listItems() throws {
        let text = """
            The plan has three parts, the minister said:
            - new schools in the north of the country, paid for by
              the regional budget;
            - more teachers;
            - free meals.
            """
        #expect(try stripped(text).text == """
            The plan has three parts, the minister said:

            - new schools in the north of the country, paid for by the regional budget;

            - more teachers;

            - free meals.
            """)
    }

    @Test("a sign-off after the last sentence stays its own paragraph, even without indentation")
    func signOff() throws {
        let text = """
            Prices rose sharply in the afternoon as dealers covered short
            positions ahead of the weekend, traders said. The market is
            expected to open steady on Monday.
            Reuter
            """
        #expect(try stripped(text).text == """
            Prices rose sharply in the afternoon as dealers covered short positions ahead of the weekend, traders \
            said. The market is expected to open steady on Monday.

            Reuter
            """)
    }

    @Test("CRLF line endings are paragraphs like LF ones")
    func crlf() throws {
        let text = "The council approved the budget\r\non Tuesday after a long debate.\r\n\r\nAdvertisement\r\n\r\nThe vote was close."
        #expect(try stripped(text).text == "The council approved the budget on Tuesday after a long debate.\n\nThe vote was close.")
    }
}
