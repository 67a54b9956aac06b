import CopydeskCore
import Entities
import Testing

@Suite("bad input")
struct BadInputTests {
    @Test("empty text and whitespace give no entities")
    func empty() {
        #expect(recogniser.entities(in: "").isEmpty)
        #expect(recogniser.entities(in: " \n\n\t ").isEmpty)
    }

    @Test("a 1 MB token does not crash and is not an entity")
    func hugeToken() {
        let text = "Start " + String(repeating: "a", count: 1_000_000) + " End."
        let e = recogniser.entities(in: text)
        #expect(e.allSatisfy { $0.mentions.allSatisfy { $0.text.count < 1000 } })
        let digits = String(repeating: "7", count: 1_000_000)
        #expect(offsetsAreExact(recogniser.entities(in: digits + " " + digits), in: digits + " " + digits))
    }

    @Test("text without letters")
    func noLetters() {
        let text = String(repeating: "12 -- ?? !! ... 3,4 (5) %% ££ ", count: 2000)
        #expect(offsetsAreExact(recogniser.entities(in: text), in: text))
        let symbols = String(repeating: "!!!???... --- ### @@@ $$$ %%% ", count: 200)
        #expect(recogniser.entities(in: symbols).allSatisfy { !["PERSON", "ORG", "LOC"].contains($0.type) })
    }

    @Test("mixed scripts, emoji and combining marks keep exact offsets")
    func mixedScripts() {
        let text = "Владимир Путин met 習近平 in Москва. 🇬🇧 Zoë Ball and José Mourinho; مرحبا بالعالم, e\u{301}e\u{301} Ünal Öztürk in İstanbul."
        let e = recogniser.entities(in: text)
        #expect(offsetsAreExact(e, in: text))
        #expect(entity(e, "José Mourinho")?.type == "PERSON")
    }

    @Test("long text is processed in one pass (many sentences, no quadratic blow-up on repeats)")
    func longText() {
        let paragraph = "Jackie Walker met Manuel Cortes in London on Friday 28 June 2019. Ms Walker said £3,000 was -58% of #JC9.\n\n"
        let text = String(repeating: paragraph, count: 2000)
        let e = recogniser.entities(in: text)
        #expect(entity(e, "Jackie Walker")?.mentions.count == 4000)
    }
}
