/// What a per-document stage decided about one document.
public enum Verdict: Sendable, Equatable {
    /// Keep the (possibly changed) document.
    case keep
    /// Remove the document from the stream; it goes to the drops output with this reason.
    case drop(reason: String)
}
