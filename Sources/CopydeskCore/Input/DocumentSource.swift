/// Anything that yields input items in order: files on disk (``InputReader``), or memory in tests.
public protocol DocumentSource {
    /// The next document or rejection, or `nil` at the end.
    mutating func next() throws(InputError) -> InputItem?
    /// The next item, possibly still to be decoded; the runner reads through this, decoding ``SourceItem/encoded(_:)``
    /// items on its worker threads and adding what they count to ``stats`` itself. The default is ``next()``.
    mutating func nextUndecoded() throws(InputError) -> SourceItem?
    /// What has been read so far (without the counts of items handed out undecoded).
    var stats: InputStats { get }
}

extension DocumentSource {
    public mutating func nextUndecoded() throws(InputError) -> SourceItem? {
        try next().map(SourceItem.decoded)
    }
}
