/// An input item as a source hands it to the runner: already decoded, or read but still to be decoded,
/// which the runner does on its worker threads (in input order) so that the reading thread only reads.
public enum SourceItem: Sendable {
    case decoded(InputItem)
    case encoded(EncodedRecord)
}
