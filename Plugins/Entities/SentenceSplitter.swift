/// Splits a token stream into sentences: at line breaks, and after ".", "!", "?" or "…" (with any closing
/// quotes or brackets) when the next token does not go on in lower case.
public enum SentenceSplitter {
    /// Sentences as ranges of token indices covering `tokens` in order.
    public static func split(bytes: [UInt8], tokens: [Token]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = tokens.count
        while i < n {
            if i > start, tokens[i].afterNewline {
                sentences.append(start..<i)
                start = i
            }
            let t = tokens[i]
            if t.kind == .punctuation, isTerminal(bytes, t) {
                var j = i + 1
                while j < n, !tokens[j].afterSpace, tokens[j].kind == .punctuation, isCloser(bytes, tokens[j]) { j += 1 }
                if j < n, !tokens[j].afterNewline, startsSentence(bytes, tokens[j]) {
                    sentences.append(start..<j)
                    start = j
                }
                i = j
                continue
            }
            i += 1
        }
        if start < n { sentences.append(start..<n) }
        return sentences
    }

    static func isTerminal(_ bytes: [UInt8], _ t: Token) -> Bool {
        let c = bytes[t.byteStart]
        if t.byteEnd - t.byteStart == 1 { return c == 0x2E || c == 0x21 || c == 0x3F }
        // "…" U+2026
        return t.byteEnd - t.byteStart == 3 && c == 0xE2 && bytes[t.byteStart + 1] == 0x80 && bytes[t.byteStart + 2] == 0xA6
    }

    static func isCloser(_ bytes: [UInt8], _ t: Token) -> Bool {
        let c = bytes[t.byteStart]
        if t.byteEnd - t.byteStart == 1 { return c == 0x22 || c == 0x27 || c == 0x29 || c == 0x5D || c == 0x2E }
        // ’ ” U+2019 U+201D
        return t.byteEnd - t.byteStart == 3 && c == 0xE2 && bytes[t.byteStart + 1] == 0x80
            && (bytes[t.byteStart + 2] == 0x99 || bytes[t.byteStart + 2] == 0x9D)
    }

    static func startsSentence(_ bytes: [UInt8], _ t: Token) -> Bool {
        let c = bytes[t.byteStart]
        if ScalarClass.isLower(c) { return false }
        if t.kind == .punctuation { return c == 0x22 || c == 0x27 || c == 0x28 || c >= 0x80 }
        return true
    }
}
