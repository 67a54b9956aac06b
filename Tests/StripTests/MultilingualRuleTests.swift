import CopydeskCore
import Foundation
@testable import Strip
import Testing

/// A page with an article of `paragraphs` and whatever else `extra` puts beside it.
private func page(lang: String? = nil, head: String = "", article: String, extra: String = "") -> String {
    let attribute = lang.map { " lang=\"\($0)\"" } ?? ""
    return "<html\(attribute)><head>\(head)</head><body>\(extra)<article>\(article)</article></body></html>"
}

private func stripPage(_ html: String, url: String? = nil) throws -> Document {
    var document = Document(id: "t", source: SourceLocation(path: "t.html"), text: "", html: html)
    document.url = url
    _ = try StripStage().process(&document)
    return document
}

private let prose = [
    "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen, mit knapper Mehrheit.",
    "Die Opposition kritisierte vor allem die Kürzungen bei den Schwimmbädern und kündigte weiteren Widerstand an.",
    "Der Bürgermeister verteidigte den Plan und sprach von einer schwierigen, aber notwendigen Entscheidung für die Stadt.",
]

@Suite("strip: class and id words, split and read by position")
struct ClassNameTests {
    func classify(_ name: String) -> BoilerplateHints.Classification { BoilerplateHints.classify(name) }

    @Test("camelCase, BEM, hyphens, underscores and hashed suffixes are split before matching")
    func tokenisation() {
        var words: [(word: String, role: BoilerplateHints.Role)] = []
        let name = "NewsletterSignup__Styled-sc-1x2y3z"
        Array(name.utf8).withUnsafeBufferPointer { BoilerplateHints.collectWords($0, into: &words) }
        #expect(words.map(\.word) == ["newsletter", "signup", "styled"])
        words.removeAll()
        Array("TestReport__Section--Ads".utf8).withUnsafeBufferPointer { BoilerplateHints.collectWords($0, into: &words) }
        #expect(words.map(\.word) == ["test", "report", "section", "ads"])
        words.removeAll()
        Array("Header_title__3kL9x css-1ab2cd kVqPqp".utf8).withUnsafeBufferPointer { BoilerplateHints.collectWords($0, into: &words) }
        #expect(words.map(\.word) == ["header", "title"])
    }

    @Test("joined furniture words are split into known words; adjacent pieces of one word are joined")
    func compounds() {
        #expect(classify("cookieconsent").furniture)
        #expect(classify("sharebuttons").furniture)
        #expect(classify("relatedposts").furniture)
        #expect(classify("commentlist").discussion)
        #expect(classify("read-more").furniture)
        #expect(classify("screen-reader-text").furniture)
        // Ordinary words that merely start like a furniture word stay unknown.
        #expect(classify("address").furniture == false)
        #expect(classify("download-area").furniture == false)
        #expect(classify("shadow").furniture == false)
    }

    @Test("a strong furniture word names furniture wherever it stands in a name")
    func strongWords() {
        #expect(classify("NewsletterSignup__Styled-sc-1x2y3z").furniture)
        #expect(classify("TestReport__Section--Ads").furniture)
        #expect(classify("article__share").furniture)
        #expect(classify("article__share").content == false)
        #expect(classify("ad-content").content == false)
        #expect(classify("InlineAdSlot").furniture)
    }

    @Test("a qualifier after a preposition or a state word does not name the element")
    func qualifiers() {
        #expect(classify("content-behind-paywall").furniture == false)
        #expect(classify("content-behind-paywall").content)
        #expect(classify("has-sidebar").furniture == false)
        #expect(classify("no-comments").discussion == false)
        #expect(classify("comments-open").discussion == false)
        #expect(classify("ad-free").furniture == false)
        #expect(classify("in-article-ad").furniture)
    }

    @Test("weak and gate words name furniture only where nothing names content")
    func weakAndGateWords() {
        #expect(classify("article-teaser").furniture == false)
        #expect(classify("teaser").furniture)
        #expect(classify("teaser-text").furniture)
        #expect(classify("paywall").furniture)
        #expect(classify("article-body paywall").furniture == false)
        #expect(classify("entry author-admin").furniture == false)
        #expect(classify("entry-content").content)
        #expect(classify("content").content)
    }

    @Test("class words of other languages: Werbung, comentarios, artikel")
    func otherLanguages() {
        #expect(classify("werbung-container").furniture)
        #expect(classify("comentarios").discussion)
        #expect(classify("artikel-inhalt").content)
    }

    @Test("an ad block named by its BEM modifier inside an article goes; a paywalled body stays")
    func onPages() throws {
        let text = prose.map { "<p>\($0)</p>" }.joined()
        let ad = "<div class=\"TestReport__Section--Ads\"><p>Jetzt den neuen Tarif sichern und ein Jahr lang sparen, nur heute bei uns im Shop.</p></div>"
        let document = try stripPage(page(lang: "de", article: text + ad))
        #expect(document.text.contains("Schwimmbädern"))
        #expect(!document.text.contains("Tarif"))
        let gated = try stripPage(page(lang: "de", article: "<div class=\"content-behind-paywall\">\(text)</div>"))
        #expect(gated.text.contains("Bürgermeister"))
    }
}

@Suite("strip: furniture lines per language")
struct LanguageLineTests {
    func filter(_ lines: [String], language: String?) -> [String] {
        LineFilter().filter(lines, language: language).paragraphs
    }

    @Test("German furniture lines go on a German page; the article stays", arguments: [
        "Das könnte Sie auch interessieren", "Mehr zum Thema", "Seite teilen", "Kommentare schreiben", "Anzeige",
        "Lesen Sie auch: Streit um den Haushalt", "4 Min. Lesezeit", "Aktualisiert am 12. März 2024, 14:30 Uhr", "Von Anna Schmidt",
    ])
    func german(line: String) {
        #expect(filter([prose[0], line], language: "de-DE") == [prose[0]])
    }

    @Test("furniture lines of French, Spanish, Italian, Portuguese, Dutch and Polish pages", arguments: [
        ("fr", "Lire aussi"), ("fr", "Partager cet article"), ("fr", "Laisser un commentaire"), ("fr", "Par Jean Dupont"),
        ("es", "Temas relacionados"), ("es", "Deja una respuesta"), ("es", "Lee también: El Gobierno aprueba el plan"),
        ("it", "Argomenti"), ("it", "Leggi anche"), ("it", "Riproduzione riservata"),
        ("pt", "Leia também"), ("pt", "Deixe um comentário"), ("pt", "Notícias relacionadas"),
        ("nl", "Lees ook"), ("nl", "Geef een reactie"), ("nl", "Meest gelezen"),
        ("pl", "Czytaj także"), ("pl", "Dodaj komentarz"), ("pl", "Źródło: PAP"),
    ])
    func otherLanguages(language: String, line: String) {
        #expect(filter([prose[0], line], language: language) == [prose[0]])
    }

    @Test("the headline-shaped lines after a related-stories heading in another language go too")
    func relatedList() {
        let lines = [prose[0], "Mehr zum Thema", "Haushalt: Was die Kürzungen bedeuten", "Schwimmbäder vor dem Aus"]
        #expect(filter(lines, language: "de") == [prose[0]])
    }

    @Test("sentences that only mention a furniture word stay, in every language")
    func sentencesStay() {
        let lines = [
            "Mehr zum Thema Haushalt sagte der Bürgermeister am Abend im Rathaus, als die Sitzung schon vorbei war.",
            "Les commentaires du ministre ont provoqué une vive polémique à l'Assemblée nationale mardi soir.",
            "Lire les conclusions du rapport a pris trois semaines aux enquêteurs, qui ont rendu leur avis mardi.",
        ]
        #expect(filter(lines, language: nil) == lines)
    }

    @Test("a page declared in a language gets English and that language; English or undeclared pages get every language")
    func selection() {
        #expect(BoilerplateRules.forLanguage("de-DE").languages == ["de", "en"])
        #expect(BoilerplateRules.forLanguage("pt_BR").languages == ["pt", "en"].sorted())
        #expect(BoilerplateRules.forLanguage("en").languages.count == BoilerplateData.files.count)
        #expect(BoilerplateRules.forLanguage(nil).languages.count == BoilerplateData.files.count)
        #expect(BoilerplateRules.forLanguage("zh-CN").languages.count == BoilerplateData.files.count)
        // Date words are single words: only a page declared in their language gets them.
        #expect(filter([prose[0], "12. März 2024, 14:30 Uhr"], language: "de") == [prose[0]])
        #expect(filter(["Set 2", prose[0]], language: nil) == ["Set 2", prose[0]])
    }

    @Test("the stage chooses the rules by the page's lang attribute")
    func byPageLanguage() throws {
        let text = prose.map { "<p>\($0)</p>" }.joined() + "<p>12. März 2024, 14:30 Uhr</p>"
        #expect(!(try stripPage(page(lang: "de", article: text)).text.contains("Uhr")))
        #expect(try stripPage(page(lang: "en", article: text)).text.contains("Uhr"))
    }
}

@Suite("strip: the boilerplate data files")
struct BoilerplateDataTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Plugins/Strip/Boilerplate")

    @Test("BoilerplateData.swift embeds every data file verbatim (regenerate: bash Plugins/Strip/Boilerplate/generate.sh)")
    func generatedAgrees() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == BoilerplateData.files.keys.sorted())
        for file in files {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            let expected = text.hasSuffix("\n") ? String(text.dropLast()) : text
            #expect(BoilerplateData.files[String(file.dropLast(4))] == expected, "\(file) differs")
        }
    }

    @Test("at least English, German, French, Spanish, Italian, Portuguese, Dutch and Polish, each with its sections")
    func languages() throws {
        for code in ["en", "de", "fr", "es", "it", "pt", "nl", "pl"] {
            let text = try #require(BoilerplateData.files[code], "no data file for \(code)")
            let file = LanguageFile(text)
            #expect(!file["exact"].isEmpty, "\(code) has no exact lines")
            #expect(!file["related"].isEmpty, "\(code) has no related headings")
            #expect(!file["prefix"].isEmpty, "\(code) has no prefixes")
            #expect(Set(file.sections.keys).isSubset(of: LanguageFile.knownSections), "\(code) has an unknown section")
        }
    }

    @Test("every related heading is also a whole furniture line")
    func relatedAreExact() {
        for (code, file) in BoilerplateRules.files {
            let exact = Set(file["exact"].map { LineFilter.key($0) })
            for heading in file["related"] { #expect(exact.contains(LineFilter.key(heading)), "\(code): '\(heading)'") }
        }
    }
}

@Suite("strip: titles without the site's name")
struct SiteTitleTests {
    func title(_ head: String, url: String? = nil) throws -> String? {
        let text = prose.map { "<p>\($0)</p>" }.joined()
        return try stripPage(page(head: head, article: text), url: url).title
    }

    @Test("a suffix naming og:site_name goes, from og:title as from <title>")
    func siteName() throws {
        #expect(try title("<meta property=\"og:site_name\" content=\"Stadtblatt\"><meta property=\"og:title\" content=\"Haushalt beschlossen | Stadtblatt\">") == "Haushalt beschlossen")
        #expect(try title("<meta property=\"og:site_name\" content=\"The Daily Example\"><title>Budget passes after long debate - The Daily Example</title>") == "Budget passes after long debate")
    }

    @Test("a part naming the URL's host goes: suffix, prefix, and 'Site: Title'")
    func host() throws {
        #expect(try title("<title>Budget passes after long debate – Example News</title>", url: "https://www.examplenews.co.uk/a/1") == "Budget passes after long debate")
        #expect(try title("<title>CNN Politics | Budget passes after long debate</title>", url: "https://edition.cnn.com/x") == "Budget passes after long debate")
        #expect(try title("<title>Stadtblatt: Haushalt beschlossen</title>", url: "https://stadtblatt.de/x") == "Haushalt beschlossen")
        #expect(try title("<meta property=\"og:site_name\" content=\"東京新聞\"><title>予算案が可決される | 東京新聞</title>") == "予算案が可決される")
    }

    @Test("a headline that only mentions the site, or has no site part, is kept whole")
    func kept() throws {
        #expect(try title("<title>CNN anchor leaves the network | Media</title>", url: "https://edition.cnn.com/x") == "CNN anchor leaves the network | Media")
        #expect(try title("<meta property=\"og:title\" content=\"Guerre en Ukraine : ce que l'on sait\">", url: "https://www.exemple.fr/x") == "Guerre en Ukraine : ce que l'on sait")
        #expect(try title("<title>Example - Example</title>", url: "https://example.org/") == "Example - Example")
    }
}

@Suite("strip: pages with NUL bytes")
struct NULByteTests {
    @Test("an HTML file with stray NUL bytes is repaired (NULs removed) and counted, not rejected")
    func fileWithNUL() throws {
        var bytes = Array(page(article: prose.map { "<p>\($0)</p>" }.joined()).utf8)
        bytes.insert(0, at: 40)
        bytes.insert(0, at: 200)
        let decoded = try bytes.withUnsafeBufferPointer { try HTMLSniffing.decodeCounting($0) }
        #expect(decoded.nulBytes == 2)
        #expect(!decoded.text.utf8.contains(0))
        // Mostly NUL (UTF-16 without a byte-order mark, or binary): still refused.
        let utf16 = Array("<html><body>text</body></html>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: DocumentRejection.self) { try utf16.withUnsafeBufferPointer { try HTMLSniffing.decode($0) } }
    }

    @Test("NUL characters inside a page's text (from a JSON string) are removed before parsing and counted")
    func stringWithNUL() throws {
        let html = page(article: prose.map { "<p>\($0)\u{0}</p>" }.joined())
        let document = try stripPage(html)
        #expect(document.text.contains("Bürgermeister"))
        #expect(!document.text.unicodeScalars.contains("\u{0}"))
        let counts = Array(html.utf8).withUnsafeBufferPointer { HTMLPrePass($0, maxAttributes: 256, maxOpenElements: 1024).counts }
        #expect(counts.nulBytes == 3)
    }
}
