import CopydeskCore

/// Writes lines out in their final shape: paragraphs separated by exactly one blank line, lines of a
/// paragraph joined by one space, nothing before the first or after the last character.
/// With `collapse` (the `whitespace` option) runs of spaces and tabs inside a line become one space;
/// without it a line's inner whitespace is kept as it is, and only its ends are trimmed.
struct ParagraphWriter {
    let p: UnsafePointer<UInt8>
    let collapse: Bool

    /// The capacity any of the writers needs: a paragraph break ("\n\n") replaces at least one newline.
    static func capacity(bytes: Int, lines: Int) -> Int { bytes + lines + 1 }

    /// Paragraphs as linked by ``ParagraphLayout``.
    func paragraphs(_ lines: [Line], into out: UnsafeMutablePointer<UInt8>) -> Int {
        var j = 0
        var started = false
        for line in lines where !line.isBlank {
            if started {
                if line.link == .join {
                    out[j] = 0x20
                    j += 1
                } else {
                    out[j] = 0x0A
                    out[j + 1] = 0x0A
                    j += 2
                }
            }
            started = true
            content(line, into: out, at: &j)
        }
        return j
    }

    /// All lines joined into one (titles).
    func singleLine(_ lines: [Line], into out: UnsafeMutablePointer<UInt8>) -> Int {
        var j = 0
        for line in lines where !line.isBlank {
            if j > 0 {
                out[j] = 0x20
                j += 1
            }
            content(line, into: out, at: &j)
        }
        return j
    }

    /// Line breaks kept (`keep`): each run of blank lines becomes one blank line, blank lines at either
    /// end go. Lines are trimmed and collapsed with `collapse`, kept whole (indentation too) without it.
    func kept(_ lines: [Line], into out: UnsafeMutablePointer<UInt8>) -> Int {
        var j = 0
        var started = false
        var blankBefore = false
        for line in lines {
            if line.isBlank {
                blankBefore = started
                continue
            }
            if started {
                out[j] = 0x0A
                j += 1
                if blankBefore {
                    out[j] = 0x0A
                    j += 1
                }
            }
            if collapse {
                content(line, into: out, at: &j)
            } else {
                copy(from: started ? line.rawStart : line.contentStart, to: line.rawEnd, into: out, at: &j)
            }
            started = true
            blankBefore = false
        }
        while j > 0 && (out[j - 1] == 0x20 || out[j - 1] == 0x09) { j -= 1 }
        return j
    }

    @inline(__always)
    private func content(_ line: Line, into out: UnsafeMutablePointer<UInt8>, at j: inout Int) {
        let end = line.contentEnd
        guard collapse, line.hasGap else {
            copy(from: line.contentStart, to: end, into: out, at: &j)
            return
        }
        var k = line.contentStart
        var w = j
        while k < end {
            let c = p[k]
            k += 1
            if c == 0x20 || c == 0x09 {
                out[w] = 0x20
                w += 1
                while k < end && (p[k] == 0x20 || p[k] == 0x09) { k += 1 }
            } else {
                out[w] = c
                w += 1
            }
        }
        j = w
    }

    @inline(__always)
    private func copy(from start: Int, to end: Int, into out: UnsafeMutablePointer<UInt8>, at j: inout Int) {
        guard end > start else { return }
        (out + j).update(from: p + start, count: end - start)
        j += end - start
    }
}
