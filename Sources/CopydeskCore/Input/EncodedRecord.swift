/// One JSONL line read but not yet decoded: its bytes, where it came from, and the decoder that turns it
/// into a document or a rejection. Decoding needs nothing from the reader, so any thread may do it; what it
/// adds to the input stats comes back with the item (``RecordCounts``) for the runner to add in input order.
public struct EncodedRecord: Sendable {
    let bytes: [UInt8]
    let path: String
    let line: Int
    let decoder: JSONLRecordDecoder

    /// Where the record is: its file and line.
    public var source: SourceLocation { SourceLocation(path: path, line: line) }

    /// How many bytes the record holds (for sizing batches).
    public var byteCount: Int { bytes.count }

    /// The document or rejection; what it adds to the input stats is added to `counts`.
    func decode(counting counts: inout RecordCounts) -> InputItem {
        let item = decoder.decode(bytes, path: path, line: line, counts: &counts)
        switch item {
        case .document: counts.documents += 1
        case .rejected: counts.rejected += 1
        }
        return item
    }
}
