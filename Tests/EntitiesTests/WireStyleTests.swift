import CopydeskCore
import Entities
import Testing

/// Wire-service copy (agency sign-offs, "mln dlrs", "pct", "CITY, Month Day -" datelines): conventions shared
/// by the agencies, not by one corpus.
@Suite("wire-service style")
struct WireStyleTests {
    @Test("an agency sign-off ending the text is no entity: Reuter, REUTER, Associated Press")
    func signOff() {
        for text in [
            "Standard Oil Co said profits rose.\n Reuter",
            "Net income was 7.5 mln dlrs (3.2).        REUTER",
            "The ministry said exports fell.\nAssociated Press",
        ] {
            let e = recogniser.entities(in: text)
            #expect(!e.contains { ["PERSON", "ORG", "LOC"].contains($0.type) && ["Reuter", "REUTER", "Associated Press"].contains($0.name) }, "\(text)")
        }
    }

    @Test("an agency named inside a sentence is still found")
    func agencyInSentence() {
        let e = recogniser.entities(in: "Officials in Jakarta told Reuters that the talks had failed.")
        #expect(e.contains { $0.name == "Reuters" && $0.type != "PERSON" && $0.type != "DATE" })
    }

    @Test("MONEY in wire style: mln/bln/billion with dlrs, cts, stg, yen and a currency's country")
    func wireMoney() {
        let e = recogniser.entities(in: "It earned 15 mln dlrs, or 20 cts a share, on sales of 1.5 billion dlrs; it paid 300 dlrs, 40 mln stg, 5 bln yen and 12 mln Canadian dlrs.")
        #expect(mentions(e, type: "MONEY") == ["15 mln dlrs", "20 cts", "1.5 billion dlrs", "300 dlrs", "40 mln stg", "5 bln yen", "12 mln Canadian dlrs"])
    }

    @Test("PERCENT in wire style: N pct")
    func wirePercent() {
        let e = recogniser.entities(in: "Output rose 4.5 pct after falling 12 pct last year.")
        #expect(mentions(e, type: "PERCENT") == ["4.5 pct", "12 pct"])
    }

    @Test("a wire dateline with month and day names a place: SALVADOR, Feb 26 -; SALVADOR, Brazil, March 2 -")
    func monthDayDatelines() {
        let one = recogniser.entities(in: "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia zone.")
        #expect(entity(one, "Salvador")?.type == "LOC")
        let two = recogniser.entities(in: "SALVADOR, Brazil, March 2 - Showers continued throughout the week in the Bahia zone.")
        #expect(entity(two, "Salvador")?.type == "LOC")
        #expect(entity(two, "Brazil")?.type == "LOC")
    }

    @Test("in a text that capitalises names a lower-case word is no name: cocoa beside Brazilian Cocoa Trade Commission")
    func lowercaseCommonWord() {
        let e = recogniser.entities(in: """
            Comissaria Smith said there is still some doubt as to how much old crop cocoa is still available as \
            harvesting has practically come to an end. With total Bahia crop estimates around 6.4 mln bags and sales \
            standing at almost 6.2 mln there are a few hundred thousand bags still in the hands of farmers, middlemen, \
            exporters and processors.

            Final figures for the period to February 28 are expected to be published by the Brazilian Cocoa Trade \
            Commission after carnival which ends midday on February 27.
            """)
        #expect(!e.contains { $0.name.lowercased() == "cocoa" })
    }

    @Test("a text that writes names in lower case keeps its places: venezuela, brazil")
    func lowercaseText() {
        let e = recogniser.entities(in: "Caracas, feb 26 - venezuela is seeking a flexible attitude from its banks.\n    Azpurua said venezuela has shown solidarity with brazil's decision to suspend payments.")
        #expect(entity(e, "venezuela")?.type == "LOC")
    }
}
