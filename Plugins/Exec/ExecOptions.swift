public import CopydeskCore

/// The `exec` stage's options.
public struct ExecOptions: DeclaredOptions {
    /// Required: the program and its arguments.
    public var command: [String] = []
    public var timeoutSeconds = 60.0
    public var window = 256
    public var includeHTML = false
    public var onError: ExecStage.ErrorPolicy = .fail
    public var maxRestarts = 10
    public var maxAnswerBytes = 64 << 20

    public init() {}

    public static let schema = OptionSchema<Self>([
        .strings("command", \.command, required: true,
                 "The program and its arguments, e.g. [python3, -u, my_stage.py]; looked up on PATH, run from the current directory."),
        .number("timeout_seconds", \.timeoutSeconds, min: 0.1, max: 86_400,
                "How long the program may go without reading or answering while documents are owed; then it is killed (see on_error)."),
        .int("window", \.window, min: 1, max: 100_000,
             "Documents written ahead of their answers (a program that reads several before answering needs at least that many)."),
        .bool("include_html", \.includeHTML, "Also send the raw HTML of documents that still carry it."),
        .choice("on_error", \.onError,
                "When the program crashes, times out or answers over max_answer_bytes on a document (the first it had not answered): "
                    + "fail: the run ends (exit 74) naming it; reject: it goes to the rejects output with the reason and the "
                    + "program's last stderr lines, the program is restarted and the documents after it are sent again."),
        .int("max_restarts", \.maxRestarts, min: 0, max: 1_000_000,
             "With on_error: reject, how many times the program may be restarted in a run; one more failure ends the run "
                + "(exit 74) naming the document and those not answered."),
        .int("max_answer_bytes", \.maxAnswerBytes, min: 1, max: Int(Int32.max),
             "Longest answer line accepted (bytes); a longer one is never held in memory whole: its document is rejected "
                + "(on_error: reject) or the run fails."),
    ])

    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {
        guard let program = command.first, !program.isEmpty else {
            throw check.error(\.command, "needs at least the program, e.g. [python3, -u, my_stage.py]")
        }
    }
}
