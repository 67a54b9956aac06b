/// A snapshot of a run in progress, for a live progress line.
public struct RunProgress: Sendable {
    /// Input items read so far.
    public var documents: Int
    /// Bytes of documents read (decompressed).
    public var bytes: Int64
    public var seconds: Double
    /// On-disk bytes of the inputs consumed so far, and in all when every input is a regular file.
    public var diskBytes: Int64
    public var diskTotal: Int64?

    /// The share of the input read, when the total is known.
    public var fraction: Double? {
        guard let diskTotal, diskTotal > 0 else { return nil }
        return min(1, Double(diskBytes) / Double(diskTotal))
    }

    /// Seconds left at the current rate, when the total is known.
    public var secondsLeft: Double? {
        guard let fraction, fraction > 0.001, seconds > 1 else { return nil }
        return seconds * (1 - fraction) / fraction
    }
}
