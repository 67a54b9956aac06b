/// Anything that yields input items in order: files on disk (``InputReader``), or memory in tests.
public protocol DocumentSource {
    /// The next document or rejection, or `nil` at the end.
    mutating func next() throws(InputError) -> InputItem?
    /// What has been read so far.
    var stats: InputStats { get }
}
