import CopydeskCore
import Entities
import Testing

/// Agency style: the conventions of wire copy in any agency's house style — a US state or Canadian province
/// after a city, company suffixes and firms named for their founders, lines in capitals, one entity per
/// referent whatever its case, titles before names. Sentences written for these tests.
@Suite("agency style")
struct AgencyStyleTests {
    static func types(_ text: String) -> [String: EntityType] {
        var out: [String: EntityType] = [:]
        for e in recogniser.entities(in: text) where [EntityType.person, .organisation, .location].contains(e.type) { out[e.name] = e.type }
        return out
    }

    static func mentionTypes(_ text: String) -> [String: EntityType] {
        var out: [String: EntityType] = [:]
        for e in recogniser.entities(in: text) where [EntityType.person, .organisation, .location].contains(e.type) {
            for m in e.mentions { out[m.text] = e.type }
        }
        return out
    }

    @Test("a state or province after a city makes both places: abbreviation, postal code or full name",
          arguments: [
              ("CARROLLTON, Texas, March 4 - The retailer said sales rose 12 pct in the quarter.", "CARROLLTON", "Texas"),
              ("SUFFIELD, Conn., March 4 - The insurer said it would buy back shares.", "SUFFIELD", "Connecticut"),
              ("IRVINE, Calif., June 9 - The chip maker said orders fell sharply in May.", "IRVINE", "California"),
              ("The plant in Wilmington, Del. will close next year, the chemicals group said.", "Wilmington", "Delaware"),
              ("ERIE, PA, March 19 - The boiler maker said it won a contract worth 20 mln dlrs.", "ERIE", "Pennsylvania"),
              ("The mill near Hamilton, Ont., employs 900 people, the steel maker said.", "Hamilton", "Ontario"),
              ("Its offices in Trenton, N.J., were closed on Friday.", "Trenton", "New Jersey"),
          ])
    func cityAndState(text: String, city: String, state: String) {
        let mentions = Self.mentionTypes(text)
        #expect(mentions[city] == "LOC", "\(city) in \(mentions)")
        #expect(Self.types(text)[state] == "LOC", "\(state) in \(Self.types(text))")
    }

    @Test("a state form followed by a capitalised word is no state: Jackson, Miss Smith; Dallas, Texas Instruments")
    func stateFormsInNames() {
        let e = Self.mentionTypes("The award went to Jackson, Miss Smith said on Tuesday.")
        #expect(e["Miss"] == nil && e["Mississippi"] == nil)
        let t = Self.types("Analysts in Dallas, Texas Instruments Inc and others were cautious.")
        #expect(t["Texas"] == nil)
        #expect(t["Texas Instruments Inc"] == "ORG")
    }

    @Test("a company suffix ends one organisation with the capitalised words before it",
          arguments: [
              ("Shares of Harlan Widget Corp rose after the results.", "Harlan Widget Corp"),
              ("The bonds were rated by Moody's Investors Service Inc on Friday.", "Moody's Investors Service Inc"),
              ("The rating was cut by Standard and Poor's Corp last week.", "Standard and Poor's Corp"),
              ("The issue was led by Merrill Lynch and Co in New York.", "Merrill Lynch and Co"),
              ("The notes were sold through Smith Barney, Harris Upham and Co last week.", "Smith Barney, Harris Upham and Co"),
              ("Analysts said Bank of Boston Corp had enough capital.", "Bank of Boston Corp"),
              ("Profits at Kessler Holdings Plc doubled last year.", "Kessler Holdings Plc"),
              ("The deal makes Dortmunder Maschinenbau AG the largest maker of pumps.", "Dortmunder Maschinenbau AG"),
          ])
    func companySuffix(text: String, name: String) {
        let t = Self.types(text)
        #expect(t[name] == "ORG", "\(name) in \(t)")
        for part in name.split(separator: " ") where t[String(part)] != nil {
            Issue.record("\(part) alone in \(t)")
        }
    }

    @Test("two firms joined by 'and' stay two: Ford and General Motors Corp")
    func twoFirms() {
        let t = Self.types("Sales at Ford and General Motors Corp fell in March.")
        #expect(t["Ford and General Motors Corp"] == nil)
        #expect(t["General Motors Corp"] == "ORG")
    }

    @Test("a possessive of a country is not part of the firm: Japan's Nakamura Motor Corp")
    func countryPossessive() {
        let t = Self.types("Japan's Nakamura Motor Corp said exports rose.")
        #expect(t["Nakamura Motor Corp"] == "ORG")
        #expect(t["Japan"] == "LOC")
    }

    @Test("a suffix alone is never a person or a place; a word ending in corp is a firm")
    func suffixAlone() {
        let t = Self.types("Corp earnings rose, said Keller, and Citicorp agreed.\nCo")
        #expect(t["Corp"] == nil && t["Co"] == nil)
        #expect(t["Citicorp"] == "ORG")
    }

    @Test("the short form of a firm named in full is the firm: Merrill Lynch after Merrill Lynch and Co, Moody's after Moody's Investors Service Inc")
    func firmShortForms() {
        let t = Self.types("""
            The issue was managed by Merrill Lynch and Co in London, and Merrill Lynch said demand was strong.
            It was rated by Moody's Investors Service Inc. Moody's said the outlook was stable.
            """)
        #expect(t["Merrill Lynch and Co"] == "ORG")
        #expect(t["Merrill Lynch"] == nil, "one entity with the full name: \(t)")
        #expect(t["Moody"] == nil || t["Moody"] == "ORG")
        #expect(!t.contains { $0.value == "PERSON" }, "\(t)")
    }

    @Test("a firm without its suffix is a firm where the sentence says so: analyst at X, X analyst, X co-managed, rated by X's")
    func firmCues() {
        #expect(Self.types("said Paul Kerr, an analyst with Dunning Prescott.")["Dunning Prescott"] == "ORG")
        #expect(Self.types("Shares fell, said Halsey Burke analyst Ann Grove.")["Halsey Burke"] == "ORG")
        #expect(Self.types("The deal was big. Jordan Kessler co-managed the deal.")["Jordan Kessler"] == "ORG")
        let rated = Self.types("The issue is rated A-2 by Moody's and AA by Standard and Poor's.")
        #expect(rated["Moody"] == "ORG", "\(rated)")
        #expect(rated["Standard and Poor"] == "ORG", "\(rated)")
        #expect(!rated.contains { $0.value == "PERSON" }, "\(rated)")
    }

    @Test("an organisation's leading The is not part of its name")
    func leadingThe() {
        let e = recogniser.entities(in: "The Bank of England said it had provided help. The Bank of England added that rates held.")
        #expect(entity(e, "Bank of England")?.type == "ORG")
        #expect(entity(e, "The Bank of England") == nil)
    }

    @Test("a title before a person's name stays in the mention, not in the name",
          arguments: [
              ("President Reagan said the talks would go on.", "Reagan", "President Reagan"),
              ("Treasury Secretary James Baker said the dollar was stable.", "James Baker", "Treasury Secretary James Baker"),
              ("Prime Minister Yasuhiro Nakasone arrived on Monday.", "Yasuhiro Nakasone", "Prime Minister Yasuhiro Nakasone"),
          ])
    func titles(text: String, name: String, mention: String) {
        let e = recogniser.entities(in: text)
        let person = entity(e, name)
        #expect(person?.type == "PERSON", "\(e.map(\.name))")
        #expect(person?.mentions.contains { $0.text == mention || $0.text == name } == true)
        #expect(!e.contains { $0.name.hasPrefix("President") || $0.name.hasPrefix("Treasury") || $0.name.hasPrefix("Prime") })
    }

    @Test("lines in capitals in a normal-case text name nothing unless the name is known")
    func capitalLines() {
        let text = """
            NEW YORK, March 3 - Harlan Widget Corp said profits rose 10 pct in the year to December.
                Shr 1.20 dlrs vs 1.05 dlrs
                NOTE: results include a gain on the sale of a plant in Ohio.
                SALES BY REGION   UP   OFF
                HARLAN WIDGET SAID SALES IN OHIO WERE UP
            """
        let t = Self.types(text)
        #expect(t["NOTE"] == nil, "\(t)")
        #expect(t["UP"] == nil && t["OFF"] == nil && t["SALES BY REGION"] == nil, "\(t)")
        #expect(t["New York"] == "LOC")
        #expect(t["Ohio"] == "LOC")
    }

    @Test("a word mixing letters and digits is no name: MAY7, SEP7")
    func mixedTokens() {
        let t = Self.types("Open interest was as follows.\n MAY7  4676  OFF 238  APR7   5069\n SEP7  3989  UP 14\nThe exchange said trading was light.")
        #expect(!t.keys.contains { $0.contains("7") }, "\(t)")
    }

    @Test("one entity per referent whatever its case, named in mixed case: NEW YORK = New York, WASHINGTON = Washington")
    func oneEntityPerCase() {
        let e = recogniser.entities(in: "NEW YORK, March 3 - Shares in New York rose as traders in New York bought banks.")
        let places = e.filter { $0.type == "LOC" }
        #expect(places.map(\.name) == ["New York"], "\(places.map(\.name))")
        #expect(places.first?.mentions.map(\.text) == ["NEW YORK", "New York", "New York"])
        // A known place written only in capitals gets the place-name spelling.
        let d = recogniser.entities(in: "WASHINGTON, March 3 - The trade deficit widened in January, the government said.")
        #expect(entity(d, "Washington")?.type == "LOC", "\(d.map(\.name))")
    }

    @Test("a country is a place, not an organisation, also when the tagger reads Union as an organisation word")
    func countries() {
        let t = Self.types("Grain sales to the Soviet Union rose, and Brazil said it would buy more wheat.")
        #expect(t["Soviet Union"] == "LOC")
        #expect(t["Brazil"] == "LOC")
    }

    @Test("a place name wrapped over two lines is one place: United\\nStates")
    func wrappedPlace() {
        let t = Self.types("Exports to the United\nStates rose 5 pct in March, the ministry said.")
        #expect(t["States"] == nil, "\(t)")
    }

    @Test("a place in a list of places is a place: London, Paris and Bonn")
    func placeList() {
        let t = Self.types("His trip, which has already taken him to London, Paris and Bonn, was aimed at explaining the plan.")
        #expect(t["Bonn"] == "LOC", "\(t)")
    }

    @Test("a name wrapped over two lines is named on one line")
    func wrappedName() {
        let e = recogniser.entities(in: "The company told the Securities and Exchange\nCommission it had bought 5.1 pct of the stock.")
        #expect(e.contains { $0.type == "ORG" && $0.name == "Securities and Exchange Commission" }, "\(e.map(\.name))")
    }

    @Test("a news agency inside a sentence is an organisation: Reuter correspondents")
    func agencyInText() {
        let t = Self.types("Exports will fall, according to views polled by Reuter correspondents in the region.")
        #expect(t["Reuter"] == nil || t["Reuter"] == "ORG", "\(t)")
    }

    @Test("a ticker code in brackets, a column value in a stock table and an economic abbreviation are no names")
    func codesAndValues() {
        let t = Self.types("""
            Harlan Widget Corp <HWC.PA> said GDP would grow, and Kessler Holdings Plc <KHP> agreed.
                131,500, HARLAN WIDGET, 23-7/8, OFF 3/8
                110,800, KESSLER, 35-3/8, UP 1/8
            """)
        #expect(t["PA"] == nil && t["HWC.PA"] == nil && t["KHP"] == nil, "\(t)")
        #expect(t["GDP"] == nil && t["OFF"] == nil && t["UP"] == nil, "\(t)")
        #expect(t["Harlan Widget Corp"] == "ORG")
    }

    @Test("a country's officials leave the country a place: U.S. officials")
    func countryOfficials() {
        let t = Self.types("U.S. officials said the talks would resume. U.S. officials added that Japan had agreed.")
        #expect(t["U.S."] == "LOC", "\(t)")
    }

    @Test("a known place after the or in is no person; a holiday is no person")
    func placesAndHolidays() {
        let t = Self.types("Tanker traffic in the Gulf resumed before Easter, and officials in Bonn said the Bonn government agreed.")
        #expect(t["Gulf"] != "PERSON" && t["Bonn"] != "PERSON" && t["Easter"] != "PERSON", "\(t)")
    }

    @Test("an organisation word after a name makes it an organisation, over a line break: Savings and Loan\\nAssociation")
    func orgWordAfterName() {
        let t = Self.types("BOSTON, March 2 - Harbor Federal Savings and Loan\nAssociation said its stockholders approved the merger.")
        #expect(t["Loan"] == nil && t["Association"] == nil, "\(t)")
        #expect(t.contains { $0.value == "ORG" && $0.key.hasSuffix("Savings and Loan Association") }, "\(t)")
    }

    @Test("a firm named with its founder's initials is the firm by surname alone: E.F. Hutton Group Inc, Hutton")
    func founderInitials() {
        let t = Self.types("The offer for the E.F. Hutton Group Inc was rejected by Hutton on Friday.")
        #expect(t["Hutton"] == nil || t["Hutton"] == "ORG", "\(t)")
        #expect(!t.contains { $0.value == "PERSON" }, "\(t)")
    }
}
