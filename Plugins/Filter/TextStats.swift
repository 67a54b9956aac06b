/// Counts the text-quality conditions read, measured in one pass over the UTF-8 bytes.
///
/// A *word* is a maximal run of non-space characters holding at least one letter or digit (so a lone
/// dash or bullet is not a word); its length is in characters (code points). A *line* is a non-empty
/// line (after trimming spaces) between newlines.
public struct TextStats: Sendable, Equatable {
    /// Code points, spaces included.
    public var characters = 0
    /// Code points that are not white space.
    public var visible = 0
    /// Letters (Unicode Alphabetic) and decimal digits among the visible characters.
    public var letters = 0
    public var digits = 0
    public var words = 0
    /// Characters in words, for the mean word length.
    public var wordCharacters = 0
    /// Non-empty lines, those whose last visible character is terminal punctuation, and those equal
    /// (trimmed) to an earlier line. `repeatedLines` is counted only when asked for.
    public var lines = 0
    public var punctuatedLines = 0
    public var repeatedLines = 0

    public init() {}

    /// Share of visible characters that are letters (0 for text with nothing visible).
    public var letterShare: Double { visible == 0 ? 0 : Double(letters) / Double(visible) }
    /// Share of visible characters that are digits.
    public var digitShare: Double { visible == 0 ? 0 : Double(digits) / Double(visible) }
    /// Mean word length in characters (0 without words).
    public var meanWordLength: Double { words == 0 ? 0 : Double(wordCharacters) / Double(words) }
    /// Share of lines ending in terminal punctuation (0 without lines).
    public var punctuatedLineShare: Double { lines == 0 ? 0 : Double(punctuatedLines) / Double(lines) }
    /// Share of lines that repeat an earlier line (0 without lines).
    public var repeatedLineShare: Double { lines == 0 ? 0 : Double(repeatedLines) / Double(lines) }

    /// Measures `text`; `repeats` also counts repeated lines (hashing each line).
    public static func measure(_ text: String, repeats: Bool = false) -> TextStats {
        var copy = text
        return copy.withUTF8 { measure(bytes: $0, repeats: repeats) }
    }

    /// Measures UTF-8 `bytes` (invalid sequences count as one visible non-letter character each).
    /// ASCII takes a branch-light path with the counts in locals; other characters are decoded and
    /// classified by their Unicode properties.
    public static func measure(bytes: UnsafeBufferPointer<UInt8>, repeats: Bool) -> TextStats {
        var s = TextStats()
        guard !bytes.isEmpty else { return s }
        var characters = 0, visible = 0, letters = 0, digits = 0, words = 0, wordCharacters = 0
        var lines = 0, punctuatedLines = 0
        var inWord = false, wordHasAlnum = false, wordLength = 0
        var lineVisible = false
        var lastVisible: UInt32 = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var cls: UInt8
            var scalar = UInt32(b)
            if b < 0x80 {
                i += 1
                if b <= 0x20 {
                    if b == 0x0A {
                        characters += 1
                        if wordHasAlnum { words += 1; wordCharacters += wordLength }
                        inWord = false; wordHasAlnum = false; wordLength = 0
                        if lineVisible {
                            lines += 1
                            if isTerminal(lastVisible) { punctuatedLines += 1 }
                        }
                        lineVisible = false
                        continue
                    }
                    cls = b == 0x20 || (b >= 0x09 && b <= 0x0D) ? space : 0
                } else if (b | 0x20) &- 0x61 < 26 {
                    cls = letter
                } else if b &- 0x30 < 10 {
                    cls = digit
                } else {
                    cls = 0
                }
            } else {
                let (value, length) = decode(bytes, at: i)
                scalar = value
                i += length
                cls = classify(value)
            }
            characters += 1
            if cls == space {
                if wordHasAlnum { words += 1; wordCharacters += wordLength }
                inWord = false; wordHasAlnum = false; wordLength = 0
                continue
            }
            visible += 1
            lineVisible = true
            lastVisible = scalar
            inWord = true
            wordLength += 1
            if cls == letter {
                letters += 1
                wordHasAlnum = true
            } else if cls == digit {
                digits += 1
                wordHasAlnum = true
            }
        }
        if inWord, wordHasAlnum { words += 1; wordCharacters += wordLength }
        if lineVisible {
            lines += 1
            if isTerminal(lastVisible) { punctuatedLines += 1 }
        }
        s.characters = characters
        s.visible = visible
        s.letters = letters
        s.digits = digits
        s.words = words
        s.wordCharacters = wordCharacters
        s.lines = lines
        s.punctuatedLines = punctuatedLines
        if repeats, lines > 1 { s.repeatedLines = countRepeatedLines(bytes, lines: lines) }
        return s
    }

    /// Lines (trimmed of ASCII spaces and tabs) equal to an earlier one: hashes sorted in a temporary buffer.
    static func countRepeatedLines(_ bytes: UnsafeBufferPointer<UInt8>, lines: Int) -> Int {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: lines) { hashes in
            var count = 0
            var start = 0
            let n = bytes.count
            while start <= n, count < lines {
                var end = start
                while end < n, bytes[end] != 0x0A { end += 1 }
                var a = start, z = end
                while a < z, bytes[a] == 0x20 || bytes[a] == 0x09 || bytes[a] == 0x0D { a += 1 }
                while z > a, bytes[z - 1] == 0x20 || bytes[z - 1] == 0x09 || bytes[z - 1] == 0x0D { z -= 1 }
                if a < z {
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for k in a..<z { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
                    hashes[count] = h
                    count += 1
                }
                start = end + 1
            }
            var used = UnsafeMutableBufferPointer(rebasing: hashes[0..<count])
            used.sort()
            var distinct = count > 0 ? 1 : 0
            if count > 1 {
                for k in 1..<count where used[k] != used[k - 1] { distinct += 1 }
            }
            return count - distinct
        }
    }

    // Character classes.
    static let space: UInt8 = 1, letter: UInt8 = 2, digit: UInt8 = 3

    /// Decodes the scalar at `i` (a lead byte ≥ 0x80); an invalid sequence is U+FFFD of length 1.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        let n = bytes.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n, bytes[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[k] & 0x3F)
        }
        if b0 >= 0xC2, b0 <= 0xDF, let c1 = cont(i + 1) { return ((b0 & 0x1F) << 6 | c1, 2) }
        if b0 >= 0xE0, b0 <= 0xEF, let c1 = cont(i + 1), let c2 = cont(i + 2) {
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if v >= 0x800, !(0xD800...0xDFFF).contains(v) { return (v, 3) }
        }
        if b0 >= 0xF0, b0 <= 0xF4, let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if v >= 0x10000, v <= 0x10FFFF { return (v, 4) }
        }
        return (0xFFFD, 1)
    }

    /// The class of a non-ASCII scalar.
    @inline(__always)
    static func classify(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let properties = scalar.properties
        if properties.isWhitespace { return space }
        if properties.isAlphabetic { return letter }
        if properties.numericType == .decimal { return digit }
        return 0
    }

    /// Terminal punctuation, ending a line: . ! ? " ' ) … ” ’ » 。 ！ ？ ؟ । ｡
    @inline(__always)
    static func isTerminal(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E, 0x21, 0x3F, 0x22, 0x27, 0x29, 0x2026, 0x201D, 0x2019, 0x00BB, 0x3002, 0xFF01, 0xFF1F, 0x061F, 0x0964, 0xFF61: true
        default: false
        }
    }
}
