/// Decides, line by line, where paragraphs start: sets each non-blank line's ``Line/link``.
///
/// `auto` looks at the shape of the one document, never at a corpus:
/// 1. A blank line always separates paragraphs.
/// 2. A line indented deeper than the document's least-indented line starts a paragraph (Reuters
///    marks paragraphs with four spaces; the common margin of fully indented text is ignored), except
///    when it hangs under a list item's text (its continuation).
/// 3. Headings (`# …`) stand alone; an unambiguous bullet (•, ▪, ●…) starts a paragraph; `-`, `*`, `–`
///    or `1.` start one only after a list item, a line that ends a clause, or a short line, since in
///    wrapped prose a dash or number also goes on at the start of a line. Table rows (a figure and a
///    column gap), bare URLs and a closing sign-off keep their own lines (``endsOnPurpose``).
/// 4. The remaining pairs of adjacent lines are candidates for joining. The document is *hard-wrapped*
///    when, over those pairs (at least two), the first lines are short (≥ 80 % at most 100 columns),
///    the widest of them is at least 30 columns (W), at least half have a similar width (≥ 0.6 W) and
///    at least half continue the sentence (the next line starts in lower case, or the line does not
///    end with sentence-final punctuation or a closing quote), and at least one in five of the next
///    lines that start with a cased letter start in lower case (wrapping cuts sentences at any word,
///    most of them lower-case; lines that all start with a capital are headlines, furniture or one
///    sentence per line), unless the text has no lower-case letter at all. With a single pair, the document is
///    hard-wrapped when no line is longer than 100 columns, the first line reaches 80 % of the widest
///    (at least 30) and does not end a sentence.
/// 5. In a hard-wrapped document a pair is joined unless the next line's first word would have fitted
///    on the line with room to spare (width + 1 + word ≤ W − max(2, W/8)) and the next line does not
///    start in lower case: then the line ended on purpose (a paragraph's last line, a heading).
///    Otherwise (one paragraph per line) a pair is joined only when the next line starts in lower case
///    and the line does not end a clause.
package enum ParagraphLayout {
    /// Lines that look hard-wrapped are at most this wide.
    package static let maximumWrapWidth = 100
    /// Narrower "wrapping" is more likely a list of short lines.
    package static let minimumWrapWidth = 30

    /// Every non-blank line starts a paragraph (`lines`).
    package static func eachLine(_ lines: inout [Line]) {
        for k in lines.indices { lines[k].link = .breakBefore }
    }

    /// Blank lines separate paragraphs; other line breaks are joined (`blank-lines`).
    package static func byBlankLines(_ lines: inout [Line]) {
        var started = false
        var blankBefore = false
        for k in lines.indices {
            if lines[k].isBlank {
                blankBefore = true
                continue
            }
            lines[k].link = started && !blankBefore ? .join : .breakBefore
            started = true
            blankBefore = false
        }
    }

    /// Rule 3's shapes besides lists and headings, where a line break is never a wrap: a table row after
    /// a table row or a finished clause (and a line that does not go on in lower case after a table row);
    /// a bare URL after a finished clause, and what does not go on in lower case after one; a sign-off
    /// ("Reuter", "AP", "-0-") as the last line of its block after a finished sentence.
    static func endsOnPurpose(_ before: Line, _ line: Line, isLastOfBlock: Bool, shape: LineShape) -> Bool {
        let rowBefore = shape.isTableRow(before)
        if rowBefore && !shape.startsLowercase(line) { return true }
        if shape.isTableRow(line) && (rowBefore || shape.endsClause(before)) { return true }
        if shape.isBareURL(line) && shape.endsClause(before) { return true }
        if shape.isBareURL(before) && !shape.startsLowercase(line) { return true }
        return isLastOfBlock && shape.endsSentence(before) && shape.isSignOff(line)
    }

    /// Whether any line holds an ASCII lower-case letter (text in capitals only gives no case signal).
    static func hasLowercase(_ lines: [Line], _ p: UnsafePointer<UInt8>) -> Bool {
        for line in lines {
            var k = line.contentStart
            while k < line.contentEnd {
                if p[k] >= 0x61 && p[k] <= 0x7A { return true }
                k += 1
            }
        }
        return false
    }

    /// The `auto` rules above.
    package static func auto(_ lines: inout [Line], bytes p: UnsafePointer<UInt8>) {
        let shape = LineShape(p: p)
        var margin = Int.max
        var widest = 0
        var everyLineShort = true
        for line in lines where !line.isBlank {
            margin = min(margin, line.indent)
            if line.width <= maximumWrapWidth {
                widest = max(widest, line.width)
            } else {
                everyLineShort = false
            }
        }
        guard margin != Int.max else { return }

        // Forced breaks and joins; collect the candidate pairs.
        var previous = -1
        var blankBefore = false
        var listColumn: Int?
        var candidates = 0
        var lastCandidate = -1
        var shortFirstLines = 0
        var continuing = 0
        var casedStarts = 0
        var lowercaseStarts = 0
        var wrapWidth = 0
        for k in lines.indices {
            if lines[k].isBlank {
                blankBefore = true
                continue
            }
            defer {
                previous = k
                blankBefore = false
            }
            let line = lines[k]
            lines[k].previous = previous
            let bullet = shape.bullet(line)
            guard previous >= 0, !blankBefore else {
                lines[k].link = .breakBefore
                listColumn = bullet.kind == .none ? nil : bullet.textColumn
                continue
            }
            let before = lines[previous]
            if line.indent > margin {
                if let column = listColumn, line.indent == column, bullet.kind == .none {
                    lines[k].link = .join
                } else {
                    lines[k].link = .breakBefore
                    listColumn = bullet.kind == .none ? nil : bullet.textColumn
                }
                continue
            }
            // A list item's text column, for hanging continuation lines; only for an item that starts a paragraph.
            listColumn = bullet.kind == .none ? nil : bullet.textColumn
            if shape.isHeading(line) || shape.isHeading(before) || bullet.kind == .unambiguous {
                lines[k].link = .breakBefore
                continue
            }
            if bullet.kind == .ambiguous
                && (shape.bullet(before).kind != .none || shape.endsClause(before) || 2 * before.contentWidth < widest)
            {
                lines[k].link = .breakBefore
                continue
            }
            if endsOnPurpose(before, line, isLastOfBlock: k + 1 == lines.count || lines[k + 1].isBlank, shape: shape) {
                lines[k].link = .breakBefore
                continue
            }
            listColumn = nil
            lines[k].link = .candidate
            candidates += 1
            lastCandidate = k
            if before.width <= maximumWrapWidth {
                shortFirstLines += 1
                wrapWidth = max(wrapWidth, before.width)
            }
            if line.width <= maximumWrapWidth { wrapWidth = max(wrapWidth, line.width) }
            let lowercase = shape.startsLowercase(line)
            if lowercase || !shape.endsSentence(before) { continuing += 1 }
            if lowercase {
                lowercaseStarts += 1
                casedStarts += 1
            } else if shape.startsUppercase(line) {
                casedStarts += 1
            }
        }
        guard candidates > 0 else { return }

        // Is the document hard-wrapped?
        var hardWrapped = false
        if candidates >= 2 {
            var similar = 0
            let lowest = (wrapWidth * 6 + 9) / 10
            for line in lines where line.link == .candidate {
                let width = lines[line.previous].width
                if width >= lowest && width <= wrapWidth { similar += 1 }
            }
            hardWrapped = 5 * shortFirstLines >= 4 * candidates && wrapWidth >= minimumWrapWidth
                && 2 * similar >= candidates && 2 * continuing >= candidates
                && (5 * lowercaseStarts >= casedStarts || !hasLowercase(lines, p))
        } else {
            let before = lines[lines[lastCandidate].previous]
            hardWrapped = everyLineShort && widest >= minimumWrapWidth && 5 * before.width >= 4 * widest
                && !shape.endsSentence(before)
            wrapWidth = widest
        }

        // Decide each candidate.
        let limit = wrapWidth - max(2, wrapWidth / 8)
        for k in lines.indices where lines[k].link == .candidate {
            let line = lines[k]
            let before = lines[line.previous]
            let lowercase = shape.startsLowercase(line)
            let join: Bool
            if hardWrapped {
                let fits = before.width + 1 + line.firstWordWidth <= limit
                join = lowercase || !fits
            } else {
                join = lowercase && !shape.endsClause(before)
            }
            lines[k].link = join ? .join : .breakBefore
        }
    }
}
