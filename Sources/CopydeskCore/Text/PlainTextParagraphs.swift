/// The paragraphs of a plain text as its shape shows them (``ParagraphLayout/auto``): blank lines,
/// indentation, list items, headings, table rows, and hard-wrapped lines joined back into the sentence
/// they belong to. One definition of "paragraph" for every stage that works on plain text, so that a
/// stage's line-level decisions see the same paragraphs whatever stage ran before it.
package enum PlainTextParagraphs {
    /// One paragraph: its text (the lines' content joined by one space, each line trimmed, inner
    /// whitespace kept) and how many lines it was made of.
    package struct Paragraph: Sendable, Equatable {
        package var text: String
        package var lineCount: Int
    }

    /// Each paragraph of `text`, in order. CR and CRLF line endings count as LF.
    package static func split(_ text: String) -> [Paragraph] {
        if text.isEmpty { return [] }
        var storage = text
        if storage.utf8.contains(0x0D) {
            storage = storage.replacingCRLF()
        }
        if let result = storage.utf8.withContiguousStorageIfAvailable({ split(bytes: $0) }) { return result }
        return Array(storage.utf8).withUnsafeBufferPointer { split(bytes: $0) }
    }

    /// Each paragraph of the UTF-8 `bytes` (LF line endings), in order.
    package static func split(bytes: UnsafeBufferPointer<UInt8>) -> [Paragraph] {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return [] }
        var lines = LineScanner.scan(bytes, asciiOnly: isASCII(bytes))
        ParagraphLayout.auto(&lines, bytes: p)
        var paragraphs: [Paragraph] = []
        var first = -1
        var count = 0
        var bytesInParagraph = 0
        func flush(upTo end: Int) {
            guard first >= 0 else { return }
            let capacity = bytesInParagraph + count
            let text = String(unsafeUninitializedCapacity: capacity) { out in
                var j = 0
                var k = first
                while k < end {
                    let line = lines[k]
                    k += 1
                    if line.isBlank { continue }
                    if j > 0 {
                        out[j] = 0x20
                        j += 1
                    }
                    let length = line.contentEnd - line.contentStart
                    if length > 0 {
                        (out.baseAddress! + j).update(from: p + line.contentStart, count: length)
                        j += length
                    }
                }
                return j
            }
            paragraphs.append(Paragraph(text: text, lineCount: count))
        }
        for k in lines.indices where !lines[k].isBlank {
            if lines[k].link != .join {
                flush(upTo: k)
                first = k
                count = 0
                bytesInParagraph = 0
            }
            count += 1
            bytesInParagraph += lines[k].contentEnd - lines[k].contentStart
        }
        flush(upTo: lines.count)
        return paragraphs
    }

    /// Whether every byte is ASCII (line widths are then byte counts).
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        var k = 0
        let high = ByteSearch.Chunk(repeating: 0x80)
        while k + 16 <= n {
            if any(ByteSearch.load(p, k) .>= high) { return false }
            k += 16
        }
        while k < n {
            if p[k] >= 0x80 { return false }
            k += 1
        }
        return true
    }
}

extension String {
    /// The string with CRLF and lone CR line endings as LF.
    fileprivate func replacingCRLF() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8 {
            if byte == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if byte == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
