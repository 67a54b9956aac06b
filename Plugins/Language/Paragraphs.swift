/// Paragraph boundaries of UTF-8 text: paragraphs are separated by one or more blank lines (lines of only
/// spaces, tabs or a carriage return), as the normalise stage writes them.
enum Paragraphs {
    /// The byte ranges of the paragraphs of `bytes`, blank lines and surrounding newlines excluded.
    static func ranges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        var lineStart = 0
        var lineBlank = true
        var lastContentEnd = 0
        for index in 0...bytes.count {
            let byte: UInt8 = index < bytes.count ? bytes[index] : 0x0A
            if byte == 0x0A {
                if lineBlank {
                    if let s = start { ranges.append(s..<lastContentEnd) }
                    start = nil
                } else {
                    if start == nil { start = lineStart }
                    lastContentEnd = index
                }
                lineStart = index + 1
                lineBlank = true
            } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                lineBlank = false
            }
        }
        if let s = start { ranges.append(s..<lastContentEnd) }
        return ranges
    }
}
