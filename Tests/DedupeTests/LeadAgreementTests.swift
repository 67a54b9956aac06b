import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation
import Testing

@Suite("rewrites sharing one paragraph: what the leads and headlines say outside the shared text")
struct LeadAgreementTests {
    /// A story's lead with one name and one figure (too few for the lead's names and figures alone to
    /// corroborate a match); invented.
    let lead = "Soaking rains aided crop development across the province this week, with the northern growing region "
        + "receiving 42 millimetres of precipitation, according to the Manitoba weekly crop report."
    /// Prose paragraphs: title case, so they give no names and no lead words of their own.
    let body = makeParagraphs(71, 4, sentences: 3)

    var story: String { ([lead] + body).joined(separator: "\n\n") }

    /// Another outlet's article: its own lead, then one paragraph of the story and two of its own.
    func article(lead: String) -> String {
        [lead, makeParagraphs(72, 1)[0], body[2], makeParagraphs(73, 1)[0]].joined(separator: "\n\n")
    }

    /// A document published on the story's day (lead words and headlines are judged only between documents
    /// both dated within three days), or undated.
    func document(_ id: String, _ text: String, title: String? = nil, dated: Bool = true) -> Document {
        var d = makeDocument(id, text: text)
        d.title = title
        if dated { d.published = "2024-03-03T09:00:00Z" }
        return d
    }

    @Test("a rewrite saying the lead in other words (its words, name and figure kept) and sharing one paragraph joins as 'syndicated'")
    func paraphrasedLeadJoins() throws {
        let rewrite = article(lead: "The Manitoba weekly crop report said rains had aided crop development in the province, "
            + "the northern region getting 42 millimetres of precipitation.")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story), document("rewrite", rewrite)])
        let info = try #require(byID(output.emitted)["rewrite"]?.duplicate)
        #expect(info.cluster == "story" && info.relation == .syndicated)
    }

    @Test("the same lead words with another figure (another week's report said the same way) stay apart")
    func paraphrasedLeadWithOtherFigureStaysApart() throws {
        let otherWeek = article(lead: "The Manitoba weekly crop report said rains had aided crop development in the province, "
            + "the northern region getting 17 millimetres of precipitation.")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story), document("other", otherWeek)])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["other"]?.duplicate?.cluster == "other")
    }

    @Test("an article reusing the paragraph, whose lead names the same province in words of its own, stays apart")
    func sameNameOtherWordsStaysApart() throws {
        let other = article(lead: "Manitoba lawmakers voted on Tuesday to raise the provincial fuel tax, saying the money "
            + "would repair rural highways damaged by heavy trucks.")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story), document("other", other)])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["other"]?.duplicate?.cluster == "other")
    }

    @Test("a version under the story's headline (after an agency's 'UPDATE 1-' marker) sharing one paragraph joins")
    func sameHeadlineJoins() throws {
        let version = [makeParagraphs(74, 1)[0], body[2], makeParagraphs(75, 1)[0]].joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story, title: "MANITOBA RAINS AID CROP DEVELOPMENT"),
                                       document("version", version, title: "UPDATE 1-Manitoba rains aid crop development")])
        let info = try #require(byID(output.emitted)["version"]?.duplicate)
        #expect(info.cluster == "story" && info.relation == .syndicated)
    }

    @Test("an article on the same subject reusing one paragraph under a headline of its own that shares some of the story's words stays apart")
    func similarHeadlineOnePassageStaysApart() throws {
        let other = [makeParagraphs(74, 1)[0], body[2], makeParagraphs(75, 1)[0]].joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story, title: "MANITOBA RAINS AID CROP DEVELOPMENT"),
                                       document("other", other, title: "Manitoba rains aid crop insurance claims")])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["other"]?.duplicate?.cluster == "other")
    }

    @Test("undated, the same version under the same headline stays apart (another month's report reads the same)")
    func undatedHeadlineStaysApart() throws {
        let version = [makeParagraphs(74, 1)[0], body[2], makeParagraphs(75, 1)[0]].joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story, title: "MANITOBA RAINS AID CROP DEVELOPMENT", dated: false),
                                       document("version", version, title: "UPDATE 1-Manitoba rains aid crop development", dated: false)])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["version"]?.duplicate?.cluster == "version")
    }

    @Test("the same article under another headline stays apart (one shared paragraph is not enough)")
    func otherHeadlineStaysApart() throws {
        let version = [makeParagraphs(74, 1)[0], body[2], makeParagraphs(75, 1)[0]].joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story, title: "MANITOBA RAINS AID CROP DEVELOPMENT"),
                                       document("version", version, title: "Council approves harbour budget")])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["version"]?.duplicate?.cluster == "version")
    }

    @Test("headlines with other figures (another week's report under the same words) stay apart")
    func headlineWithOtherFiguresStaysApart() throws {
        let version = [makeParagraphs(74, 1)[0], body[2], makeParagraphs(75, 1)[0]].joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story, title: "MANITOBA WEEKLY RAINFALL 42 MM"),
                                       document("version", version, title: "MANITOBA WEEKLY RAINFALL 17 MM")])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["version"]?.duplicate?.cluster == "version")
    }

    @Test("an article quoting the story's lead sentence near its own opening does not have the story's lead: it stays apart")
    func quotedLeadIsNotTheLead() throws {
        let wire = "LONDON, March 3 - Halvorsen Securities agreed to buy Brightwater Capital for 412 million dlrs in cash, "
            + "the two firms said on Tuesday, creating the largest broker in the Nordic region with 2,300 staff."
        let story = ([wire] + body).joined(separator: "\n\n")
        let quoting = ["OSLO, May 9 - Rival brokers were cautious.",
                       "\"Halvorsen Securities agreed to buy Brightwater Capital for 412 million dlrs in cash, the two firms said "
                           + "on Tuesday, creating the largest broker in the Nordic region with 2,300 staff,\" a spokesman said.",
                       makeParagraphs(76, 1)[0], makeParagraphs(77, 1)[0]].joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [document("story", story), document("quoting", quoting)])
        #expect(stage.counters["candidates_verified"] ?? 0 >= 1)
        #expect(byID(output.emitted)["quoting"]?.duplicate?.cluster == "quoting")
    }
}
