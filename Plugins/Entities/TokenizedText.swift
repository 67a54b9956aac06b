/// A text as UTF-8 bytes with its tokens and sentences: what the tagger, the rules and the resolver read.
public struct TokenizedText: Sendable {
    /// The text's UTF-8 bytes.
    public var bytes: [UInt8]
    /// The tokens in text order.
    public var tokens: [Token]
    /// Each sentence as a range of token indices, in order, covering every token.
    public var sentences: [Range<Int>]

    /// Wraps already tokenised text (for example a CoNLL file); sentences must cover `tokens` in order.
    public init(bytes: [UInt8], tokens: [Token], sentences: [Range<Int>]) {
        self.bytes = bytes
        self.tokens = tokens
        self.sentences = sentences
    }

    /// Tokenises `text` with the news tokeniser and splits it into sentences.
    public init(text: String) {
        let bytes = Array(text.utf8)
        let tokens = NewsTokeniser.tokenise(bytes)
        self.init(bytes: bytes, tokens: tokens, sentences: SentenceSplitter.split(bytes: bytes, tokens: tokens))
    }

    /// The token's text.
    public func string(_ index: Int) -> String {
        String(decoding: bytes[tokens[index].byteStart..<tokens[index].byteEnd], as: UTF8.self)
    }

    /// The text from the start of token `range.lowerBound` to the end of token `range.upperBound - 1`.
    public func string(tokens range: Range<Int>) -> String {
        String(decoding: bytes[tokens[range.lowerBound].byteStart..<tokens[range.upperBound - 1].byteEnd], as: UTF8.self)
    }

    /// Builds tokenised text from tokens given as strings, one sentence per inner array, joined by spaces and newlines.
    public static func fromTokens(_ sentences: [[String]]) -> TokenizedText {
        var bytes: [UInt8] = []
        var tokens: [Token] = []
        var ranges: [Range<Int>] = []
        var scalar = 0
        for (s, sentence) in sentences.enumerated() {
            let first = tokens.count
            for (t, word) in sentence.enumerated() {
                if s > 0 || t > 0 {
                    bytes.append(t == 0 ? 0x0A : 0x20)
                    scalar += 1
                }
                let start = bytes.count
                bytes.append(contentsOf: word.utf8)
                let count = word.unicodeScalars.count
                tokens.append(Token(byteStart: start, byteEnd: bytes.count, scalarStart: scalar, scalarEnd: scalar + count,
                                    kind: NewsTokeniser.kind(of: Array(word.utf8)), afterNewline: t == 0 && s > 0, afterSpace: t > 0))
                scalar += count
            }
            ranges.append(first..<tokens.count)
        }
        return TokenizedText(bytes: bytes, tokens: tokens, sentences: ranges)
    }
}
