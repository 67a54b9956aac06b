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
