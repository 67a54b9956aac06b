/// One thing an input yields: a document, or a rejection that must be accounted for.
public enum InputItem: Sendable {
    case document(Document)
    case rejected(Rejection)
}
