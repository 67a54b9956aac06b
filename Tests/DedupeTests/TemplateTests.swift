import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation
import Testing

/// A recurring report written from one template: the same wording every time, other figures, dates and
/// names in the same places (the way agencies write money-market operations, weekly output figures or
/// bond issues). The story's paragraphs, each closed by a sentence of facts; invented wording.
func templatedReport(_ paragraphs: [String], company: String, day: String, month: String, figures: [Int]) -> String {
    paragraphs.enumerated().map { k, paragraph in
        paragraph + " officials at \(company) put the cost at \(figures[k % figures.count]) million dlrs on \(day), "
            + "up from \(figures[(k + 1) % figures.count] / 2 + 1) million in \(month), the statement said."
    }.joined(separator: "\n\n")
}

@Suite("templated reports: the same wording with other facts is another report, not a version")
struct TemplateTests {
    let base = makeParagraphs(7, 8, sentences: 2)
    var monday: String { templatedReport(base, company: "Halvorsen Securities", day: "Monday", month: "March", figures: [125, 340, 96, 1_250]) }
    var thursday: String { templatedReport(base, company: "Brightwater Capital", day: "Thursday", month: "June", figures: [410, 72, 388, 2_600]) }

    @Test("two days' reports from one template (other day, date, amount, rate and firm) stay in clusters of their own, counted as 'template'")
    func otherFactsAreAnotherReport() throws {
        let stage = DedupeStage()
        let output = try drive(stage, [makeDocument("mon", text: monday), makeDocument("thu", text: thursday)])
        let byId = byID(output.emitted)
        #expect(byId["mon"]?.duplicate?.cluster == "mon" && byId["mon"]?.duplicate?.relation == nil)
        #expect(byId["thu"]?.duplicate?.cluster == "thu" && byId["thu"]?.duplicate?.relation == nil)
        #expect(stage.counters["template"] == 1)
        #expect(stage.counters["syndicated"] == 0)
    }

    @Test("with templates: false the same two reports are clustered as versions of one story (the former behaviour)")
    func optionOff() throws {
        var options = DedupeOptions()
        options.templates = false
        let stage = DedupeStage(options: options)
        let output = try drive(stage, [makeDocument("mon", text: monday), makeDocument("thu", text: thursday)])
        let thu = try #require(byID(output.emitted)["thu"]?.duplicate)
        #expect(thu.cluster == "mon" && thu.relation == .syndicated)
        #expect(stage.counters["template"] == 0)
    }

    @Test("action: drop never drops a templated report: both reports pass")
    func dropKeepsTemplatedReports() throws {
        var options = DedupeOptions()
        options.action = .drop
        let stage = DedupeStage(options: options)
        let output = try drive(stage, [makeDocument("mon", text: monday), makeDocument("thu", text: thursday)])
        #expect(output.dropped.isEmpty && output.emitted.count == 2)
    }

    @Test("another outlet's version with the same facts — a paragraph left out, one of its own, one figure retyped — stays 'syndicated'")
    func versionWithOneChangedFigure() throws {
        var paragraphs = monday.components(separatedBy: "\n\n")
        paragraphs.remove(at: 2)
        paragraphs.remove(at: 5)
        paragraphs.insert(makeParagraphs(41, 1)[0], at: 3)
        paragraphs[1] = paragraphs[1].replacingOccurrences(of: "340", with: "345")
        let version = paragraphs.joined(separator: "\n\n")
        let stage = DedupeStage()
        let output = try drive(stage, [makeDocument("mon", text: monday), makeDocument("outlet", text: version)])
        let byId = byID(output.emitted)
        let info = try #require(byId["outlet"]?.duplicate)
        #expect(info.cluster == "mon")
        let syndicated = info.relation == .syndicated || byId["mon"]?.duplicate?.relation == .syndicated
        #expect(syndicated)
        #expect(stage.counters["template"] == 0)
    }

    @Test("a templated report of the same day as one story's versions is kept apart while the versions join")
    func versionsJoinTemplateStaysApart() throws {
        let version = monday.replacingOccurrences(of: "\n\n", with: "\n\nAdvertisement\n\n")
        let (out, report) = try dedupe([makeDocument("mon", text: monday), makeDocument("thu", text: thursday),
                                        makeDocument("mon2", text: version)])
        let byId = byID(out)
        #expect(byId["mon2"]?.duplicate?.cluster == "mon")
        #expect(byId["thu"]?.duplicate?.cluster == "thu")
        #expect(report.balanced)
    }
}

@Suite("low-overlap rewrites: the same lead's facts in other words")
struct LeadFactsTests {
    /// A story whose lead gives who, where, when and how much; invented.
    let lead = "LONDON, March 3 - Halvorsen Securities agreed to buy Brightwater Capital for 412 million dlrs in cash, "
        + "the two firms said on Tuesday, creating the largest broker in the Nordic region with 2,300 staff."
    /// The same lead said in other words: the facts kept, almost no five words in a row.
    let paraphrased = "LONDON, March 3 - Halvorsen Securities will acquire Brightwater Capital, paying 412 million dlrs "
        + "in cash, both companies announced on Tuesday; the deal makes the biggest Nordic broker, employing 2,300 people."
    let body = makeParagraphs(61, 4, sentences: 3)

    var story: String { ([lead] + body).joined(separator: "\n\n") }
    /// Another outlet's rewrite: the lead paraphrased, one paragraph of the story kept, two of its own.
    var rewrite: String { ([paraphrased, makeParagraphs(62, 1)[0], body[2], makeParagraphs(63, 1)[0]]).joined(separator: "\n\n") }
    /// Another article reusing the same paragraph, under a lead of its own.
    var background: String {
        (["OSLO, May 9 - Tarrant Shipping said its 1987 profit fell 18 pct to 96 million crowns on weaker freight rates in Asia.",
          body[2], makeParagraphs(64, 1)[0]]).joined(separator: "\n\n")
    }

    @Test("a rewrite sharing one paragraph whose lead gives the same figures, date and names joins the story as 'syndicated'")
    func rewriteJoins() throws {
        let (out, _) = try dedupe([makeDocument("story", text: story), makeDocument("rewrite", text: rewrite)])
        let info = try #require(byID(out)["rewrite"]?.duplicate)
        #expect(info.cluster == "story" && info.relation == .syndicated)
    }

    @Test("with lead_facts: false the same rewrite is not matched (one shared paragraph is not enough)")
    func optionOff() throws {
        var options = DedupeOptions()
        options.leadFacts = false
        let (out, _) = try dedupe([makeDocument("story", text: story), makeDocument("rewrite", text: rewrite)], options)
        #expect(byID(out)["rewrite"]?.duplicate?.cluster == "rewrite")
    }

    @Test("an article reusing the same paragraph under a lead of its own stays apart")
    func backgroundStaysApart() throws {
        let (out, _) = try dedupe([makeDocument("story", text: story), makeDocument("rewrite", text: rewrite),
                                   makeDocument("other", text: background)])
        #expect(byID(out)["other"]?.duplicate?.cluster == "other")
        #expect(byID(out)["rewrite"]?.duplicate?.cluster == "story")
    }
}

@Suite("templated reports across runs: the index file keeps the facts")
struct TemplateAcrossRunsTests {
    let base = makeParagraphs(7, 8, sentences: 2)

    @Test("a templated report met in a later run is kept apart from the indexed one, as it would be in one batch")
    func laterRunJudgesAsOneBatch() throws {
        let directory = TestDirectory.make("dedupe-templates")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = DedupeOptions()
        options.index = directory + "/dedupe.index"
        let monday = templatedReport(base, company: "Halvorsen Securities", day: "Monday", month: "March", figures: [125, 340, 96, 1_250])
        let thursday = templatedReport(base, company: "Brightwater Capital", day: "Thursday", month: "June", figures: [410, 72, 388, 2_600])
        try drive(DedupeStage(options: options), [makeDocument("mon", text: monday)])
        let stage = DedupeStage(options: options)
        let output = try drive(stage, [makeDocument("thu", text: thursday)])
        #expect(byID(output.emitted)["thu"]?.duplicate?.cluster == "thu")
        #expect(stage.counters["template"] == 1)
    }
}
