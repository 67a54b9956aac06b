import CopydeskCore
import Entities
import Foundation
import Testing

/// The tagger works on a big document a window of whole sentences at a time (bounded scratch memory);
/// the windows must never show in the result.
@Suite("tagging windows")
struct WindowTests {
    /// The five seed articles' texts, one after another: a real multi-paragraph document.
    static let seedText: String = {
        let seeds = packageRoot.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path))?.sorted() ?? []
        return names.compactMap { try? String(contentsOf: seeds.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n\n")
    }()

    @Test("sentence-bounded windows of any size give the entities of one window over the whole text")
    func windowSizeDoesNotMatter() throws {
        let text = Self.seedText
        let tokens = TokenizedText(text: text).tokens.count
        try #require(tokens > 2000, "the seed articles should give a multi-window text")
        let whole = EntityRecogniser(model: sharedModel, windowTokens: tokens).entities(in: text)
        #expect(whole.count > 20)
        for window in [1, 3, 17, 200, TaggerModel.windowTokens] {
            let windowed = EntityRecogniser(model: sharedModel, windowTokens: window).entities(in: text)
            #expect(windowed == whole, "window of \(window) tokens")
        }
    }

    @Test("a name split by a window boundary, inside one long sentence, is still one mention with exact offsets")
    func nameAcrossBoundary() throws {
        // 8-token windows: the first sentence (14 tokens) is scored in two chunks, the boundary falling inside
        // "Manuel Cortes"; the later sentences sit in windows of their own, and "Ms Walker" there joins the
        // full name found in the first.
        let text = "On Friday, Jackie Walker met with Manuel Cortes in London for talks.\n\n"
            + "Ms Walker said the talks went well. Cortes agreed. Walker left London on Saturday."
        let tokenized = TokenizedText(text: text)
        let cortes = try #require(tokenized.tokens.indices.first { tokenized.string($0) == "Cortes" })
        #expect(cortes == 8, "the boundary of 8-token chunks falls between Manuel (7) and Cortes (8)")
        let windowed = EntityRecogniser(model: sharedModel, windowTokens: 8).entities(in: text)
        let whole = EntityRecogniser(model: sharedModel, windowTokens: tokenized.tokens.count).entities(in: text)
        #expect(windowed == whole)
        #expect(entity(windowed, "Manuel Cortes")?.type == "PERSON")
        #expect(entity(windowed, "Manuel Cortes")?.mentions.map(\.text) == ["Manuel Cortes", "Cortes"])
        #expect(entity(windowed, "Jackie Walker")?.mentions.map(\.text) == ["Jackie Walker", "Ms Walker", "Walker"])
        #expect(mentions(windowed, type: "LOC") == ["London", "London"])
        #expect(offsetsAreExact(windowed, in: text))
    }

    @Test("the tagger's labels do not depend on the window, for CoNLL-style sentences too")
    func labelsIndependentOfWindow() {
        let sentences = (0..<300).map { k in ["Angela", "Merkel", "met", "officials", "of", "Deutsche", "Bank", "in", "Berlin", "on", "day", "\(k)", "."] }
        let text = TokenizedText.fromTokens(sentences)
        let reference = EntityRecogniser(model: sharedModel, windowTokens: text.tokens.count).labels(for: text)
        #expect(reference.contains { $0 != 0 })
        for window in [1, 5, 13, 100] {
            #expect(EntityRecogniser(model: sharedModel, windowTokens: window).labels(for: text) == reference, "window \(window)")
        }
    }
}
