import CopydeskCore
import Entities
import Testing

/// Wire copy names a firm without its suffix where the sentence shows it is one: a founder's possessive
/// before business words, a role only firms take in an issue, a list of names that does what only firms
/// do, a partnership listed beside a firm, and partners of a suffixed name that the document also reads as a
/// person's. Sentences and names invented for these tests.
@Suite("firms told by their context")
struct FirmContextTests {
    @Test("a founder's possessive before capitalised business words is one firm, and the founder's name alone is it too",
          arguments: [
              "The bonds are rated A-2 by Harlowe's Investors Service and A by a second agency. Harlowe's said the outlook was stable.",
              "The notes are rated B-3 by Harlowe's Investors and B by another agency. Harlowe's said the outlook was stable.",
          ])
    func possessiveFirm(text: String) {
        let e = recogniser.entities(in: text)
        #expect(mentions(e, type: "PERSON").isEmpty, "\(e.map { ($0.type, $0.name) })")
        #expect(mentions(e, type: "ORG").contains { $0.hasPrefix("Harlowe's Investors") }, "\(e.map { ($0.type, $0.name) })")
    }

    @Test("a place's possessive stays the place's: Japan's Trade Ministry")
    func placePossessive() {
        let t = AgencyStyleTests.mentionTypes("Japan's Trade Ministry said exports rose in March.")
        #expect(t["Japan"] == "LOC", "\(t)")
    }

    @Test("a market role after a firm's name, with words that qualify the role, makes it a firm",
          arguments: ["Harold Keating debt analyst Jim Farrow said yields would fall.",
                      "Harold Keating chief economist Jim Farrow said yields would fall."])
    func qualifiedRole(text: String) {
        let t = AgencyStyleTests.types(text)
        #expect(t["Harold Keating"] == "ORG", "\(t)")
        #expect(t["Jim Farrow"] == "PERSON", "\(t)")
    }

    @Test("the role a firm takes in an issue: lead manager X, X as sole manager, co-manager X",
          arguments: ["The bonds were priced at par, said lead manager Dunmore Keating.",
                      "The issue was priced with Harold Keating as sole manager.",
                      "The issue was priced by co-manager Dunmore Keating on Friday."])
    func issueRole(text: String) {
        let t = AgencyStyleTests.types(text)
        let name = text.contains("Harold") ? "Harold Keating" : "Dunmore Keating"
        #expect(t[name] == "ORG", "\(t)")
    }

    @Test("a fund manager is a person: only a lead or sole manager of an issue is a firm")
    func fundManager() {
        let t = AgencyStyleTests.types("Shares fell, said fund manager Jim Farrow in London.")
        #expect(t["Jim Farrow"] == "PERSON", "\(t)")
    }

    @Test("every name of a list that co-manages or underwrites an issue is a firm",
          arguments: ["Tolliver Hayes, Dunmore Keating and Abbott Rowe co-managed the issue.",
                      "Tolliver Hayes and Dunmore Keating will underwrite the offering, the company said."])
    func firmList(text: String) {
        let e = recogniser.entities(in: text)
        #expect(mentions(e, type: "PERSON").isEmpty, "\(e.map { ($0.type, $0.name) })")
        #expect(mentions(e, type: "ORG").contains("Dunmore Keating"), "\(e.map { ($0.type, $0.name) })")
    }

    @Test("people who speak are still people: a list before 'said' is not a list of firms")
    func peopleList() {
        let t = AgencyStyleTests.types("Jim Farrow and Alice Brennan said the talks had failed.")
        #expect(t["Jim Farrow"] == "PERSON" && t["Alice Brennan"] == "PERSON", "\(t)")
    }

    @Test("a pair of partners listed beside a firm with a second 'and' is one firm, and so is its every mention",
          arguments: ["The offer came from a partnership of Tarrant Glass Inc and Kessler and Vance. Kessler and Vance said it would raise its bid.",
                      "The offer came from Kessler and Vance and Tarrant Glass Inc. Kessler and Vance said it would raise its bid."])
    func pairBesideFirm(text: String) {
        let e = recogniser.entities(in: text)
        #expect(entity(e, "Kessler and Vance")?.type == "ORG", "\(e.map { ($0.type, $0.name) })")
        #expect(entity(e, "Kessler and Vance")?.mentions.count == 2, "\(e.map { ($0.type, $0.name) })")
        #expect(mentions(e, type: "PERSON").isEmpty, "\(e.map { ($0.type, $0.name) })")
    }

    @Test("partners before a suffixed firm's name join it even when the document reads them as a person")
    func partnersReadAsPerson() {
        let text = "Dunmore Keating, Pierce, Fenner and Smith Inc said it had sold the notes. Dunmore Keating had bought them in May."
        let e = recogniser.entities(in: text)
        #expect(mentions(e, type: "ORG").contains("Dunmore Keating, Pierce, Fenner and Smith Inc"), "\(e.map { ($0.type, $0.name) })")
    }
}
