/// A snapshot of a run in progress, for a live progress line or a log line.
public struct RunProgress: Sendable {
    /// Input items read so far.
    public var documents: Int
    /// Input items through the per-document stages at the head of the pipeline (the work done while
    /// reading): handed to the first corpus-wide stage, or out, dropped or rejected before it.
    public var settled: Int
    /// Input items that have left the pipeline: out, dropped or rejected.
    public var finished: Int
    /// Whether reading is over and the run is finishing: corpus-wide stages emit what they held (dedupe
    /// holds every document until the end) and the last batches drain.
    public var finishing = false
    /// Seconds since finishing began (0 while reading).
    public var finishingSeconds = 0.0
    /// Bytes of documents read (decompressed).
    public var bytes: Int64
    public var seconds: Double
    /// On-disk bytes of the inputs consumed so far, and in all when every input is a regular file.
    public var diskBytes: Int64
    public var diskTotal: Int64?

    public init(documents: Int, settled: Int, finished: Int, bytes: Int64, seconds: Double, diskBytes: Int64, diskTotal: Int64?) {
        self.documents = documents
        self.settled = settled
        self.finished = finished
        self.bytes = bytes
        self.seconds = seconds
        self.diskBytes = diskBytes
        self.diskTotal = diskTotal
    }

    /// The share of the current phase done. While reading, when the input's size is known: the share
    /// of the input handed to the pipeline times the share of those documents through the head stages
    /// (documents still in batches are not done), so it reaches 1 only when every document is through
    /// them. While finishing: the share of the documents read that have left the pipeline.
    public var fraction: Double? {
        if finishing { return documents > 0 ? min(1, Double(finished) / Double(documents)) : 1 }
        guard let diskTotal, diskTotal > 0 else { return nil }
        let read = min(1, Double(diskBytes) / Double(diskTotal))
        let through = documents > 0 ? min(1, Double(settled) / Double(documents)) : 0
        return read * through
    }

    /// Documents through the current phase per second.
    public var documentsPerSecond: Double {
        finishing ? (finishingSeconds > 0 ? Double(finished) / finishingSeconds : 0) : (seconds > 0 ? Double(settled) / seconds : 0)
    }

    /// Seconds left in the current phase at its rate so far, when the total is known.
    public var secondsLeft: Double? {
        let elapsed = finishing ? finishingSeconds : seconds
        guard let fraction, fraction > 0.001, elapsed > 1 else { return nil }
        return elapsed * (1 - fraction) / fraction
    }
}
