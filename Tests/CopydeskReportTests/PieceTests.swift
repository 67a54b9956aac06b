@testable import CopydeskReport
import Testing

/// The pieces the page is made of: escaping, natural order, shared passages, histogram bins.
@Suite("report page pieces")
struct PieceTests {
    @Test("text from the data cannot become markup: tags, ampersands and quotes are entities, NUL is shown as ␀")
    func escaping() {
        var bytes: [UInt8] = []
        HTMLEscaping.appendText("<script>alert(\"x\")</script> & a\u{0}b\u{7}c\nd", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; a\u{2400}b\u{FFFD}c\nd")
    }

    @Test("a JSON data block cannot be closed from inside: <, > and & are \\u escapes, NUL is ␀, line separators escaped")
    func jsonEscaping() {
        var bytes: [UInt8] = []
        HTMLEscaping.appendJSONString("</script><!-- \"q\" \\ \u{0} \u{2028}\n\u{1}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""\u003c/script\u003e\u003c!-- \"q\" \\ \#u{2400} \u2028\n\u0001""#)
    }

    @Test("one-line snippets collapse white space and are cut with an ellipsis")
    func oneLine() {
        #expect(HTMLEscaping.oneLine("  A  title\n\nwith   breaks ", limit: 100) == "A title with breaks")
        #expect(HTMLEscaping.oneLine("abcdef", limit: 3) == "abc…")
    }

    @Test("ids sort as numbers where they are numbers: 9, 1017, 10038, 10077 (not as text: 10038, 10077, 1017, 9)")
    func naturalOrder() {
        #expect(["10038", "10077", "1017", "9"].sorted(by: NaturalOrder.precedes) == ["9", "1017", "10038", "10077"])
        #expect(["doc-10", "doc-9", "doc-9a", "a", "doc-09"].sorted(by: NaturalOrder.precedes) == ["a", "doc-9", "doc-9a", "doc-09", "doc-10"])
        #expect(!NaturalOrder.precedes("5", "5"))
    }

    @Test("shared passages: runs of four words both texts have, case aside; what a version adds is not shared")
    func sharedPassages() {
        let a = Array("The central bank raised interest rates on Tuesday. Analysts were surprised.".utf8)
        let b = Array("LONDON - the central bank raised interest rates on Tuesday, officials said.".utf8)
        let passages = SharedPassages(a, b)
        func text(_ bytes: [UInt8], _ segments: [SharedPassages.Segment], shared: Bool) -> [String] {
            segments.filter { $0.shared == shared }.map { String(decoding: bytes[$0.bytes], as: UTF8.self) }
        }
        #expect(text(a, passages.first, shared: true) == ["The central bank raised interest rates on Tuesday"])
        #expect(text(b, passages.second, shared: true) == ["the central bank raised interest rates on Tuesday"])
        #expect(text(a, passages.first, shared: false) == [". Analysts were surprised."])
        #expect(text(b, passages.second, shared: false) == ["LONDON - ", ", officials said."])
        #expect(passages.firstShared == 8 && passages.firstWords == 11)
        // The segments cover each text exactly, in order.
        #expect(passages.first.first?.bytes.lowerBound == 0 && passages.first.last?.bytes.upperBound == a.count)
        for (x, y) in zip(passages.second, passages.second.dropFirst()) { #expect(x.bytes.upperBound == y.bytes.lowerBound && x.shared != y.shared) }
    }

    @Test("texts in other scripts are compared on whole UTF-8 words; nothing shared when nothing is")
    func otherScripts() {
        let a = Array("Der Vorstand der Bank hat heute die Zinsen erhöht, sagte Müller.".utf8)
        let b = Array("Der Vorstand der Bank hat heute die Zinsen erhöht.".utf8)
        let passages = SharedPassages(a, b)
        #expect(passages.secondShared == passages.secondWords)
        #expect(passages.first.filter { !$0.shared }.map { String(decoding: a[$0.bytes], as: UTF8.self) } == [", sagte Müller."])
        let none = SharedPassages(Array("one two three four five".utf8), Array("six seven eight nine ten".utf8))
        #expect(none.firstShared == 0 && none.first == [.init(bytes: 0..<23, shared: false)])
    }

    @Test("histograms: cluster sizes in growing bins, similarities in tenths with 1.0 in the last")
    func histograms() {
        var sizes = Histogram.clusterSizes()
        for size in [2, 2, 3, 7, 12, 250] { sizes.add(Double(size)) }
        #expect(sizes.bins.map(\.count) == [2, 1, 0, 0, 1, 1, 0, 0, 1])
        var unit = Histogram.unitInterval()
        for value in [0.0, 0.05, 0.5, 0.99, 1.0, -1, .nan] { unit.add(value) }
        #expect(unit.bins.map(\.count) == [2, 0, 0, 0, 0, 1, 0, 0, 0, 2])
        #expect(unit.total == 5)
    }
}
