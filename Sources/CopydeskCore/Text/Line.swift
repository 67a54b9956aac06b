/// One line of a text as byte offsets, with the measurements paragraph detection needs. Widths are in
/// columns: one per scalar, four per leading tab.
package struct Line: Sendable {
    /// How the line relates to the line before it in the output.
    package enum Link {
        /// The first non-blank line, or a line that starts a new paragraph.
        case breakBefore
        /// A line joined to the previous non-blank line with one space.
        case join
        /// Undecided yet (auto mode: depends on the document's shape).
        case candidate
    }

    /// The first byte of the line.
    package var rawStart: Int
    /// The first byte after the indentation (spaces and tabs).
    package var contentStart: Int
    /// One past the last byte that is not a space or tab.
    package var contentEnd: Int
    /// The newline ending the line, or the end of the text.
    package var rawEnd: Int
    /// Columns of indentation.
    package var indent: Int
    /// Columns from the start of the line to `contentEnd`, indentation included.
    package var width: Int
    /// Columns of the first word (up to the first space or tab in the content).
    package var firstWordWidth: Int
    /// Whether the content holds a tab or two spaces in a row (a column gap, or whitespace to collapse).
    package var hasGap: Bool
    package var link: Link = .breakBefore
    /// The index of the previous non-blank line (-1 for none).
    package var previous: Int = -1

    package var isBlank: Bool { contentStart == contentEnd }
    /// Columns of the content alone.
    package var contentWidth: Int { width - indent }
}

/// Splits UTF-8 text into ``Line``s on LF, in one pass.
package enum LineScanner {
    /// Every line of `bytes`, blank ones included (a trailing newline yields a final empty line).
    /// With `asciiOnly` widths are byte counts; otherwise UTF-8 continuation bytes are not counted.
    package static func scan(_ bytes: UnsafeBufferPointer<UInt8>, asciiOnly: Bool) -> [Line] {
        var lines: [Line] = []
        guard let p = bytes.baseAddress else { return lines }
        let n = bytes.count
        lines.reserveCapacity(n / 48 + 2)
        var i = 0
        while true {
            let rawStart = i
            var indent = 0
            while i < n {
                let c = p[i]
                if c == 0x20 {
                    indent += 1
                } else if c == 0x09 {
                    indent += 4
                } else {
                    break
                }
                i += 1
            }
            let contentStart = i
            let newline = ByteSearch.firstIndex(of: 0x0A, in: p, from: i, to: n)
            var contentEnd = newline
            while contentEnd > contentStart && (p[contentEnd - 1] == 0x20 || p[contentEnd - 1] == 0x09) { contentEnd -= 1 }
            var wordEnd = contentStart
            while wordEnd < contentEnd && p[wordEnd] != 0x20 && p[wordEnd] != 0x09 { wordEnd += 1 }
            var contentWidth = contentEnd - contentStart
            var firstWordWidth = wordEnd - contentStart
            if !asciiOnly {
                let inWord = ByteSearch.continuationBytes(p, from: contentStart, to: wordEnd)
                firstWordWidth -= inWord
                contentWidth -= inWord + ByteSearch.continuationBytes(p, from: wordEnd, to: contentEnd)
            }
            lines.append(Line(
                rawStart: rawStart, contentStart: contentStart, contentEnd: contentEnd, rawEnd: newline, indent: indent,
                width: indent + contentWidth, firstWordWidth: firstWordWidth,
                hasGap: ByteSearch.hasTabOrDoubleSpace(p, from: contentStart, to: contentEnd)))
            if newline >= n { break }
            i = newline + 1
        }
        return lines
    }
}
