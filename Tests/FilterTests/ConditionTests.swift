import CopydeskCore
import CopydeskTesting
import Filter
import Testing

/// Each kind of condition on documents that pass and documents that fail, with the reason they get.
@Suite("filter conditions")
struct ConditionTests {
    @Test("shorthand min_words/max_words count words (runs holding a letter or digit), with the count in the reason")
    func words() throws {
        let stage = try filterStage("min_words: 5\nmax_words: 8")
        #expect(try reason(stage, makeDocument("a", text: "one two three four five")) == nil)
        #expect(try reason(stage, makeDocument("b", text: "one two - – three four")) == "4 words, fewer than 5")
        #expect(try reason(stage, makeDocument("c", text: prose(9))) == "9 words, more than 8")
    }

    @Test("language shorthand matches the primary subtag, ignoring case; unknown language fails")
    func language() throws {
        let stage = try filterStage("language: [en, de]")
        var doc = makeDocument("a", text: "x")
        for tag in ["en", "EN", "en-GB", "de_AT", "de"] {
            doc.language = tag
            #expect(try reason(stage, doc) == nil, "\(tag)")
        }
        for tag in ["eng", "fr", "e"] {
            doc.language = tag
            #expect(try reason(stage, doc) == "language \(tag) not in [en, de]", "\(tag)")
        }
        doc.language = nil
        #expect(try reason(stage, doc)?.hasPrefix("language unknown") == true)
        let regional = try filterStage("language: [en-GB]")
        doc.language = "en-US"
        #expect(try reason(regional, doc) != nil)
        doc.language = "en-gb"
        #expect(try reason(regional, doc) == nil)
    }

    @Test("min_confidence with an unknown confidence fails with a reason naming the language stage")
    func unknownConfidence() throws {
        let stage = try filterStage("language: [en]\nmin_confidence: 0.5")
        var doc = makeDocument("a", text: "x")
        doc.language = "en"
        let why = try #require(try reason(stage, doc))
        #expect(why.contains("confidence unknown"))
        #expect(why.contains("language stage before filter"))
    }

    @Test("min_confidence keeps a language the language stage is sure enough of, and drops one it is not")
    func knownConfidence() throws {
        let stage = try filterStage("language: [en]\nmin_confidence: 0.5")
        var doc = makeDocument("a", text: "x")
        doc.language = "en"
        doc.languageConfidence = 0.9
        #expect(try reason(stage, doc) == nil)
        doc.languageConfidence = 0.3
        let why = try #require(try reason(stage, doc))
        #expect(why.contains("0.3"))
    }

    @Test("include and exclude patterns on title, text, url and site; a missing field fails include and passes exclude")
    func patterns() throws {
        let stage = try filterStage("""
            conditions:
              - field: url
                include: '/news/'
              - field: site
                exclude: '(?i)sponsored'
              - include: '(?i)\\b(shares|stocks)\\b'
              - field: title
                exclude: '^[A-Z ]+$'
                reason: an all-caps wire slug
            """)
        var doc = Document(id: "a", source: SourceLocation(path: "m"), url: "https://x.com/news/1", title: "Markets rise", site: "X", text: "Stocks rose on Monday.")
        #expect(try reason(stage, doc) == nil)
        doc.text = "Stockists rose."
        #expect(try reason(stage, doc) == "text does not match /(?i)\\b(shares|stocks)\\b/")
        doc.text = "SHARES rose."
        doc.site = "Sponsored content"
        #expect(try reason(stage, doc) == "site matches excluded /(?i)sponsored/")
        doc.site = nil
        #expect(try reason(stage, doc) == nil, "a document without the field passes an exclude")
        doc.title = "BAHIA COCOA REVIEW"
        #expect(try reason(stage, doc) == "an all-caps wire slug")
        doc.url = nil
        #expect(try reason(stage, doc)?.hasPrefix("no url") == true)
    }

    @Test("patterns on users' own fields by their path under meta: strings as they are, numbers as written, other values as JSON")
    func userFields() throws {
        let stage = try filterStage("""
            conditions:
              - field: meta.category
                include: '^(economy|markets)$'
              - field: meta.crawl.status
                include: '^200$'
              - field: meta.tags
                exclude: '"sport"'
            """)
        var doc = makeDocument("a", text: "Rates rose.")
        doc.meta = try #require(JSONParser.parse(#"{"category":"economy","crawl":{"status":200},"tags":["rates","bonds"]}"#).objectValue)
        #expect(try reason(stage, doc) == nil)
        try doc.setField("tags", .array([.string("sport")]))
        #expect(try reason(stage, doc) == #"meta.tags matches excluded /"sport"/"#)
        try doc.setField("crawl.status", .number(JSONNumber(404)))
        #expect(try reason(stage, doc) == "meta.crawl.status does not match /^200$/")
        doc.removeField("category")
        #expect(try reason(stage, doc)?.hasPrefix("no meta.category") == true)
    }

    @Test("url hosts match the host or a subdomain, ignoring case, port and user; path suffixes ignore query and case")
    func urls() throws {
        let hosts = try filterStage("url_hosts: [bbc.co.uk, Reuters.com]")
        var doc = makeDocument("a", text: "x")
        for url in ["https://www.reuters.com/x", "http://news.BBC.co.uk:8080/a?b", "https://user@reuters.com", "reuters.com/path", "https://reuters.com./"] {
            doc.url = url
            #expect(try reason(hosts, doc) == nil, "\(url)")
        }
        for url in ["https://notreuters.com/x", "https://reuters.com.evil.net/", "https://bbc.co.uk.example/", "mailto:x"] {
            doc.url = url
            #expect(try reason(hosts, doc)?.contains("not in [bbc.co.uk, reuters.com]") == true, "\(url)")
        }
        let paths = try filterStage("conditions:\n  - url_path_suffixes: ['.html', '/index.php']")
        for url in ["https://x.com/a/b.HTML?utm=1", "https://x.com/index.php#top"] {
            doc.url = url
            #expect(try reason(paths, doc) == nil, "\(url)")
        }
        doc.url = "https://x.com/a.pdf?x=.html"
        #expect(try reason(paths, doc) == "url path /a.pdf does not end with one of [.html, /index.php]")
    }

    @Test("published within a range: inclusive bounds, a date-only upper bound covers its day, offsets applied, undated as chosen")
    func published() throws {
        let stage = try filterStage("conditions:\n  - published_from: '2024-01-01'\n    published_to: '2024-01-31'")
        var doc = makeDocument("a", text: "x")
        for date in ["2024-01-01", "2024-01-31T23:59:59Z", "2024-01-15T10:00:00+02:00", "2024-01-01T00:30:00-01:00", "2024-01-10 08:00"] {
            doc.published = date
            #expect(try reason(stage, doc) == nil, "\(date)")
        }
        doc.published = "2023-12-31T23:59:59Z"
        #expect(try reason(stage, doc) == "published 2023-12-31T23:59:59Z, before 2024-01-01")
        doc.published = "2024-02-01T00:30:00+01:00"
        #expect(try reason(stage, doc) == nil, "23:30 UTC on the 31st")
        doc.published = "2024-02-01"
        #expect(try reason(stage, doc) == "published 2024-02-01, after 2024-01-31")
        doc.published = nil
        #expect(try reason(stage, doc)?.hasPrefix("no published date") == true)
        doc.published = "last Tuesday"
        #expect(try reason(stage, doc)?.contains("not an ISO 8601 date") == true)
        let lenient = try filterStage("conditions:\n  - published_from: 2024-01-01\n    undated: pass")  // unquoted: a YAML timestamp, read as written
        doc.published = nil
        #expect(try reason(lenient, doc) == nil)
        doc.published = "2023-12-31"
        #expect(try reason(lenient, doc) == "published 2023-12-31, before 2024-01-01")
    }

    @Test("entity present by type, name (canonical or mention, any case) and minimum mentions")
    func entities() throws {
        let stage = try filterStage("conditions:\n  - entity: {type: PERSON, name: jackie walker, min_mentions: 2}")
        var doc = makeDocument("a", text: "Jackie Walker said. Ms Walker left.")
        doc.entities = [Entity(type: "PERSON", name: "Jackie Walker", mentions: [Mention(text: "Jackie Walker", start: 0, end: 13)])]
        #expect(try reason(stage, doc) == "1 mention of PERSON 'jackie walker' with ≥ 2 mentions")
        doc.entities?[0].mentions.append(Mention(text: "Ms Walker", start: 20, end: 29))
        #expect(try reason(stage, doc) == nil)
        doc.entities = [Entity(type: "ORG", name: "Jackie Walker", mentions: [])]
        #expect(try reason(stage, doc) == "no PERSON 'jackie walker' with ≥ 2 mentions")
        doc.entities = nil
        #expect(try reason(stage, doc)?.contains("put the entities stage before filter") == true)
        let byMention = try filterStage("conditions:\n  - entity: {name: ms walker}")
        doc.entities = [Entity(type: "PERSON", name: "Jackie Walker", mentions: [Mention(text: "Ms Walker", start: 20, end: 29)])]
        #expect(try reason(byMention, doc) == nil)
    }

    @Test("drop_relations drops listed duplicate relations, keeps canonical members and documents dedupe did not see")
    func relations() throws {
        let stage = try filterStage("conditions:\n  - drop_relations: [near, template]")
        var doc = makeDocument("b", text: "x")
        #expect(try reason(stage, doc) == nil)
        doc.duplicate = DuplicateInfo(cluster: "a", canonical: "a", relation: .near, similarity: 0.9)
        #expect(try reason(stage, doc) == "near duplicate of a")
        doc.duplicate?.relation = .syndicated
        #expect(try reason(stage, doc) == nil)
        doc.duplicate = DuplicateInfo(cluster: "a", canonical: "b", similarity: 1)
        #expect(try reason(stage, doc) == nil)
    }

    @Test("all, any and not combine; the user's reason replaces the generated one; the first failing condition gives the reason")
    func combinators() throws {
        let stage = try filterStage("""
            min_words: 2
            conditions:
              - any:
                  - field: title
                    include: Economy
                  - field: title
                    include: Markets
              - not:
                  field: text
                  include: '(?i)horoscope'
                reason: horoscopes are not news
            """)
        #expect(try reason(stage, makeDocument("a", text: "two words", title: "Markets")) == nil)
        #expect(try reason(stage, makeDocument("b", text: "one", title: "Markets")) == "1 word, fewer than 2")
        #expect(try reason(stage, makeDocument("c", text: "two words", title: "Sport"))
            == "none of: title does not match /Economy/; title does not match /Markets/")
        #expect(try reason(stage, makeDocument("d", text: "Your horoscope today", title: "Economy")) == "horoscopes are not news")
        let negated = try filterStage("conditions:\n  - not: {min_words: 3}")
        #expect(try reason(negated, makeDocument("e", text: prose(5))) == "excluded: words ≥ 3")
    }

    @Test("text-quality thresholds: letters, mean word length, punctuated lines, repeated lines, digits")
    func quality() throws {
        let stage = try filterStage("""
            conditions:
              - min_letter_share: 0.6
              - max_digit_share: 0.2
              - min_mean_word_length: 3
              - max_mean_word_length: 10
              - min_punctuated_lines: 0.5
              - max_repeated_lines: 0.3
            """)
        let story = "The council voted on Tuesday.\n\nThe budget passed after a long debate."
        #expect(try reason(stage, makeDocument("a", text: story)) == nil)
        let table = "COCOA 1,234.5 1,240.0 +5.5\nSUGAR 8.12 8.15 +0.03\nCOFFEE 120.4 121.0 +0.6"
        #expect(try reason(stage, makeDocument("b", text: table))?.hasPrefix("letter share") == true)
        #expect(try reason(stage, makeDocument("c", text: "a b c d e f g h."))?.hasPrefix("mean word length 1.125 below 3") == true)
        #expect(try reason(stage, makeDocument("d", text: "https://example.com/aaaaaaaaaaaaaaaaaaaaaaa visit."))?.hasPrefix("mean word length") == true)
        #expect(try reason(stage, makeDocument("e", text: "Share this story\nFollow us on social media\nThe end."))
            == "share of lines ending in punctuation 0.333 below 0.5")
        let repeated = "Read more here.\nThe vote passed.\nRead more here.\nRead more here."
        #expect(try reason(stage, makeDocument("f", text: repeated)) == "share of repeated lines 0.5 above 0.3")
    }
}
