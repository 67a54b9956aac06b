import CopydeskCore
import Entities
import Testing

@Suite("cue rules and canonical names")
struct CueRuleTests {
    @Test("an honorific makes a person and joins the mention, not the name")
    func honorifics() {
        let e = recogniser.entities(in: "The report was written by Dame Zelda Okonkwo-Pryce. Later Dame Zelda said it was fair.")
        let person = entity(e, "Zelda Okonkwo-Pryce")
        #expect(person?.type == "PERSON")
        #expect(person?.mentions.map(\.text) == ["Dame Zelda Okonkwo-Pryce", "Dame Zelda"])
    }

    @Test("a role word before a full name makes a person: shadow health secretary X, MP X")
    func roles() {
        let e = recogniser.entities(in: "The shadow health secretary Jonathan Ashworth agreed, and so did MP Joan Ryan.")
        #expect(entity(e, "Jonathan Ashworth")?.type == "PERSON")
        #expect(entity(e, "Joan Ryan")?.type == "PERSON")
    }

    @Test("constituencies before MP are places: the Derby North MP, Leicester East MP Keith Vaz")
    func constituencies() {
        let e = recogniser.entities(in: "Critics said the Derby North MP had to go. Leicester East MP Keith Vaz disagreed.")
        #expect(entity(e, "Derby North")?.type == "LOC")
        #expect(entity(e, "Leicester East")?.type == "LOC")
        #expect(entity(e, "Keith Vaz")?.type == "PERSON")
    }

    @Test("a surname alone and with an honorific joins the full name")
    func surnames() {
        let text = "Jackie Walker spoke. Ms Walker said she would stay. Walker was clear."
        let e = recogniser.entities(in: text)
        let walker = entity(e, "Jackie Walker")
        #expect(walker?.type == "PERSON")
        #expect(walker?.mentions.map(\.text) == ["Jackie Walker", "Ms Walker", "Walker"])
        #expect(offsetsAreExact(e, in: text))
    }

    @Test("an acronym joins its expansion")
    func acronyms() {
        let e = recogniser.entities(in: "He was warned by the National Executive Committee (NEC) last year. The NEC met again.")
        let nec = entity(e, "National Executive Committee")
        #expect(nec?.type == "ORG")
        #expect(nec?.mentions.map(\.text) == ["National Executive Committee", "NEC", "NEC"])
    }

    @Test("\"Jeremy (Corbyn)\" is Jeremy Corbyn")
    func parenthesisedSurname() {
        let e = recogniser.entities(in: "Jeremy Corbyn spoke on Monday. \"Jeremy (Corbyn) rightly spoke,\" he said.")
        #expect(entity(e, "Jeremy Corbyn")?.mentions.map(\.text) == ["Jeremy Corbyn", "Jeremy (Corbyn)"])
    }

    @Test("results lines: a team named after its city is an organisation, a national team its country")
    func resultsTables() {
        let e = recogniser.entities(in: "Soccer results on Saturday.\n\nBarcelona 3 Valencia 1\n\nSpain 2 Italy 0\n")
        #expect(entity(e, "Barcelona")?.type == "ORG")
        #expect(entity(e, "Valencia")?.type == "ORG")
        #expect(entity(e, "Spain")?.type == "LOC")
    }
}

@Suite("news conventions")
struct NewsConventionTests {
    @Test("a dateline in capitals is a place: LONDON (Reuters), MADRID 1996-12-06")
    func datelines() {
        let e = recogniser.entities(in: "LONDON (Reuters) - Shares rose on Monday.\n\nMADRID 1996-12-06\n\nThe peseta fell.")
        // Named in the place-name spelling, the mention as written (agency style: one spelling per referent).
        #expect(entity(e, "London")?.type == "LOC")
        #expect(entity(e, "London")?.mentions.map(\.text) == ["LONDON"])
        #expect(entity(e, "Madrid")?.type == "LOC")
    }

    @Test("a subject before a dash in a headline is not a place: SOCCER - JAPAN WIN")
    func headlineSubjects() {
        let e = recogniser.entities(in: "SOCCER - JAPAN GET LUCKY WIN\n\nJapan beat Syria 2-1 on Friday.")
        #expect(entity(e, "SOCCER") == nil)
    }

    @Test("nationalities alone are not people, organisations or places")
    func demonyms() {
        let e = recogniser.entities(in: "Swiss officials met Italian bankers and French diplomats in Geneva.")
        #expect(entity(e, "Swiss") == nil && entity(e, "Italian") == nil && entity(e, "French") == nil)
        #expect(entity(e, "Geneva")?.type == "LOC")
    }

    @Test("an unknown acronym in a normal sentence is an organisation; common abbreviations are not")
    func acronyms() {
        let e = recogniser.entities(in: "Officials at the USDA said the CEO would appear on TV at 10 a.m. on Monday.")
        #expect(entity(e, "USDA")?.type == "ORG")
        #expect(entity(e, "CEO") == nil && entity(e, "TV") == nil)
    }

    @Test("event names are not organisations: the World Cup, the World Series")
    func events() {
        let e = recogniser.entities(in: "Brazil won the World Cup before the World Series began in Chicago.")
        #expect(entity(e, "World Cup") == nil && entity(e, "World Series") == nil)
    }

    @Test("a short form of a company name joins it: Barrick after Barrick Gold Corp")
    func shortForms() {
        let text = "Barrick Gold Corp said on Tuesday it would bid. Shares in Barrick rose, and Barrick Gold said more."
        let e = recogniser.entities(in: text)
        let barrick = entity(e, "Barrick Gold Corp")
        #expect(barrick?.type == "ORG")
        #expect(barrick?.mentions.map(\.text) == ["Barrick Gold Corp", "Barrick", "Barrick Gold"])
    }

    @Test("a one-word name in organisation contexts is an organisation: campaign group X, X members")
    func organisationContexts() {
        let e = recogniser.entities(in: "The campaign group Zorblat said it would act. Zorblat members voted, and Zorblat's steering group agreed.")
        #expect(entity(e, "Zorblat")?.type == "ORG")
    }
}

@Suite("teams")
struct TeamTests {
    @Test("a city that plays is a team (organisation); a country that plays stays a place")
    func playingPlaces() {
        let e = recogniser.entities(in: "Barcelona beat Valencia on Sunday, and Porto striker Mario Jardel scored against Celtic. France beat Italy.")
        #expect(entity(e, "Barcelona")?.type == "ORG")
        #expect(entity(e, "Porto")?.type == "ORG")
        #expect(entity(e, "Celtic")?.type == "ORG")
        #expect(entity(e, "France")?.type == "LOC")
    }

    @Test("a city in ordinary prose stays a place")
    func ordinaryPlaces() {
        let e = recogniser.entities(in: "She flew from Barcelona to Porto on Sunday and stayed in Glasgow.")
        #expect(entity(e, "Barcelona")?.type == "LOC")
        #expect(entity(e, "Glasgow")?.type == "LOC")
    }
}

@Suite("cue limits")
struct CueLimitTests {
    @Test("capitals for emphasis are not organisations")
    func emphasis() {
        let e = recogniser.entities(in: "\"I did NOT say that,\" she said, and she did not say it again. It was VERY BAD NEWS.")
        #expect(entity(e, "NOT") == nil)
        #expect(e.filter { $0.type == "ORG" }.isEmpty)
    }

    @Test("an honorific before an organisation name does not make it a person")
    func honorificBeforeOrganisation() {
        let e = recogniser.entities(in: "She studied at Queen Mary University in London.")
        #expect(e.allSatisfy { $0.type != "PERSON" })
    }
}
