/// One occurrence of an entity: code-point offsets into `Document.text`, end exclusive.
public struct Mention: Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}
