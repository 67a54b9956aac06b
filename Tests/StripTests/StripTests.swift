import CopydeskCore
import CopydeskTesting
import Foundation
import Strip
import Testing

/// Runs strip on one HTML page.
func strip(_ html: String, url: String? = nil) throws -> Document {
    var document = Document(id: "p", source: SourceLocation(path: "p.html"), url: url, text: "", html: html)
    _ = try StripStage().process(&document)
    return document
}

func page(body: String, head: String = "") -> String {
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>"
}

let paragraph1 = "The council voted on Tuesday to approve the new budget, which includes funding for schools, roads and libraries across the district."
let paragraph2 = "Opponents said the plan would raise taxes, while supporters argued that the investment was long overdue and would pay for itself."
let paragraph3 = "The budget takes effect in January, and officials said residents would see the first improvements within months of that date."

@Suite("strip: main content from HTML")
struct MainContentTests {
    @Test("keeps every paragraph of the article and drops navigation, header, footer, aside and scripts")
    func keepsArticle() throws {
        let html = page(body: """
            <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
            <main><article><h1>Council approves budget</h1>
            <p>\(paragraph1)</p><p>\(paragraph2)</p><h2>What happens next</h2><p>\(paragraph3)</p></article></main>
            <aside><h3>Most read</h3><ul><li><a href="/a">Story one headline here</a></li><li><a href="/b">Story two</a></li></ul></aside>
            <script>var tracking = "Advertisement text inside a script";</script>
            <footer><p>Copyright 2019 Example News. All rights reserved. Contact us at the address below for any queries.</p></footer>
            """)
        let document = try strip(html)
        #expect(document.text == [paragraph1, paragraph2, "What happens next", paragraph3].joined(separator: "\n\n"))
        #expect(document.html == nil)
    }

    @Test("removes share bars, newsletter boxes, related links, comments and ad slots named by class or id")
    func removesFurnitureByName() throws {
        let html = page(body: """
            <div class="article-body"><p>\(paragraph1)</p>
            <div class="social-share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
            <p>\(paragraph2)</p>
            <div class="newsletter-signup"><p>Sign up for our morning briefing, delivered to your inbox every day with the top stories, free of charge.</p></div>
            <div id="ad-slot-3" class="ad"><span>Advertisement</span></div>
            <p>\(paragraph3)</p>
            <div class="related-articles"><h3>Related</h3><p><a href="/x">A related story about the budget and the council vote last year</a></p></div>
            <div id="comments"><p>Great article, I agree with every word of it and I think the council did the right thing here.</p></div>
            </div>
            """)
        #expect(try strip(html).text == [paragraph1, paragraph2, paragraph3].joined(separator: "\n\n"))
    }

    @Test("hidden elements (hidden, aria-hidden, display:none) are not text")
    func hidden() throws {
        let html = page(body: """
            <article><p>\(paragraph1)</p><p hidden>Hidden paragraph that should never appear in the output text at all, ever.</p>
            <div style="display: none"><p>Also hidden from readers and therefore not part of the article text.</p></div>
            <p aria-hidden="true">Screen-reader hidden decorative text that should not be kept either.</p><p>\(paragraph2)</p></article>
            """)
        let hiddenText = try strip(html).text
        #expect(hiddenText == [paragraph1, paragraph2].joined(separator: "\n\n"), "\(hiddenText)")
    }

    @Test("itemprop=articleBody wins over a container with more text elsewhere, and keeps lists and blockquotes")
    func articleBodyHint() throws {
        let html = page(body: """
            <div class="sidebar-rail"><p>\(paragraph3) \(paragraph3)</p><p>\(paragraph3)</p></div>
            <div class="pg-rail"><div itemprop="articleBody"><p>\(paragraph1)</p><ul><li>First point of the plan, about schools.</li><li>Second point, about roads.</li></ul>
            <blockquote><p>“This is a historic day for the district,” the mayor said.</p></blockquote><p>\(paragraph2)</p></div></div>
            """)
        let text = try strip(html).text
        #expect(text.hasPrefix(paragraph1))
        #expect(text.contains("First point of the plan, about schools."))
        #expect(text.contains("“This is a historic day for the district,” the mayor said."))
        #expect(!text.contains(paragraph3))
    }

    @Test("a page that is all navigation is dropped with a reason, not returned as garbage")
    func allNavigation() throws {
        let html = page(body: "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav><footer>© Example</footer>")
        var document = Document(id: "n", source: SourceLocation(path: "n.html"), text: "", html: html)
        let verdict = try StripStage().process(&document)
        guard case .drop(let reason) = verdict else { Issue.record("expected a drop"); return }
        #expect(reason.contains("no article text"))
    }

    @Test("an empty plain-text document is dropped as empty, not as a page of navigation")
    func emptyText() throws {
        var document = Document(id: "e", source: SourceLocation(path: "e.txt"), text: "  \n\n ")
        guard case .drop(let reason) = try StripStage().process(&document) else { Issue.record("expected a drop"); return }
        #expect(reason.hasPrefix("empty text"))
    }

    @Test("the headline is the title field and does not open the body text")
    func headlineNotInBody() throws {
        let html = page(body: "<article><h1>Council approves budget</h1><p>\(paragraph1)</p></article>", head: "<title>Council approves budget | Example News</title>")
        let document = try strip(html)
        #expect(document.title == "Council approves budget")
        #expect(document.text == paragraph1)
    }
}

@Suite("strip: metadata")
struct MetadataTests {
    func metadata(_ head: String, body: String = "<article><p>\(paragraph1)</p></article>", url: String? = nil) throws -> Document {
        try strip(page(body: body, head: head), url: url)
    }

    @Test("JSON-LD NewsArticle gives headline, datePublished, author, publisher, even inside @graph")
    func jsonLD() throws {
        let document = try metadata("""
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"JSON-LD headline","datePublished":"2019-06-28T17:43:00+01:00",
             "author":[{"@type":"Person","name":"Jon Smith"},{"@type":"Person","name":"Ann Lee"}],"publisher":{"@type":"Organization","name":"Example News"}}]}</script>
            """)
        #expect(document.title == "JSON-LD headline")
        #expect(document.published == "2019-06-28T17:43:00+01:00")
        #expect(document.author == "Jon Smith, Ann Lee")
        #expect(document.site == "Example News")
    }

    @Test("Open Graph and article meta tags, canonical URL and html[lang]")
    func openGraph() throws {
        let document = try metadata("""
            <meta property="og:title" content="OG headline &amp; more"><meta property="og:site_name" content="The Paper">
            <meta property="article:published_time" content="2020-01-02T03:04:05Z"><meta name="author" content="Jane Doe">
            <link rel="canonical" href="https://example.com/news/story">
            """)
        #expect(document.title == "OG headline & more")
        #expect(document.site == "The Paper")
        #expect(document.published == "2020-01-02T03:04:05Z")
        #expect(document.author == "Jane Doe")
        #expect(document.url == "https://example.com/news/story")
        #expect(document.language == "en")
    }

    @Test("time[datetime], common meta names and URL date patterns give the publication date")
    func dates() throws {
        #expect(try metadata("", body: "<article><time datetime=\"2018-10-05\">5 Oct</time><p>\(paragraph1)</p></article>").published == "2018-10-05")
        #expect(try metadata("<meta name=\"pubdate\" content=\"2017-03-04 10:11:12\">").published == "2017-03-04T10:11:12")
        #expect(try metadata("", url: "https://example.com/2019/11/18/some-story/").published == "2019-11-18")
    }

    @Test("<title> minus the site suffix when nothing better exists; nothing is invented")
    func titleFallback() throws {
        let document = try metadata("<title>Budget approved after long debate - Example News</title><meta property=\"og:site_name\" content=\"Example News\">")
        #expect(document.title == "Budget approved after long debate")
        let bare = try metadata("")
        #expect(bare.published == nil && bare.author == nil && bare.site == nil && bare.url == nil)
    }

    @Test("dates in words and datelines become ISO 8601 with the zone when it is known")
    func dateParsing() {
        #expect(DateParsing.dateline("Friday 28 June 2019 17:43, UK") == "2019-06-28T17:43:00+01:00")
        #expect(DateParsing.dateline("Friday 28 December 2019 17:43, UK") == "2019-12-28T17:43:00Z")
        #expect(DateParsing.dateline("Updated: June 28, 2019 5:43 pm EDT") == "2019-06-28T17:43:00-04:00")
        #expect(DateParsing.iso8601("Fri, 28 Jun 2019 17:43:00 GMT") == "2019-06-28T17:43:00Z")
        #expect(DateParsing.iso8601("Nov. 18, 2019, 4:06 p.m.") == "2019-11-18T16:06:00")
        #expect(DateParsing.dateline("The council met on 28 June 2019 to vote") == nil)
        #expect(DateParsing.iso8601("no date here") == nil)
    }
}

@Suite("strip: boilerplate lines in plain text")
struct LineFilterTests {
    func filtered(_ text: String) throws -> Document {
        var document = Document(id: "t", source: SourceLocation(path: "t.txt"), title: "Headline", text: text)
        _ = try StripStage().process(&document)
        return document
    }

    @Test("drops the 'Advertisement' line at the end of an article")
    func advertisement() throws {
        #expect(try filtered("First paragraph.\n\nSecond paragraph.\n\nAdvertisement").text == "First paragraph.\n\nSecond paragraph.")
    }

    @Test("drops Facebook reaction bars and 'Related Posts' headings with their links")
    func reactionsAndRelated() throws {
        let text = "A paragraph of the story.\n\nLike Love Haha Wow Sad Angry\n\nRelated Posts\n\nAnother story headline\n\nA third headline here"
        #expect(try filtered(text).text == "A paragraph of the story.")
    }

    @Test("drops share bars, 'Read more:' and 'Click here' lines, cookie notices and photo credits")
    func furnitureLines() throws {
        let text = """
            Share this article
            The council approved the budget on Tuesday.
            Facebook Twitter WhatsApp Email
            READ MORE: Council tax to rise again next year
            Click here to subscribe to our newsletter
            We use cookies to improve your experience on our site.
            Image copyright Getty Images
            The vote was close.
            """
        #expect(try filtered(text).text == "The council approved the budget on Tuesday.\n\nThe vote was close.")
    }

    @Test("a bare social-embed URL on its own line moves to links; a URL inside a sentence stays")
    func bareURL() throws {
        let document = try filtered("He tweeted about it.\nhttps://twitter.com/JRogan3000/status/1036666071942606849\nSee https://example.com for more.")
        #expect(document.links == ["https://twitter.com/JRogan3000/status/1036666071942606849"])
        #expect(document.text == "He tweeted about it.\n\nSee https://example.com for more.")
    }

    @Test("a dateline under the headline becomes published and leaves the text")
    func dateline() throws {
        let document = try filtered("The politician has not shown contrition.\nFriday 28 June 2019 17:43, UK\nJeremy Corbyn is facing growing demands.")
        #expect(document.published == "2019-06-28T17:43:00+01:00")
        #expect(document.text == "The politician has not shown contrition.\n\nJeremy Corbyn is facing growing demands.")
    }

    @Test("never removes a real sentence that merely contains a boilerplate word")
    func sentencesStay() throws {
        let text = "The advertisement was pulled after complaints.\n\nShe said she would share the data with related agencies.\n\nReaders can click here and there."
        #expect(try filtered(text).text == text)
    }

    @Test("user patterns from the pipeline file remove whole lines only")
    func userPatterns() throws {
        let options = try StripStage.descriptor.defaultOptions(overriding: ["boilerplate_lines": .list([.string("Follow .* on Instagram")])])
        guard case .document(let stage) = try StripStage.descriptor.make(options, StageContext()) else {
            Issue.record("strip is a per-document stage")
            return
        }
        var document = Document(id: "u", source: SourceLocation(path: "u.txt"), text: "Story text.\n\nFollow Example News on Instagram\n\nWe follow news on Instagram daily, she said.")
        _ = try stage.process(&document)
        #expect(document.text == "Story text.\n\nWe follow news on Instagram daily, she said.")
        let bad = try StripStage.descriptor.defaultOptions(overriding: ["boilerplate_lines": .list([.string("([unclosed")])])
        #expect(throws: ConfigError.self) { try StripStage.descriptor.make(bad, StageContext()) }
    }
}

@Suite("strip: bad input")
struct BadHTMLTests {
    func outcome(_ html: String, stage: StripStage = StripStage()) -> (Verdict?, String?, Document) {
        var document = Document(id: "b", source: SourceLocation(path: "b.html"), text: "", html: html)
        do {
            let verdict = try stage.process(&document)
            return (verdict, nil, document)
        } catch {
            return (nil, error.reason, document)
        }
    }

    @Test("truncated HTML and a page without <body> still give their text")
    func truncated() {
        let (verdict, _, document) = outcome("<html><head><title>T</title></head><p>\(paragraph1)</p><p>\(paragraph2)")
        #expect(verdict == .keep)
        #expect(document.text == [paragraph1, paragraph2].joined(separator: "\n\n"))
    }

    @Test("10,000-deep nesting is flattened, not a crash")
    func deepNesting() {
        let html = String(repeating: "<div>", count: 10_000) + "<p>\(paragraph1)</p>" + String(repeating: "</div>", count: 10_000)
        let (verdict, reason, document) = outcome(html)
        // libxml2 flattens what is nested past its limit; the paragraph inside is still the article.
        #expect(verdict == .keep, "\(String(describing: verdict)) \(String(describing: reason))")
        #expect(document.text.contains("The council voted"))
    }

    @Test("a page over max_html_bytes is rejected with the limit named")
    func hugePage() {
        let html = page(body: String(repeating: "<p>\(paragraph1)</p>", count: 400_000))  // ≈ 55 MB
        let (_, reason, _) = outcome(html)
        #expect(reason?.contains("max_html_bytes") == true)
    }

    @Test("binary bytes, an empty page and a page of only markup end with a reason")
    func emptyAndBinary() {
        let (_, emptyReason, _) = outcome("")
        #expect(emptyReason?.contains("empty") == true)
        let (verdict, _, _) = outcome("<html><body><div><span></span></div></body></html>")
        if case .drop(let reason)? = verdict { #expect(reason.contains("no article text")) } else { Issue.record("expected a drop") }
        let (binaryVerdict, binaryReason, _) = outcome("\u{1}\u{2}\u{3}\u{FFFD}\u{FFFD}PNG\u{0}\u{0}")
        #expect(binaryReason != nil || binaryVerdict != .keep)
    }

    @Test("an external entity pointing at a local file is never read")
    func externalEntity() {
        let html = """
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>\(paragraph1) &xxe;</p></body></html>
            """
        let (_, _, document) = outcome(html)
        #expect(!document.text.contains("root:"))
    }

    @Test("a wrong declared charset is corrected by the input's decoder (valid UTF-8 wins over a Latin-1 label)")
    func wrongCharset() throws {
        let bytes = Array("<meta charset=\"iso-8859-1\"><title>Caf\u{E9}</title><p>\(paragraph1) Caf\u{E9} au lait.</p>".utf8)
        let decoded = try bytes.withUnsafeBufferPointer { try HTMLSniffing.decode($0) }
        let (_, _, document) = outcome(decoded.text)
        #expect(document.text.contains("Café au lait."))
    }
}
