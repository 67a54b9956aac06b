import CopydeskCore
@testable import Language
import Foundation
import Testing

/// The detector's pass over the bytes takes shortcuts: direct tables for n-grams of ASCII letters (a 3-gram
/// read together with its 2-gram), a tight loop for small ASCII letters inside a word, sums in registers,
/// a Bloom filter in front of the hash table. These tests hold it to the plain algorithm: every character
/// decoded and folded through the table, every 2- and 3-gram and every whole word looked up in the hash
/// table, costs added one row at a time, each word's when it ends unless the text had it before. The sums
/// must be equal to the unit, so answers cannot differ.
@Suite("the scan's shortcuts sum what the plain scan sums")
struct ScanEquivalenceTests {
    /// The plain scan (the algorithm of ``LanguageDetector``'s documentation, without shortcuts).
    static func plainSums(_ model: LanguageModel, _ text: String) -> (costs: [Int], ngrams: (text: Int, capitals: Int, titles: Int), scripts: [Int]) {
        let groupCount = model.groups.count
        var costs = [Int](repeating: 0, count: 3 * groupCount * LanguageModel.lanes)
        var scripts = [Int](repeating: 0, count: Script.allCases.count)
        var set = 0
        // A word's n-grams (with those of the space after it) count when the word ends, unless the text had
        // the word before: words are compared by their folded letters, the first half of the seen-set's
        // slots are remembered, and a word of more than `longWord` letters always counts.
        var waiting: [(key: UInt64, set: Int)] = []
        var seen = Set<UInt64>()
        let remembered = LanguageDetector.seenCapacity(text.utf8.count) / 2
        var letters = 0
        func add(_ key: UInt64) { waiting.append((key, set)) }
        func endWord(_ word: UInt64) {
            defer { waiting = []; letters = 0 }
            if letters <= LanguageDetector.longWord {
                if seen.contains(word) { return }
                if seen.count < remembered { seen.insert(word) }
            }
            for (key, set) in waiting {
                guard let row = model.row(ofKey: key) else { continue }
                let base = (set * groupCount + Int(model.rowGroups[row])) * LanguageModel.lanes
                for (lane, cost) in model.costs(ofRow: row).enumerated() { costs[base + lane] += cost }
            }
        }
        var scored = 0, capitalScored = 0, titleScored = 0, inCapitals = 0, inTitle = 0
        var c1: UInt64 = 0x20, c2: UInt64 = 0x20, c3: UInt64 = 0x20
        var length = 1
        var firstUpper: UInt32 = 0
        var word = LanguageModel.wordSeed
        let table = CharacterTable.shared.entries
        for scalar in text.unicodeScalars {
            let code = scalar.value
            let entry = code < 0x10000 ? table[Int(code)] : CharacterTable.supplementary(code)
            let value = UInt64(entry & CharacterTable.valueMask)
            scripts[Int(entry >> 24)] += 1
            if c3 == 0x20 {
                length = 1
                if value == 0x20 { continue }
                firstUpper = entry & CharacterTable.upperBit
                inCapitals = 0
                inTitle = firstUpper != 0 ? 1 : 0
                set = firstUpper != 0 ? 2 : 0
                word = LanguageModel.wordSeed
            } else if length >= 3 {
                length = 2
            } else if firstUpper & entry != 0 {
                set = 1
                inCapitals = 1
                inTitle = 0
            }
            if value == 0x20 { add(word | LanguageModel.wordBit) } else { word = LanguageModel.wordStep(word, value); letters += 1 }
            scored += 1
            capitalScored += inCapitals
            titleScored += inTitle
            c1 = c2
            c2 = c3
            c3 = value
            length += 1
            add(c2 << 21 | c3)
            if length >= 3 { add(c1 << 42 | c2 << 21 | c3) }
            if value == 0x20 { endWord(word | LanguageModel.wordBit) }
        }
        if c3 != 0x20 {
            add(word | LanguageModel.wordBit)
            endWord(word | LanguageModel.wordBit)
        }
        return (costs, (scored - capitalScored - titleScored, capitalScored, titleScored), scripts)
    }

    static func expectSame(_ detector: LanguageDetector, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var copy = text
        let fast = copy.withUTF8 { detector.sums($0) }
        let plain = plainSums(detector.model, text)
        #expect(fast.costs == plain.costs, "costs of \(text.prefix(60).debugDescription)", sourceLocation: sourceLocation)
        #expect(fast.ngrams == plain.ngrams, "n-gram counts of \(text.prefix(60).debugDescription)", sourceLocation: sourceLocation)
        #expect(fast.scripts == plain.scripts, "script counts of \(text.prefix(60).debugDescription)", sourceLocation: sourceLocation)
    }

    static let texts = [
        "", " ", "a", "ab", "the", "The", "THE", "I", "a b c", "  spaced   out  ",
        "The quick brown fox jumps over the lazy dog, and the dog said nothing at all.",
        "NYSE-listed GIF PANGO_STRETCH_CONDENSED rose 5% on Tuesday; IBM's CEO said so.",
        "McDonald's iPhone eBay O'Neill x-ray naïve façade Ærøskøbing straße ÉCOLE Ñandú",
        "Der schnelle braune Fuchs springt über den faulen Hund. Größe, Maß und Fuß.",
        "Съешь же ещё этих мягких французских булок, да выпей чаю. Москва MOSCOW Moskva",
        "Logitech iTouch Internet Navigator — за Интернет", "Caps Lock Shift Num Lock Windows: πλήκτρα",
        "مرحبا بالعالم hello world سلام دنیا", "नमस्ते दुनिया hello", "中文文本 with English 和 カタカナ and 한국어",
        "emoji 😀 in the middle 𠀀 of text 🎉done", "tab\tand\nnewline\r\nseparated\u{00A0}words",
        "trailing letters", "ab" + String(repeating: "c", count: 600), String(repeating: "word ", count: 300),
        "qqq zzz xqz aeiou bcdfg", "Ṭhé ẞ ǅ ǈ ĳ ﬁ ﬂ", "İstanbul ıi IJssel",
    ]

    @Test("fixed texts: ASCII, capitals, accents, other scripts, long runs (carries)")
    func fixedTexts() {
        for text in Self.texts { Self.expectSame(detector, text) }
        let restricted = LanguageDetector(model: builtInModel, languages: ["en", "de", "ru"])
        for text in Self.texts { Self.expectSame(restricted, text) }
    }

    @Test("repeated words: capitals and small letters, more distinct words than the set remembers, long words")
    func repeatedWords() {
        let many = (0..<400).map { "w\(String($0, radix: 26).map { Character(UnicodeScalar(UInt8($0.asciiValue! % 26 + 97))) })ord" }
        let long = String(repeating: "lo", count: 36), longer = "AB" + String(repeating: "xé", count: 70)
        let texts = [
            "the The THE tHe the", many.joined(separator: " ") + " " + many.joined(separator: " "),
            "\(long) \(long) short short \(longer) \(longer)", "Größe größe GRÖSSE größe", "жщы ЖЩЫ жщы",
        ]
        for text in texts { Self.expectSame(detector, text) }
    }

    @Test("word ends the small-letter loop handles itself, and the words it hands to the general path")
    func wordEnds() {
        let long = String(repeating: "ab", count: 40), longest = String(repeating: "q", count: 300)
        let texts = [
            // Repeated words ending at the end of the text, at punctuation, digits, newlines, NUL.
            "the cat the cat", "the cat, the cat.", "cat1cat2cat\ncat\u{0}cat", "end end", "a a a a", "ab ab!ab?ab",
            // Before a character beyond ASCII (a letter or not) and after one.
            "caté cat caté café cat’s cat—cat cat", "über uber über", "naïve naive naïve",
            // Continuing with capitals after small letters, and small letters after capitals.
            "eBay ebay eBay iPhone iphone", "McDonald mcdonald McDonald", "NYse nyse NYse NYSE", "aB ab aB AB",
            // Runs at the word-row limit, long words repeated, and words right after them.
            "\(long) \(long). \(long)x \(long)", "\(longest) \(longest) the \(longest)é the",
            "x" + String(repeating: " the", count: 400) + " end",
        ]
        for text in texts { Self.expectSame(detector, text) }
    }

    @Test("words of capitals with accents, among many words: their first letter's keys and a carry between them")
    func capitalWordsWithCarries() {
        // Enough distinct words that the partial sums are carried inside some words' additions.
        let words = (0..<600).map { "ÉC\(String(repeating: "é", count: $0 % 7))X\($0 % 26 == 0 ? "" : "ab")\(String(UnicodeScalar(UInt8(97 + $0 % 26))))" }
        Self.expectSame(detector, words.joined(separator: " "))
        Self.expectSame(detector, words.joined(separator: ", ") + " " + words.reversed().joined(separator: " "))
    }

    @Test("a text said twice sums what it sums once: every word of the second copy is a repeat")
    func textTwice() {
        // Each copy ends with a space, so that its last word has the n-grams of its end in both.
        for text in Self.texts where text.utf8.count < 200 {
            var once = text + " ", twice = text + " " + text + " "
            let a = once.withUTF8 { detector.sums($0) }, b = twice.withUTF8 { detector.sums($0) }
            #expect(a.costs == b.costs, "\(text.prefix(60).debugDescription)")
        }
    }

    @Test("random texts over a mixed alphabet (seeded, so the same every run)")
    func randomTexts() {
        let alphabet = Array("aaaeeeiioouu bcdfghklmnprstvwyz  ABCDEZ  éèüößçñ ÉÜ жщыЖЩ ا ب 中 ぁ 1.,-'’\n😀")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<300 {
            let length = next() % 400
            let text = String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            Self.expectSame(detector, text)
        }
    }

    @Test("the filter in front of the hash table admits every key the detector may look up")
    func filterAdmitsEveryKey() throws {
        let path = try #require(LanguageModel.builtInResource.path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // The file's layout: magic, scale, group count, groups (script, count, 4-byte codes), n-gram count, keys.
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        var offset = 8 + 4
        let groups = u32(offset)
        offset += 4
        for _ in 0..<groups { offset += 2 + 4 * Int(bytes[offset + 1]) }
        let count = u32(offset)
        offset += 4
        var checked = 0
        for index in 0..<count {
            let key = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + 8 * index + $1]) << (8 * UInt64($1)) }
            guard key & LanguageModel.wordBit != 0 || !LanguageModel.isASCII(key) else { continue }
            #expect(builtInModel.filterAdmits(key), "key \(key)")
            checked += 1
        }
        #expect(count == builtInModel.ngramCount)
        #expect(checked > 10_000, "the function words alone are more than 10,000")
    }
}
