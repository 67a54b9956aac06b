import Filter
import Testing

/// The one-pass counts behind word, character and text-quality conditions.
@Suite("text statistics")
struct TextStatsTests {
    @Test("ASCII prose: characters, visible, letters, digits, words, word characters, lines, punctuated lines")
    func prose() {
        let s = TextStats.measure("The vote, 12 to 3.\n\n  Passed - late  \n", repeats: true)
        #expect(s.characters == 38)
        #expect(s.visible == 25)
        #expect(s.letters == 19)
        #expect(s.digits == 3)
        #expect(s.words == 7, "'-' holds no letter or digit and is not a word")
        #expect(s.wordCharacters == 24)
        #expect(s.lines == 2)
        #expect(s.punctuatedLines == 1)
        #expect(s.repeatedLines == 0)
    }

    @Test("empty text and text of spaces: all zero, shares zero (no division by zero)")
    func empty() {
        for text in ["", "   \n\n\t  \n"] {
            let s = TextStats.measure(text, repeats: true)
            #expect(s.visible == 0 && s.words == 0 && s.lines == 0 && s.repeatedLines == 0, "\(text.debugDescription)")
            #expect(s.letterShare == 0 && s.digitShare == 0 && s.meanWordLength == 0 && s.punctuatedLineShare == 0 && s.repeatedLineShare == 0)
        }
    }

    @Test("text with no letters: digits and symbols are visible, words are digit runs, letter share zero")
    func noLetters() {
        let s = TextStats.measure("1,234.5  -  +0.03\n### *** ###\n1,234.5  -  +0.03", repeats: true)
        #expect(s.letters == 0)
        #expect(s.letterShare == 0)
        #expect(s.digits == 16)
        #expect(s.words == 4)
        #expect(s.lines == 3)
        #expect(s.repeatedLines == 1)
    }

    @Test("a mix of scripts: Cyrillic, Greek, Arabic, CJK and Devanagari letters count as letters, code points as characters")
    func scripts() {
        let s = TextStats.measure("Москва και القاهرة 東京都 नमस्ते 2024。", repeats: false)
        #expect(s.words == 6)
        #expect(s.characters == "Москва και القاهرة 東京都 नमस्ते 2024。".unicodeScalars.count)
        #expect(s.digits == 4)
        // Devanagari vowel signs are alphabetic, the virama is not: नमस्ते has 5 letters of 6 code points.
        #expect(s.letters == 6 + 3 + 7 + 3 + 5)
        #expect(s.punctuatedLines == 1, "。 is terminal punctuation")
        let nbsp = TextStats.measure("a\u{00A0}b\u{3000}c\u{2009}d", repeats: false)
        #expect(nbsp.words == 4, "no-break, ideographic and thin spaces separate words")
    }

    @Test("repeated lines compare trimmed lines, and count every repeat after the first")
    func repeats() {
        let s = TextStats.measure("Read more\n  Read more  \nRead more\nOther\n\nOther ", repeats: true)
        #expect(s.lines == 5)
        #expect(s.repeatedLines == 3)
        #expect(s.repeatedLineShare == 0.6)
        #expect(TextStats.measure("Read more\nRead more", repeats: false).repeatedLines == 0, "only counted when asked")
    }

    @Test("U+FFFD and a lone combining mark are visible non-letters; counts never exceed characters")
    func oddCharacters() {
        let s = TextStats.measure("\u{FFFD}\u{0301} x", repeats: false)
        #expect(s.visible == 3)
        #expect(s.letters == 1)
        #expect(s.words == 1, "the first run holds no letter")
    }
}
