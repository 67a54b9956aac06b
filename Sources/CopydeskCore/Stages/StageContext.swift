public import Logging

/// What a stage factory gets besides its options.
public struct StageContext: Sendable {
    /// The pipeline file the stage was declared in (`nil` for stages built in code).
    public var pipelineFile: String?
    /// Where the stage should log; never stdout.
    public var logger: Logger
    /// The run's interrupt request (Ctrl-C, SIGTERM), set by the runner: a stage whose work can block or take
    /// long registers a handler on it (exec ends its program) or polls it (strip stops a page still parsing).
    public var cancellation: CancellationFlag?

    public init(pipelineFile: String? = nil, logger: Logger = Logger(label: "copydesk"), cancellation: CancellationFlag? = nil) {
        self.pipelineFile = pipelineFile
        self.logger = logger
        self.cancellation = cancellation
    }
}
