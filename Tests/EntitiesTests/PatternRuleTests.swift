import CopydeskCore
import Entities
import Testing

@Suite("pattern rules")
struct PatternRuleTests {
    @Test("DATE: day-month-year with weekday, month-day-year, ISO, years after prepositions, relative days")
    func dates() {
        let e = recogniser.entities(in: "On Friday 28 June 2019 and June 28, 2019, on 2019-06-28, in 1978, yesterday and last week.")
        #expect(mentions(e, type: "DATE") == ["Friday 28 June 2019", "June 28, 2019", "2019-06-28", "1978", "yesterday", "last week"])
    }

    @Test("DATE: an ambiguous month needs a number")
    func ambiguousMonth() {
        let e = recogniser.entities(in: "She may go in May 2020, and they march in March.")
        #expect(mentions(e, type: "DATE") == ["May 2020"])
    }

    @Test("TIME: clock times, am/pm, noon")
    func times() {
        let e = recogniser.entities(in: "It started at 17:43, ended at 5pm and resumed at 9.30am, then 10 p.m. and noon.")
        #expect(mentions(e, type: "TIME") == ["17:43", "5pm", "9.30am", "10 p.m.", "noon"])
    }

    @Test("MONEY: currency symbols with magnitudes and amounts with currency words")
    func money() {
        let e = recogniser.entities(in: "It cost £3,000, then $5m, €2 billion, 300 pounds and 50p.")
        #expect(mentions(e, type: "MONEY") == ["£3,000", "$5m", "€2 billion", "300 pounds", "50p"])
    }

    @Test("PERCENT: signed, spaced and written out")
    func percent() {
        let e = recogniser.entities(in: "Ratings fell (-58%) then 12 % and 40 per cent, or 3 percent.")
        #expect(mentions(e, type: "PERCENT") == ["-58%", "12 %", "40 per cent", "3 percent"])
    }

    @Test("URL, EMAIL, HASHTAG and HANDLE from their tokens")
    func webTokens() {
        let e = recogniser.entities(in: "Mail press@example.org, see https://example.com/a?b=1 and www.bbc.co.uk, follow @copydesk and #JC9.")
        #expect(mentions(e, type: "EMAIL") == ["press@example.org"])
        #expect(mentions(e, type: "URL") == ["https://example.com/a?b=1", "www.bbc.co.uk"])
        #expect(mentions(e, type: "HANDLE") == ["@copydesk"])
        #expect(mentions(e, type: "HASHTAG") == ["#JC9"])
    }
}
