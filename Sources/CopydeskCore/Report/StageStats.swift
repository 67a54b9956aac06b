/// Counts and timings of one stage in a run.
public struct StageStats: Sendable {
    public var id: String
    public var kind: StageDescriptor.Kind
    public var documentsIn = 0
    public var documentsOut = 0
    public var dropped = 0
    public var rejected = 0
    /// Seconds spent inside the stage, summed over all threads.
    public var busySeconds = 0.0
    /// CPU seconds spent inside the stage, summed over all threads.
    public var cpuSeconds = 0.0
    /// Threads the stage ran on.
    public var threads = 1
    /// Stage-specific counts (``CorpusStage/counters``), e.g. dedupe's relations.
    public var counters: [String: Int] = [:]

    public init(id: String, kind: StageDescriptor.Kind) {
        self.id = id
        self.kind = kind
    }

    /// Wall-clock seconds the stage occupied: busy time spread over its threads.
    public var wallSeconds: Double { busySeconds / Double(max(1, threads)) }

    mutating func add(_ other: StageStats) {
        documentsIn += other.documentsIn
        documentsOut += other.documentsOut
        dropped += other.dropped
        rejected += other.rejected
        busySeconds += other.busySeconds
        cpuSeconds += other.cpuSeconds
        for (key, value) in other.counters { counters[key, default: 0] += value }
    }
}
