import CopydeskCore
import Entities
import Testing

@Suite("news tokeniser")
struct TokeniserTests {
    @Test("keeps hyphenated names, money, signed percentages, hashtags and handles whole")
    func keepsUnits() {
        #expect(tokenStrings("Matt Zarb-Cousin paid £3,000 (-58%) for #JC9 via @user_1.") ==
            ["Matt", "Zarb-Cousin", "paid", "£3,000", "(", "-58%", ")", "for", "#JC9", "via", "@user_1", "."])
    }

    @Test("reads URLs and e-mail addresses as one token without trailing punctuation")
    func urlsAndEmails() {
        #expect(tokenStrings("See https://twitter.com/JRogan3000/status/10366, or write to j.smith@example.co.uk.") ==
            ["See", "https://twitter.com/JRogan3000/status/10366", ",", "or", "write", "to", "j.smith@example.co.uk", "."])
        #expect(tokenStrings("(www.bbc.co.uk/news)") == ["(", "www.bbc.co.uk/news", ")"])
    }

    @Test("keeps initials, dotted abbreviations and honorifics with their full stop")
    func initials() {
        #expect(tokenStrings("J. K. Rowling met Mr. Smith and Mr Jones in the U.S. today.") ==
            ["J.", "K.", "Rowling", "met", "Mr.", "Smith", "and", "Mr", "Jones", "in", "the", "U.S.", "today", "."])
    }

    @Test("splits the possessive 's and ’s, and curly quotes")
    func possessives() {
        #expect(tokenStrings("Corbyn's and Lansman’s “group” ‘said’") ==
            ["Corbyn", "'s", "and", "Lansman", "’s", "“", "group", "”", "‘", "said", "’"])
        #expect(tokenStrings("O'Brien don't") == ["O'Brien", "don't"])
    }

    @Test("splits a lower-case prefix from a capitalised name but keeps ordinary compounds")
    func prefixes() {
        #expect(tokenStrings("pro-Jeremy Corbyn and anti-Trump but well-known") ==
            ["pro", "-", "Jeremy", "Corbyn", "and", "anti", "-", "Trump", "but", "well-known"])
    }

    @Test("numbers keep inner separators; times and scores stay whole")
    func numbers() {
        #expect(tokenStrings("On 1996-12-06 at 10:30 it was 2-1, up 3.5% to $5m.") ==
            ["On", "1996-12-06", "at", "10:30", "it", "was", "2-1", ",", "up", "3.5%", "to", "$5m", "."])
    }

    @Test("gives code-point offsets through multi-byte characters")
    func offsets() {
        let text = "Zoë’s café in Zürich 🇨🇭 São Paulo"
        let t = TokenizedText(text: text)
        let scalars = Array(text.unicodeScalars)
        for token in t.tokens {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[token.scalarStart..<token.scalarEnd])
            #expect(String(s) == String(decoding: t.bytes[token.byteStart..<token.byteEnd], as: UTF8.self))
        }
        #expect(t.tokens.indices.map { t.string($0) }.contains("Zürich"))
    }

    @Test("splits sentences at full stops before capitals and at line breaks, not after abbreviations")
    func sentences() {
        let t = TokenizedText(text: "Mr. Smith left. He said so.\nNew line here")
        #expect(t.sentences.count == 3)
        #expect(t.sentences[0] == 0..<4)
    }
}
