/// Compresses a byte stream in pieces, appending what it produces to a buffer.
protocol StreamCompressor: AnyObject {
    /// Compresses `input`, appending output to `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(StageError)
    /// Ends the stream (trailer, checksum), appending the last output.
    func finish(into output: inout [UInt8]) throws(StageError)
}
