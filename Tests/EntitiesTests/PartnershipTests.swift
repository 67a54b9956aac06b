import CopydeskCore
import Entities
import Testing

/// Wire copy names firms without their suffix: partnerships of surnames, the first words of a longer firm
/// name, a founder's possessive before a verb; and a lone place or "the X" the tagger read as a person.
/// Sentences and names invented for these tests.
@Suite("firms without suffixes and lone places")
struct PartnershipTests {
    @Test("three or more partners listed with commas and 'and' are one firm, not people")
    func commaPartnership() {
        let t = AgencyStyleTests.types("Harcourt, Wenlow and Pribble said it would advise the board on the offer.")
        #expect(t["Harcourt, Wenlow and Pribble"] == "ORG", "\(t)")
        #expect(!t.contains { $0.value == "PERSON" }, "\(t)")
    }

    @Test("a comma before the last partner's 'and' changes nothing")
    func oxfordComma() {
        let t = AgencyStyleTests.types("The offer was made through Harcourt, Wenlow, and Pribble on Friday.")
        #expect(t["Harcourt, Wenlow, and Pribble"] == "ORG", "\(t)")
        #expect(!t.contains { $0.value == "PERSON" }, "\(t)")
    }

    @Test("partners before a firm name with a suffix join it")
    func partnersBeforeSuffix() {
        let t = AgencyStyleTests.types("The notes were priced by Harcourt, Wenlow and Pribble Securities Corp on Tuesday.")
        #expect(t["Harcourt, Wenlow and Pribble Securities Corp"] == "ORG", "\(t)")
        #expect(!t.contains { $0.value == "PERSON" }, "\(t)")
    }

    @Test("two partners joined by an ampersand are one firm")
    func ampersand() {
        let t = AgencyStyleTests.types("The study was written by Tilson & Marwick, the consultants, for the ministry.")
        #expect(t["Tilson & Marwick"] == "ORG", "\(t)")
        #expect(t["Tilson"] == nil && t["Marwick"] == nil, "\(t)")
    }

    @Test("two partners after a firm word are one firm, and so is every other mention in the document")
    func firmWordBeforePartners() {
        let t = AgencyStyleTests.types(
            "The refinery is owned by privately-held Kessler and Vance of Fort Worth. Kessler and Vance said output would rise.")
        #expect(t["Kessler and Vance"] == "ORG", "\(t)")
        #expect(!t.contains { $0.value == "PERSON" }, "\(t)")
    }

    @Test("people introduced by full name and then listed by surname stay people")
    func surnamesOfPeople() {
        let t = AgencyStyleTests.types("""
            Treasury Secretary James Baker, Fed chairman Paul Volcker and Senator Robert Dole met on Monday. \
            Later Baker, Volcker and Dole agreed on the plan.
            """)
        #expect(t["James Baker"] == "PERSON" && t["Paul Volcker"] == "PERSON" && t["Robert Dole"] == "PERSON", "\(t)")
        #expect(!t.contains { $0.value == "ORG" }, "\(t)")
    }

    @Test("the first two words of a longer firm name are the firm; a place at the head of one stays a place")
    func leadingPair() {
        let t = AgencyStyleTests.types("Halsey Burke Capital Markets led the issue. Halsey Burke said demand was strong.")
        #expect(t["Halsey Burke Capital Markets"] == "ORG", "\(t)")
        #expect(t["Halsey Burke"] != "PERSON", "\(t)")
        let exchange = AgencyStyleTests.types("The shares were listed on the New York Stock Exchange, and trading in New York was brisk.")
        #expect(exchange["New York"] == "LOC", "\(exchange)")
        #expect(exchange["New York Stock Exchange"] == "ORG", "\(exchange)")
    }

    @Test("a firm's possessive before a reporting verb is the firm: X's cited, X's warned")
    func possessiveBeforeVerb() {
        let t = AgencyStyleTests.types("The bonds were downgraded. Moody's cited weak earnings and rising debt.")
        #expect(t["Moody"] == "ORG", "\(t)")
    }

    @Test("a known place read as a lone person, with no honorific and no full name, is the place")
    func lonePlace() {
        let t = AgencyStyleTests.types("Officials in Tokyo and Bonn agreed on the plan. Bonn said it would cut its discount rate.")
        #expect(t["Bonn"] == "LOC", "\(t)")
        #expect(t["Tokyo"] == "LOC", "\(t)")
    }

    @Test("no person is 'the X.', but a name before a lower-case noun stays a person")
    func theX() {
        let gulf = AgencyStyleTests.types("Two tankers were attacked in the Gulf. Shipping in the Gulf slowed, brokers said.")
        #expect(gulf["Gulf"] != "PERSON", "\(gulf)")
        let reagan = AgencyStyleTests.types("Congress rejected the Reagan administration's budget. Reagan said he would veto the bill.")
        #expect(reagan["Reagan"] == "PERSON", "\(reagan)")
    }
}
