public import CopydeskCore
import Foundation

/// The `exec` stage: a third-party stage in any language. copydesk starts the program once, writes each
/// document to its standard input as the JSONL output record (one line), and reads one answer line per
/// document, in order, from its standard output: the document as it should go on (a record with the
/// same `id`; fields it leaves out become empty, except the raw HTML, which is kept when it was not sent,
/// and `source`, which always stays the run's; entities whose offsets no longer fit the text are removed),
/// or `{"drop": "reason"}` to remove it. A program that cannot start, exits early or with a failure
/// status, stops answering for `timeout_seconds`, or answers something that is not such a record ends
/// the run with an error naming the stage and the document.
public final class ExecStage: CorpusStage {
    public let command: [String]
    public let timeout: Double
    public let window: Int
    public let includeHTML: Bool
    private var child: ChildProcess?
    /// Documents written and not answered yet, oldest first.
    private var pending: [Document] = []
    private var pendingHead = 0
    private var answered = 0, dropped = 0, staleEntities = 0

    /// Builds a stage running `command` (program and arguments).
    public init(command: [String], timeout: Double = 60, window: Int = 256, includeHTML: Bool = false) {
        self.command = command
        self.timeout = timeout
        self.window = window
        self.includeHTML = includeHTML
    }

    /// The stage as registered: id `exec`.
    public static let descriptor = StageDescriptor(
        id: "exec", kind: .corpus,
        summary: "Runs a program of your own as a stage: each document goes to its standard input as a JSONL record, one answer "
            + "line per document comes back in order (the changed record, or {\"drop\": \"reason\"}).",
        options: [
            OptionSpec("command", .list(.string), default: nil, required: true,
                       "The program and its arguments, e.g. [python3, -u, my_stage.py]; looked up on PATH, run from the current directory."),
            OptionSpec("timeout_seconds", .double(min: 0.1, max: 86_400), default: .double(60),
                       "How long the program may go without reading or answering while documents are owed; then it is killed and the run fails."),
            OptionSpec("window", .int(min: 1, max: 100_000), default: .int(256),
                       "Documents written ahead of their answers (a program that reads several before answering needs at least that many)."),
            OptionSpec("include_html", .bool, default: .bool(false), "Also send the raw HTML of documents that still carry it."),
        ],
        make: { options, _ throws(ConfigError) in
            let command = options.strings("command")
            guard !command.isEmpty, !command[0].isEmpty else { throw options.error("command", "needs at least the program, e.g. [python3, -u, my_stage.py]") }
            return .corpus(ExecStage(
                command: command, timeout: options.double("timeout_seconds"), window: options.int("window"),
                includeHTML: options.bool("include_html")))
        })

    public var preparer: (any DocumentPreparer)? { ExecRecordEncoder(includeHTML: includeHTML) }

    public var counters: [String: Int] {
        ["answered": answered, "dropped": dropped, "entities_cleared_after_text_change": staleEntities]
    }

    private var name: String { command.joined(separator: " ") }

    public func start() throws(StageError) {
        // A program that exits while copydesk writes to it must end in an error, not in SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            child = try ChildProcess(arguments: command)
        } catch {
            throw StageError(.configuration, "exec: \(error.message)")
        }
    }

    public func consume(_ document: Document, prepared: (any Sendable)?, into output: inout some CorpusOutput) throws(StageError) {
        guard let child else { throw StageError(.io, "exec '\(name)' was not started") }
        let line = prepared as? [UInt8] ?? ExecRecordEncoder(includeHTML: includeHTML).encode(document)
        do {
            try child.write(line, timeout: timeout)
        } catch .timedOut {
            throw fail("stopped reading its input for \(format(timeout)) s", at: document)
        } catch .closed {
            // Name the first document it did not answer, after taking every answer it did give.
            pending.append(document)
            reading: while true {
                switch child.nextLine(timeout: min(timeout, 5)) {
                case .line(let answer): try handle(answer, into: &output)
                case .endOfOutput, .timedOut: break reading
                }
            }
            throw fail(exitedDescription(child) + " without answering", at: pending[pendingHead])
        } catch {
            throw fail("cannot be written to (\(error))", at: document)
        }
        pending.append(document)
        while let answer = child.availableLine() { try handle(answer, into: &output) }
        while pending.count - pendingHead >= window { try awaitAnswer(child, into: &output) }
    }

    public func finish(into output: inout some CorpusOutput) throws(StageError) {
        guard let child else { return }
        child.closeInput()
        while pendingHead < pending.count { try awaitAnswer(child, into: &output) }
        switch child.nextLine(timeout: timeout) {
        case .line(let extra):
            child.terminate()
            throw StageError(.io, "exec '\(name)' answered more lines than it was given documents (extra line: \(preview(extra)))")
        case .timedOut:
            child.terminate()
            throw StageError(.io, "exec '\(name)' did not exit within \(format(timeout)) s after its input ended")
        case .endOfOutput: break
        }
        let status = child.waitForExit(timeout: timeout)
        self.child = nil
        guard let status else {
            child.terminate()
            throw StageError(.io, "exec '\(name)' did not exit within \(format(timeout)) s after its input ended")
        }
        if status != 0 { throw StageError(.io, "exec '\(name)' exited with status \(status) after answering every document; its output was not used") }
    }

    public func abort() {
        child?.terminate()
        child = nil
    }

    private func awaitAnswer(_ child: ChildProcess, into output: inout some CorpusOutput) throws(StageError) {
        switch child.nextLine(timeout: timeout) {
        case .line(let answer): try handle(answer, into: &output)
        case .timedOut:
            child.terminate()
            throw fail("gave no answer for \(format(timeout)) s", at: pending[pendingHead])
        case .endOfOutput:
            throw fail(exitedDescription(child) + " without answering", at: pending[pendingHead])
        }
    }

    /// Matches one answer line with the oldest unanswered document.
    private func handle(_ answer: [UInt8], into output: inout some CorpusOutput) throws(StageError) {
        guard pendingHead < pending.count else {
            child?.terminate()
            throw StageError(.io, "exec '\(name)' answered before it was given a document (line: \(preview(answer)))")
        }
        let original = pending[pendingHead]
        pending[pendingHead] = Document(id: "", source: original.source, text: "")
        pendingHead += 1
        if pendingHead > 1024, pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        var bytes = answer
        if bytes.last == 0x0D { bytes.removeLast() }
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in try JSONParser.parse(buffer) }
        } catch {
            throw fail("answered a line that is not JSON (\(error)): \(preview(answer))", at: original)
        }
        if case .object = value, let reason = value["drop"] {
            guard let text = reason.stringValue, !text.isEmpty else {
                throw fail("answered a drop whose 'drop' is not a reason (a non-empty string)", at: original)
            }
            dropped += 1
            output.drop(original, reason: "exec: \(text)")
            return
        }
        var document: Document
        do {
            document = try DocumentRecord.read(value, source: original.source)
        } catch {
            throw fail("answered something that is not a record: \(error.reason)", at: original)
        }
        guard document.id == original.id else {
            throw fail("answered for id '\(document.id)' (answers come one per document, in order)", at: original)
        }
        if !includeHTML, document.html == nil { document.html = original.html }
        // Where a document came from is the run's to say, not the program's.
        document.source = original.source
        if document.clearStaleEntities() { staleEntities += 1 }
        answered += 1
        output.emit(document)
    }

    private func fail(_ what: String, at document: Document) -> StageError {
        child?.terminate()
        return StageError(.io, "exec '\(name)' \(what) — document '\(document.id)' (\(document.source)); fix the program or its command")
    }

    private func exitedDescription(_ child: ChildProcess) -> String {
        guard let status = child.waitForExit(timeout: 1) else { return "closed its output" }
        return status > 128 ? "was killed by signal \(status - 128)" : "exited with status \(status)"
    }

    private func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(120), as: UTF8.self)
        return bytes.count > 120 ? text + "…" : text
    }

    private func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// Encodes records for the program on the worker threads.
struct ExecRecordEncoder: DocumentPreparer {
    let includeHTML: Bool

    func prepare(_ document: Document) -> any Sendable { encode(document) }

    func encode(_ document: Document) -> [UInt8] {
        DocumentRecord.line(document, includeHTML: includeHTML && document.html != nil)
    }
}
