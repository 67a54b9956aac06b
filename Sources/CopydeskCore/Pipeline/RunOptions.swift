import Foundation

/// How the runner runs: the `run:` section of a pipeline file.
public struct RunOptions: DeclaredOptions {
    /// What to do with a bad record (unreadable, invalid, rejected by a stage).
    public enum BadRecordPolicy: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// Write it to the rejects output with its reason and go on.
        case skip
        /// Stop the run with exit code 65, naming the record.
        case fail
    }

    /// Worker threads for per-document stages; 0 means one per core.
    public var workers = 0
    /// Documents per unit of parallel work.
    public var batchSize = 64
    public var onBadRecord: BadRecordPolicy = .skip

    /// The defaults.
    public init() {}

    /// The defaults, with the settings given changed.
    public init(
        workers: Int = RunOptions().workers,
        batchSize: Int = RunOptions().batchSize,
        onBadRecord: BadRecordPolicy = RunOptions().onBadRecord
    ) {
        self.workers = workers
        self.batchSize = batchSize
        self.onBadRecord = onBadRecord
    }

    public static let schema = OptionSchema<Self>([
        .int("workers", \.workers, min: 0, max: 1024, "Threads for per-document stages; 0 = one per core."),
        .int("batch_size", \.batchSize, min: 1, max: 100_000, "Documents handed to a worker at a time."),
        .choice("on_bad_record", \.onBadRecord, "skip: bad records go to the rejects output with their reason; fail: stop with exit code 65."),
    ])

    /// The number of worker threads this machine gets.
    public var effectiveWorkers: Int {
        workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
