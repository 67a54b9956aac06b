import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation
import Testing

@Suite("low-overlap rewrites: the lead's names and figures given outside the shared text corroborate one shared passage")
struct LeadCorroborationTests {
    /// A story whose lead gives who, where, when and how much; invented.
    let lead = "LONDON, March 3 - Halvorsen Securities agreed to buy Brightwater Capital for 412 million dlrs in cash, "
        + "the two firms said on Tuesday, creating the largest broker in the Nordic region with 2,300 staff."
    /// Another reporter's lead: dateline dropped, clauses moved, half the facts left out, units written out —
    /// too few facts in common for the leads to "agree", but every one it gives is the story's.
    let rewrittenLead = "Brightwater Capital is being bought by Halvorsen Securities, which pays 412 million dollars "
        + "in cash for a deal forming the biggest broker of the region."
    let body = makeParagraphs(61, 4, sentences: 3)

    var story: String { ([lead] + body).joined(separator: "\n\n") }
    var rewrite: String { [rewrittenLead, makeParagraphs(62, 1)[0], body[2], makeParagraphs(63, 1)[0]].joined(separator: "\n\n") }
    /// Another article on the same firm reusing the same paragraph: its own figures, date and place.
    var sameFirm: String {
        ["OSLO, May 9 - Halvorsen Securities said its 1987 profit fell 18 pct to 96 million crowns on weaker trading in Asia.",
         body[2], makeParagraphs(64, 1)[0]].joined(separator: "\n\n")
    }

    func document(_ id: String, _ text: String, published: String? = nil) -> Document {
        var d = makeDocument(id, text: text)
        d.published = published
        return d
    }

    @Test("a rewrite sharing one paragraph, whose lead's names and figures the story gives, joins as 'syndicated'")
    func rewriteJoins() throws {
        let (out, _) = try dedupe([document("story", story), document("rewrite", rewrite)])
        let info = try #require(byID(out)["rewrite"]?.duplicate)
        #expect(info.cluster == "story" && info.relation == .syndicated)
    }

    @Test("with lead_facts: false the same rewrite stays alone (one shared paragraph is not enough)")
    func optionOff() throws {
        var options = DedupeOptions()
        options.leadFacts = false
        let (out, _) = try dedupe([document("story", story), document("rewrite", rewrite)], options)
        #expect(byID(out)["rewrite"]?.duplicate?.cluster == "rewrite")
    }

    @Test("an article on the same firm reusing the paragraph, with a lead of its own facts, stays apart")
    func sameSubjectStaysApart() throws {
        let (out, _) = try dedupe([document("story", story), document("rewrite", rewrite), document("other", sameFirm)])
        #expect(byID(out)["other"]?.duplicate?.cluster == "other")
        #expect(byID(out)["rewrite"]?.duplicate?.cluster == "story")
    }

    @Test("published a month apart, the same rewrite is another story that repeats the facts: alone")
    func farApartInTime() throws {
        let (out, _) = try dedupe([document("story", story, published: "2024-03-03T09:00:00Z"),
                                   document("rewrite", rewrite, published: "2024-04-03T09:00:00Z")])
        #expect(byID(out)["rewrite"]?.duplicate?.cluster == "rewrite")
    }

    @Test("published the next day, it joins")
    func nextDay() throws {
        let (out, _) = try dedupe([document("story", story, published: "2024-03-03T09:00:00Z"),
                                   document("rewrite", rewrite, published: "2024-03-04T18:00:00Z")])
        #expect(byID(out)["rewrite"]?.duplicate?.cluster == "story")
    }

    @Test("names from a title-case paragraph are not facts: a rewrite whose only common 'names' are a headline's words stays alone")
    func titleCaseIsNotNames() throws {
        let headline = "Halvorsen Securities Buys Brightwater Capital In Cash Deal Worth Millions"
        let noFacts = "A broker is being bought by a rival, which pays in cash for a deal forming the biggest broker of the region."
        let storyWithHeadline = ([headline, lead.replacingOccurrences(of: "Halvorsen Securities", with: "the buyer")
            .replacingOccurrences(of: "Brightwater Capital", with: "a rival")] + body).joined(separator: "\n\n")
        let other = [noFacts, headline, makeParagraphs(62, 1)[0], body[2]].joined(separator: "\n\n")
        let (out, _) = try dedupe([document("story", storyWithHeadline), document("other", other)])
        #expect(byID(out)["other"]?.duplicate?.cluster == "other")
    }
}
