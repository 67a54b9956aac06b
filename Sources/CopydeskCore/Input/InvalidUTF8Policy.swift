/// What to do with bytes that are not valid UTF-8.
public enum InvalidUTF8Policy: String, Sendable, CaseIterable, OptionValueRepresentable {
    /// Replace each invalid sequence with U+FFFD and count it.
    case repair
    /// Reject the document, naming the byte offset.
    case reject
}
