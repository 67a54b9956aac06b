import CopydeskCore
import Foundation
import Strip
import Testing

@Suite("strip: more removal rules")
struct MoreRuleTests {
    func lines(_ text: String) throws -> Document {
        var document = Document(id: "t", source: SourceLocation(path: "t.txt"), text: text)
        _ = try StripStage().process(&document)
        return document
    }

    @Test("published falls back to the crawl date only when the page has none, and the record says so")
    func crawlDateFallback() throws {
        let body = "<p>" + String(repeating: "The council approved the budget after a long debate on Tuesday evening. ", count: 4) + "</p>"
        var undated = Document(id: "a", source: SourceLocation(path: "crawl.warc"), text: "", html: "<html><body><article>\(body)</article></body></html>")
        undated.crawled = "2019-11-18T09:30:00Z"
        _ = try StripStage().process(&undated)
        #expect(undated.published == "2019-11-18T09:30:00Z")
        #expect(undated.publishedSource == "warc-date")
        #expect(String(decoding: DocumentRecord.line(undated), as: UTF8.self).contains("\"published_source\":\"warc-date\""))

        let meta = "<meta property=\"article:published_time\" content=\"2019-06-28T17:43:00Z\">"
        var dated = Document(id: "b", source: SourceLocation(path: "crawl.warc"), text: "", html: "<html><head>\(meta)</head><body><article>\(body)</article></body></html>")
        dated.crawled = "2019-11-18T09:30:00Z"
        _ = try StripStage().process(&dated)
        #expect(dated.published == "2019-06-28T17:43:00Z")
        #expect(dated.publishedSource == nil)
    }

    @Test("byline and date lines go; a sentence with a name and a date stays")
    func bylines() throws {
        let text = """
            By Tess Bonn - 11/19/19 06:56 AM EST
            Posted on March 30, 2015 by Admin
            PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 19, 2019 at 10:16 pm
            The governor said on November 19, 2019 that the campaign would continue.
            June 17 -- Bridgestone Arena, Nashville, TN
            """
        #expect(try lines(text).text == "The governor said on November 19, 2019 that the campaign would continue.\n\nJune 17 -- Bridgestone Arena, Nashville, TN")
    }

    @Test("wire credit lines go: reporting, editing and contributed-reporting lines")
    func credits() throws {
        let text = """
            Shares fell 5% in early trading.
            (Reporting by Greg Roumeliotis; Editing by Martin Howell)
            Keith Bradsher contributed reporting from Hong Kong.
            """
        #expect(try lines(text).text == "Shares fell 5% in early trading.")
    }

    @Test("reading-time lines, photo credits with an agency and related-story headings go")
    func furnitureShapes() throws {
        let text = """
            4 min read
            Natalie Naccache | Bloomberg | Getty Images
            The company reported a record quarter.
            More Great WIRED Stories
            YouTubers must unionize, no matter what Google says
            """
        #expect(try lines(text).text == "The company reported a record quarter.")
    }

    @Test("schema.org metadata shown in the body (dates, keywords, publisher) is not article text")
    func microdata() throws {
        let html = page(body: """
            <article><span itemprop="datePublished">2019-11-19T08:57:40+01:00</span><span itemprop="keywords">tech,news</span>
            <p>\(paragraph1)</p><p>\(paragraph2)</p></article>
            """)
        #expect(try strip(html).text == [paragraph1, paragraph2].joined(separator: "\n\n"))
    }

    @Test("a small nested <article> (a teaser) is left out; a large one is the text")
    func nestedArticles() throws {
        let teaser = "<article class=\"post\"><h3><a href=\"/x\">Another story</a></h3><p>A teaser for another story on the site.</p></article>"
        let html = page(body: "<article><p>\(paragraph1)</p><p>\(paragraph2)</p><p>\(paragraph3)</p>\(teaser)</article>")
        #expect(!(try strip(html).text.contains("teaser")))
        let nested = page(body: "<article><div><article id=\"frag\"><p>\(paragraph1)</p><p>\(paragraph2)</p></article></div></article>")
        #expect(try strip(nested).text == [paragraph1, paragraph2].joined(separator: "\n\n"))
    }

    @Test("an article split into chunks between ads and images is kept whole")
    func chunkedArticle() throws {
        let html = page(body: """
            <div class="article__chunks">
            <div class="chunk"><p>\(paragraph1)</p><p>\(paragraph2)</p></div>
            <div class="ad"><span>Advertisement</span></div>
            <div class="chunk"><p>\(paragraph3)</p><p>\(paragraph1.replacingOccurrences(of: "Tuesday", with: "Friday"))</p></div>
            </div><div class="sidebar"><p><a href="/a">Most read one</a></p></div>
            """)
        let text = try strip(html).text
        #expect(text.hasPrefix(paragraph1))
        #expect(text.contains(paragraph3))
        #expect(text.contains("voted on Friday"))
    }

    @Test("text written straight into a div between <br>s is found")
    func divText() throws {
        let menu = (1...30).map { "<li><a href=\"/m\($0)\">Month \($0)</a></li>" }.joined()
        let html = page(body: """
            <div class="row"><div class="col-3"><ul>\(menu)</ul></div>
            <div class="col-9"><p class="titulo">Budget approved</p><br><br>\(paragraph1)<br><br>\(paragraph2)<br></div></div>
            <div class="footer-address">Town Hall - Main Street 1 - Phone 555-0100</div>
            """)
        let text = try strip(html).text
        #expect(text.contains(paragraph1) && text.contains(paragraph2))
        #expect(!text.contains("Phone"))
    }

    @Test("a page whose article is only in its schema.org articleBody still yields the text")
    func articleBodyFallback() throws {
        let body = [paragraph1, paragraph2, paragraph3].joined(separator: "\\n")
        let html = page(body: "<div id=\"app\"><p>Loading…</p></div>",
                        head: "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"articleBody\":\"\(body)\"}</script>")
        #expect(try strip(html).text == [paragraph1, paragraph2, paragraph3].joined(separator: "\n\n"))
    }
}
