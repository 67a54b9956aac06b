import CopydeskCore
import Foundation
import Strip
import Testing

/// Runs strip with a given text format on one HTML page.
private func strip(_ html: String, format: TextFormat) throws -> Document {
    var document = Document(id: "p", source: SourceLocation(path: "p.html"), text: "", html: html)
    _ = try StripStage(extractor: ArticleExtractor(format: format)).process(&document)
    return document
}

private let part1 = "Die Stadtwerke haben am Dienstag angekündigt, die Preise für Strom und Gas im kommenden Jahr deutlich zu senken, nachdem die Einkaufskosten gefallen sind."
private let part2 = "Für einen Haushalt mit einem durchschnittlichen Verbrauch bedeutet das eine Ersparnis von rund zweihundert Euro im Jahr, rechnete ein Sprecher vor."
private let part3 = "Verbraucherschützer begrüßten den Schritt, mahnten aber an, dass andere Versorger in der Region bislang keine Senkung angekündigt hätten."
private let part4 = "Die neuen Tarife gelten ab dem ersten Januar; Kundinnen und Kunden müssen nichts unternehmen, die Umstellung erfolgt automatisch mit der nächsten Abrechnung."
private let part5 = "Wer einen Sondervertrag hat, erhält in den kommenden Wochen ein Schreiben mit den neuen Preisen und einem Hinweis auf das Sonderkündigungsrecht."

private let chrome = """
    <header><nav><a href="/">Start</a> <a href="/lokales">Lokales</a> <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav></header>
    """
private let teasers = """
    <div class="more"><h3>Weitere Artikel</h3><ul>
    <li><a href="/a">Neue Buslinie ab März im Norden der Stadt unterwegs</a></li>
    <li><a href="/b">Schwimmbad bleibt wegen Sanierung bis zum Sommer geschlossen</a></li>
    <li><a href="/c">Stadtrat berät über den Haushalt für das kommende Jahr</a></li></ul></div>
    <footer><p>© Stadtzeitung. Alle Rechte vorbehalten. Impressum, Datenschutz und Kontakt finden Sie unten.</p></footer>
    """

@Suite("strip: every block of the article, in any layout")
struct ArticleExtentTests {
    @Test("an article split across page-builder rows (an image row between) is kept whole, furniture around it is not")
    func splitAcrossRows() throws {
        let html = page(body: """
            \(chrome)<div id="wrapper"><h1>Stadtwerke senken Preise</h1>
            <div class="row"><div class="col"><div class="block"><p>\(part1)</p><p>\(part2)</p><p>\(part3)</p></div></div></div>
            <div class="row"><div class="col"><img src="/bild.jpg" alt=""></div></div>
            <div class="row"><div class="col"><div class="block"><p>\(part4)</p><p>\(part5)</p></div></div></div>
            </div>\(teasers)
            """)
        #expect(try strip(html).text == [part1, part2, part3, part4, part5].joined(separator: "\n\n"))
    }

    @Test("a heading between two blocks of the article is kept in its place")
    func headingKept() throws {
        let html = page(body: """
            \(chrome)<main><h1>Stadtwerke senken Preise</h1>
            <div class="section"><p>\(part1)</p><p>\(part2)</p><p>\(part3)</p></div>
            <h2>Was Kunden jetzt tun müssen</h2>
            <div class="section"><p>\(part4)</p><p>\(part5)</p></div>
            </main>\(teasers)
            """)
        #expect(try strip(html).text == [part1, part2, part3, "Was Kunden jetzt tun müssen", part4, part5].joined(separator: "\n\n"))
    }

    @Test("a list after the article (pros and cons) is kept with its heading; a trailing link list is not")
    func listKept() throws {
        let html = page(body: """
            \(chrome)<main><h1>Test: Wärmepumpe X200</h1>
            <div class="text"><p>\(part1)</p><p>\(part2)</p><p>\(part3)</p></div>
            <h3>Vorteile</h3><ul><li>Leise im Betrieb</li><li>Günstig in der Anschaffung</li></ul>
            <h3>Nachteile</h3><ul><li>Lange Lieferzeit</li></ul>
            </main>\(teasers)
            """)
        #expect(try strip(html).text == [part1, part2, part3, "Vorteile", "Leise im Betrieb", "Günstig in der Anschaffung",
                                         "Nachteile", "Lange Lieferzeit"].joined(separator: "\n\n"))
    }

    @Test("a table of the article is written row by row, cells joined")
    func tableAsRows() throws {
        let html = page(body: """
            <article><h1>Preise</h1><p>\(part1)</p><p>\(part2)</p>
            <table><thead><tr><th>Tarif</th><th>Alt</th><th>Neu</th></tr></thead>
            <tbody><tr><td>Strom Basis</td><td>32 ct</td><td>28 ct</td></tr><tr><td>Gas Basis</td><td>12 ct</td><td>10 ct</td></tr></tbody></table>
            <p>\(part3)</p></article>
            """)
        #expect(try strip(html).text == [part1, part2, "Tarif | Alt | Neu", "Strom Basis | 32 ct | 28 ct", "Gas Basis | 12 ct | 10 ct", part3]
            .joined(separator: "\n\n"))
    }

    @Test("a figure caption inside the article is kept; a photo credit is not")
    func captionKept() throws {
        let html = page(body: """
            <article><h1>Preise</h1><p>\(part1)</p><p>\(part2)</p>
            <figure><img src="/a.jpg" alt=""><figcaption>Das Heizkraftwerk der Stadtwerke am Hafen. <span class="credit">Foto: Archiv</span></figcaption></figure>
            <p>\(part3)</p></article>
            """)
        #expect(try strip(html).text == [part1, part2, "Das Heizkraftwerk der Stadtwerke am Hafen.", part3].joined(separator: "\n\n"))
    }

    @Test("a short article wins over a long unnamed cookie notice and an embed notice beside it")
    func shortArticleOverLongFurniture() throws {
        let notice = String(repeating: "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren, Werbung anzupassen und Zugriffe zu analysieren; dazu geben wir Informationen an Partner weiter, die diese mit weiteren Daten zusammenführen können. ", count: 4)
        let html = page(body: """
            <div id="cmp"><p>\(notice)</p><p>\(notice)</p><button>Akzeptieren</button></div>
            \(chrome)<div id="wrapper"><article><h1>Stadtwerke senken Preise</h1><p>\(part1)</p><p>\(part2)</p><p>\(part3)</p>
            <div class="embed-notice"><p>Externer Inhalt: An dieser Stelle finden Sie einen Inhalt eines Drittanbieters, der erst nach Ihrer Zustimmung geladen wird.</p></div>
            </article></div>\(teasers)
            """)
        #expect(try strip(html).text == [part1, part2, part3].joined(separator: "\n\n"))
    }

    @Test("a short note or teaser after the article does not join it, a second part of the article does")
    func loneNoteNotTaken() throws {
        let html = page(body: """
            \(chrome)<div id="wrapper"><h1>Stadtwerke senken Preise</h1>
            <div class="part"><p>\(part1)</p><p>\(part2)</p><p>\(part3)</p></div>
            <div class="note"><p>Die Autorin lebt in Hamburg und schreibt über Energie.</p></div>
            </div>\(teasers)
            """)
        #expect(try strip(html).text == [part1, part2, part3].joined(separator: "\n\n"))
    }

    @Test("format: markdown writes headings, lists, tables and links as Markdown; plain text is unchanged by it")
    func markdown() throws {
        let html = page(body: """
            \(chrome)<main><h1>Stadtwerke senken Preise</h1>
            <div class="text"><p>\(part1) Mehr bei den <a href="https://example.org/stadtwerke">Stadtwerken</a>.</p><p>\(part2)</p>
            <h2>Die Tarife</h2>
            <table><tr><th>Tarif</th><th>Neu</th></tr><tr><td>Strom</td><td>28 ct</td></tr></table>
            <h3>So geht es weiter</h3><ol><li>Brief abwarten</li><li>Abschlag prüfen</li></ol>
            <ul><li>Fragen: <a href="/kontakt">Kontakt</a> aufnehmen, gern auch per Telefon oder Brief</li></ul>
            <p>\(part3)</p></div></main>\(teasers)
            """)
        let markdown = try strip(html, format: .markdown).text
        #expect(markdown == """
            \(part1) Mehr bei den [Stadtwerken](https://example.org/stadtwerke).

            \(part2)

            ## Die Tarife

            | Tarif | Neu |
            | --- | --- |
            | Strom | 28 ct |

            ### So geht es weiter

            1. Brief abwarten
            2. Abschlag prüfen

            - Fragen: [Kontakt](/kontakt) aufnehmen, gern auch per Telefon oder Brief

            \(part3)
            """)
        let plain = try strip(html, format: .plain).text
        #expect(plain == ["\(part1) Mehr bei den Stadtwerken.", part2, "Die Tarife", "Tarif | Neu", "Strom | 28 ct", "So geht es weiter",
                          "Brief abwarten", "Abschlag prüfen", "Fragen: Kontakt aufnehmen, gern auch per Telefon oder Brief", part3]
            .joined(separator: "\n\n"))
    }

    @Test("a page of a line or two is its own article; links that run scripts are text, not navigation")
    func shortPage() throws {
        let html = page(body: #"<div><a href="javascript:void(0)">Kurzmeldung</a>: Die Brücke ist <a href="javascript:show()">wieder frei</a>.</div>"#)
        #expect(try strip(html).text == "Kurzmeldung: Die Brücke ist wieder frei.")
        let navigation = page(body: #"<div><a href="/a">Start</a> <a href="/b">Lokales</a> <a href="/c">Sport</a></div>"#)
        var document = Document(id: "n", source: SourceLocation(path: "n.html"), text: "", html: navigation)
        #expect(try StripStage().process(&document) != .keep)
    }

    @Test("text the page hides (visibility:hidden, display:none) is left out even when it is most of the page")
    func hiddenMajority() throws {
        let html = page(body: """
            <article><h1>Preise</h1><div style="visibility: hidden"><p>\(part1)</p><p>\(part2)</p><p>\(part3)</p></div>
            <div><p>\(part4)</p><p>\(part5)</p></div></article>
            """)
        #expect(try strip(html).text == [part4, part5].joined(separator: "\n\n"))
    }

    @Test("the strip stage takes format from the pipeline and names the choices when it is wrong")
    func formatOption() throws {
        #expect(StripStage.descriptor.options.contains { $0.name == "format" })
        #expect(TextFormat(rawValue: "markdown") == .markdown)
        #expect(TextFormat.allCases.map(\.rawValue) == ["plain", "markdown"])
    }
}
