/// What the first and last characters of a line's content say about it: does it continue a sentence,
/// end one, open a list item or a heading. Language-neutral: Unicode case, and sentence punctuation of
/// Latin, CJK, Arabic and Indic scripts.
package struct LineShape {
    package let p: UnsafePointer<UInt8>

    /// Whether the content starts with a lower-case letter (a wrapped sentence going on).
    package func startsLowercase(_ line: Line) -> Bool {
        let c = p[line.contentStart]
        if c < 0x80 { return c >= 0x61 && c <= 0x7A }
        let value = UTF8Bytes.decode(p, at: line.contentStart, end: line.contentEnd).value
        return Unicode.Scalar(value)?.properties.isLowercase ?? false
    }

    /// Whether the content starts with an upper-case (or title-case) letter.
    package func startsUppercase(_ line: Line) -> Bool {
        let c = p[line.contentStart]
        if c < 0x80 { return c >= 0x41 && c <= 0x5A }
        let value = UTF8Bytes.decode(p, at: line.contentStart, end: line.contentEnd).value
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }

    /// Whether the content ends a sentence: with sentence-final punctuation or a closing quote.
    package func endsSentence(_ line: Line) -> Bool {
        let last = UTF8Bytes.decodeBackward(p, before: line.contentEnd, start: line.contentStart).value
        return Self.isSentenceFinal(last) || Self.isClosingQuote(last)
    }

    /// Whether the content ends with sentence-final punctuation, a colon or a semicolon, possibly followed
    /// by closing quotes and brackets: a line after which a lower-case line is not a continuation.
    package func endsClause(_ line: Line) -> Bool {
        var end = line.contentEnd
        while end > line.contentStart {
            let (value, start) = UTF8Bytes.decodeBackward(p, before: end, start: line.contentStart)
            if Self.isClosingQuote(value) || value == 0x29 || value == 0x5D {  // ) ]
                end = start
                continue
            }
            return Self.isSentenceFinal(value) || value == 0x3A || value == 0x3B || value == 0xFF1A || value == 0xFF1B
        }
        return false
    }

    /// A list marker at the start of the content.
    package enum Bullet {
        case none
        /// A mark that is a bullet wherever it appears: • ◦ ▪ ‣ ● ■ ► ▸ ✓ ✔.
        case unambiguous
        /// `-`, `*`, `+`, `–`, `—` or `1.`/`1)` followed by a space: also a dash or number going on in
        /// wrapped prose, so context decides.
        case ambiguous
    }

    /// The list marker of `line`, and the column where the item's text starts.
    package func bullet(_ line: Line) -> (kind: Bullet, textColumn: Int) {
        let start = line.contentStart
        let end = line.contentEnd
        let (value, length) = UTF8Bytes.decode(p, at: start, end: end)
        var markerEnd = start + length
        let kind: Bullet
        switch value {
        case 0x2022, 0x25E6, 0x25AA, 0x2023, 0x25CF, 0x25A0, 0x25BA, 0x25B8, 0x2713, 0x2714:
            kind = .unambiguous
        case 0x2D, 0x2A, 0x2B, 0x2013, 0x2014:
            kind = .ambiguous
        case 0x30...0x39:
            var k = start + 1
            while k < end, k - start < 3, p[k] >= 0x30, p[k] <= 0x39 { k += 1 }
            guard k < end, p[k] == 0x2E || p[k] == 0x29 else { return (.none, 0) }
            markerEnd = k + 1
            kind = .ambiguous
        default:
            return (.none, 0)
        }
        var textStart = markerEnd
        while textStart < end, p[textStart] == 0x20 || p[textStart] == 0x09 { textStart += 1 }
        if kind == .ambiguous && (textStart == markerEnd || textStart == end) { return (.none, 0) }
        let markerWidth = markerEnd - start - (value >= 0x80 ? UTF8Bytes.encodedLength(value) - 1 : 0)
        return (kind, line.indent + markerWidth + (textStart - markerEnd))
    }

    /// Whether the content is a Markdown-style heading: one to six `#` and a space.
    package func isHeading(_ line: Line) -> Bool {
        var k = line.contentStart
        while k < line.contentEnd, p[k] == 0x23, k - line.contentStart < 6 { k += 1 }
        return k > line.contentStart && k < line.contentEnd && p[k] == 0x20
    }

    /// Whether the line is a row of a table: it holds a figure and its content has a column gap (a tab,
    /// a run of three or more spaces, or two runs of two spaces). Prose wraps with single spaces.
    package func isTableRow(_ line: Line) -> Bool {
        // Most lines have no gap at all (found while scanning the lines).
        guard line.hasGap else { return false }
        var k = line.contentStart
        var digit = false
        var gaps = 0
        var wide = false
        while k < line.contentEnd {
            let c = p[k]
            if c >= 0x30 && c <= 0x39 {
                digit = true
            } else if c == 0x09 {
                wide = true
            } else if c == 0x20 {
                var end = k + 1
                while end < line.contentEnd, p[end] == 0x20 { end += 1 }
                if end - k >= 3 { wide = true } else if end - k == 2 { gaps += 1 }
                k = end
                continue
            }
            k += 1
        }
        return digit && (wide || gaps >= 2)
    }

    /// Whether the content is one bare URL (`http://…`, `https://…`, `www.…`, no space).
    package func isBareURL(_ line: Line) -> Bool {
        let start = line.contentStart
        let count = line.contentEnd - start
        guard count > 10 else { return false }
        func has(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard count >= length else { return false }
            let bytes = prefix.utf8Start
            for i in 0..<length where p[start + i] | 0x20 != bytes[i] | 0x20 { return false }
            return true
        }
        guard has("http://") || has("https://") || has("www.") else { return false }
        var k = start
        while k < line.contentEnd {
            if p[k] == 0x20 || p[k] == 0x09 { return false }
            k += 1
        }
        return true
    }

    /// Whether the content is shaped like a sign-off ("Reuter", "AP", "-0-", "(END)", "-- Staff"): at
    /// most three words and 24 columns, not starting in lower case, not ending a sentence.
    package func isSignOff(_ line: Line) -> Bool {
        guard line.contentWidth <= 24, !startsLowercase(line) else { return false }
        var words = 1
        var k = line.contentStart
        while k < line.contentEnd {
            if p[k] == 0x20 {
                words += 1
                while k + 1 < line.contentEnd, p[k + 1] == 0x20 { k += 1 }
            }
            k += 1
        }
        guard words <= 3 else { return false }
        let last = UTF8Bytes.decodeBackward(p, before: line.contentEnd, start: line.contentStart).value
        return !Self.isSentenceFinal(last)
    }

    /// . ! ? … and their CJK, Arabic and Devanagari counterparts.
    package static func isSentenceFinal(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E, 0x21, 0x3F, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61,
             0x061F, 0x06D4, 0x0964, 0x0965:
            return true
        default:
            return false
        }
    }

    /// " ' ” ’ » › 」 』
    package static func isClosingQuote(_ value: UInt32) -> Bool {
        switch value {
        case 0x22, 0x27, 0x201D, 0x2019, 0x00BB, 0x203A, 0x300D, 0x300F:
            return true
        default:
            return false
        }
    }
}
