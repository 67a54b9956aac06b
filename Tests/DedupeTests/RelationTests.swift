import CopydeskCore
import CopydeskTesting
import Dedupe
import Foundation
import Testing

@Suite("relations: exact, near, syndicated, and the hard negatives")
struct RelationTests {
    let story = Story()

    @Test("an exact copy differing only in case, quote characters and whitespace is 'exact'")
    func exact() throws {
        let copy = story.text.uppercased().replacingOccurrences(of: " ", with: "  ").replacingOccurrences(of: ".", with: "”.")
        let (out, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("b", text: copy)])
        #expect(out[1].duplicate?.relation == .exact)
        #expect(out[1].duplicate?.canonical == "a" && out[1].duplicate?.cluster == "a")
        #expect(out[0].duplicate?.relation == nil && out[0].duplicate?.similarity == 1.0)
    }

    @Test("a lightly edited copy is 'near' with its Jaccard similarity")
    func near() throws {
        let (out, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("b", text: story.near)])
        let info = try #require(out[1].duplicate)
        #expect(info.relation == .near)
        #expect(info.similarity >= 0.8 && info.similarity < 1)
    }

    @Test("another outlet's version (part of the paragraphs, reordered, its own added) is 'syndicated' though its Jaccard is low")
    func syndicated() throws {
        let (out, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("b", text: story.syndicated)])
        let info = try #require(out[1].duplicate)
        #expect(info.relation == .syndicated)
        #expect(info.similarity < 0.6)
        #expect((info.containment ?? 0) > 0.5)
    }

    @Test("a wire story run after a local introduction, cut short and followed by local paragraphs, is 'syndicated'")
    func wireAfterLocalIntroduction() throws {
        let local = makeParagraphs(95, 3)
        let version = ([local[0]] + story.paragraphs[0...3] + [local[1], local[2]]).joined(separator: "\n\n")
        let (out, _) = try dedupe([makeDocument("wire", text: story.text), makeDocument("local", text: version)])
        #expect(out[1].duplicate?.cluster == "wire" && out[1].duplicate?.relation == .syndicated)
    }

    @Test("a different article quoting one sentence of the story verbatim is not merged")
    func sharedQuote() throws {
        var other = paragraphs(2, 2)
        let sentence = story.paragraphs[3].split(separator: ".")[1]
        other.insert("\"\(sentence.trimmingCharacters(in: .whitespaces)),\" the minister said on Tuesday.", at: 2)
        let (out, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("b", text: story.syndicated),
                                   makeDocument("q", text: other.joined(separator: "\n\n"))])
        #expect(out[2].duplicate?.cluster == "q" && out[2].duplicate?.relation == nil)
    }

    @Test("a different article reusing one background paragraph of the story is not merged")
    func sharedBackground() throws {
        // A short article, so the shared paragraph is over a fifth of it: only the one-passage rule keeps it apart.
        var other = paragraphs(3, 3)
        other.insert(story.paragraphs[5], at: 1)
        let (out, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("b", text: story.syndicated),
                                   makeDocument("g", text: other.joined(separator: "\n\n"))])
        #expect(out[2].duplicate?.cluster == "g" && out[2].duplicate?.relation == nil)
        #expect(out[1].duplicate?.cluster == "a")
        // The same pair with the passage rule switched off would merge: the test exercises that rule.
        var loose = DedupeOptions()
        loose.minPassages = 1
        let (merged, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("g", text: other.joined(separator: "\n\n"))], loose)
        #expect(merged[1].duplicate?.cluster == "a")
    }

    @Test("different articles on one topic vocabulary stay apart")
    func differentArticles() throws {
        let docs = (10..<20).map { makeDocument("d\($0)", text: paragraphs(UInt64($0), 6).joined(separator: "\n\n")) }
        let (out, _) = try dedupe(docs)
        for d in out { #expect(d.duplicate?.cluster == d.id) }
    }

    @Test("boilerplate lines ('Advertisement', 'Read more: …') do not make two short different notes a match")
    func boilerplateIgnored() throws {
        let furniture = "Advertisement\nRead more: the full coverage of the city budget vote\nFollow us on Twitter @citynews\n"
        let a = furniture + prose(40, sentences: 1)
        let b = furniture + prose(41, sentences: 1)
        let (out, _) = try dedupe([makeDocument("a", text: a), makeDocument("b", text: b)])
        #expect(out[1].duplicate?.cluster == "b")
    }

    @Test("the shared passages are reported when asked for")
    func passages() throws {
        var options = DedupeOptions()
        options.passages = true
        let (out, _) = try dedupe([makeDocument("a", text: story.text), makeDocument("b", text: story.syndicated)], options)
        let passages = try #require(out[1].duplicate?.passages)
        #expect(passages.count >= 2)
        #expect(passages.allSatisfy { story.text.contains($0.prefix(40)) && $0.count >= 40 })
    }
}
