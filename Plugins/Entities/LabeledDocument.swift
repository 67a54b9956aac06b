/// A tokenised document with gold BIO labels (training data, evaluation data).
public struct LabeledDocument: Sendable {
    /// The tokenised text.
    public var text: TokenizedText
    /// One ``EntityLabel`` per token.
    public var labels: [UInt8]

    /// Pairs text and labels (one per token).
    public init(text: TokenizedText, labels: [UInt8]) {
        precondition(text.tokens.count == labels.count)
        self.text = text
        self.labels = labels
    }
}
