public import CopydeskCore
import Foundation

/// The `exec` stage: a third-party stage in any language. copydesk starts the program once, writes each
/// document to its standard input as the JSONL output record (one line), and reads one answer line per
/// document, in order, from its standard output: the document as it should go on (a record with the
/// same `id`; fields it leaves out become empty, except the raw HTML, which is kept when it was not sent,
/// and `source`, which always stays the run's; entities whose offsets no longer fit the text are removed),
/// or `{"drop": "reason"}` to remove it.
///
/// When the program crashes, stops answering for `timeout_seconds` or writes an answer longer than
/// `max_answer_bytes`, the first document it had not answered is to blame: with `on_error: fail` the run
/// ends with an error naming it; with `on_error: reject` it goes to the rejects output with the reason
/// and the program's last standard-error lines, the program is started again (at most `max_restarts`
/// times) and the documents written after the culprit are sent again. A program that cannot start, or
/// answers something that is not such a record, always ends the run. See docs/exec.md.
public final class ExecStage: CorpusStage {
    /// What a crash, a timeout or an over-long answer does.
    public enum ErrorPolicy: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// The run ends with an error naming the document (exit 74).
        case fail
        /// The document is rejected, the program restarted, and the run goes on.
        case reject
    }

    public let command: [String]
    public let timeout: Double
    public let window: Int
    public let includeHTML: Bool
    public let onError: ErrorPolicy
    public let maxRestarts: Int
    public let maxAnswerBytes: Int
    private let cancellation: CancellationFlag?
    private var cancellationToken: Int?
    private let interruption: Interruption
    private var child: ChildProcess?
    /// Documents written and not answered yet, oldest first.
    private var pending: [Document] = []
    private var pendingHead = 0
    private var answered = 0, dropped = 0, staleEntities = 0, restarts = 0
    private var rejectedCrashed = 0, rejectedTimedOut = 0, rejectedTooLong = 0, rejectedInterrupted = 0
    /// The most bytes of one answer held at once by any of the program's runs (for tests of the limit).
    private(set) var peakBufferedAnswerBytes = 0

    /// Builds a stage running `command` (program and arguments). `cancellation`, when given, makes an
    /// interruption end the program at once (the runner passes its own through the stage context).
    public init(
        command: [String], timeout: Double = 60, window: Int = 256, includeHTML: Bool = false, onError: ErrorPolicy = .fail,
        maxRestarts: Int = 10, maxAnswerBytes: Int = 64 << 20, cancellation: CancellationFlag? = nil
    ) {
        self.command = command
        self.timeout = timeout
        self.window = window
        self.includeHTML = includeHTML
        self.onError = onError
        self.maxRestarts = maxRestarts
        self.maxAnswerBytes = maxAnswerBytes
        self.cancellation = cancellation
        interruption = Interruption(grace: min(timeout, 2))
    }

    /// The stage as registered: id `exec`.
    public static let descriptor = StageDescriptor(
        id: "exec",
        summary: "Runs a program of your own as a stage: each document goes to its standard input as a JSONL record, one answer "
            + "line per document comes back in order (the changed record, or {\"drop\": \"reason\"}).",
        options: ExecOptions.self,
        make: { options, context throws(ConfigError) in
            ExecStage(
                command: options.command, timeout: options.timeoutSeconds, window: options.window, includeHTML: options.includeHTML,
                onError: options.onError, maxRestarts: options.maxRestarts, maxAnswerBytes: options.maxAnswerBytes,
                cancellation: context.cancellation)
        })

    public var preparer: ExecRecordEncoder? { ExecRecordEncoder(includeHTML: includeHTML) }

    public var counters: [String: Int] {
        var counts = ["answered": answered, "dropped": dropped, "entities_cleared_after_text_change": staleEntities]
        if onError == .reject || restarts > 0 { counts["restarts"] = restarts }
        let rejected = [
            ("rejected_crashed", rejectedCrashed), ("rejected_timed_out", rejectedTimedOut),
            ("rejected_answer_too_long", rejectedTooLong), ("rejected_interrupted", rejectedInterrupted),
        ]
        for (key, count) in rejected where count > 0 || onError == .reject { counts[key] = count }
        return counts
    }

    private var name: String { command.joined(separator: " ") }

    public func start() throws(StageError) {
        // A program that exits while copydesk writes to it must end in an error, not in SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        if let cancellation {
            let interruption = interruption
            cancellationToken = cancellation.onCancel { interruption.fire() }
        }
        do {
            try launch()
        } catch {
            throw StageError(.configuration, "exec: \(error.message)")
        }
    }

    public func consume(_ document: Document, prepared: [UInt8]?, into output: inout some CorpusOutput) throws(StageError) {
        if interruption.fired, child == nil {
            // Interrupted and already ended: what still arrives (batches read before the interruption) is owed nothing.
            rejectInterrupted(document, into: &output)
            return
        }
        guard let child else { throw StageError(.io, "exec '\(name)' was not started") }
        let line = prepared ?? ExecRecordEncoder(includeHTML: includeHTML).encode(document)
        // Owed from the first byte written: a failure while writing blames the oldest unanswered document.
        pending.append(document)
        if let failure = write(line, to: child) { try recover(from: failure, into: &output) }
        while let answer = self.child?.availableAnswer() { try handle(answer, into: &output) }
        while pending.count - pendingHead >= window { try awaitAnswer(into: &output) }
    }

    public func finish(into output: inout some CorpusOutput) throws(StageError) {
        defer { removeCancellationHandler() }
        while pendingHead < pending.count {
            // Closed again after every restart: the new program must see the end of its input too.
            child?.closeInput()
            try awaitAnswer(into: &output)
        }
        // No program left: an interruption already ended it (and rejected what it owed).
        guard let child else { return }
        child.closeInput()
        let status = child.waitForExit(timeout: timeout, interruptible: true)
        // Every answer is in: whatever is left of its process group (a child it forked that still holds
        // its output) is ended, not waited for.
        child.stop()
        self.child = nil
        recordPeak(child)
        // Interrupted while it was exiting: every document was answered, so nothing is owed and no error.
        if status == nil, child.isInterrupted { return }
        if let extra = child.availableAnswer() {
            let line: String
            if case .line(let bytes) = extra { line = preview(bytes) } else { line = "over max_answer_bytes" }
            throw StageError(.io, "exec '\(name)' answered more lines than it was given documents (extra line: \(line))")
        }
        guard let status else {
            throw StageError(.io, "exec '\(name)' did not exit within \(format(timeout)) s after its input ended (every document was answered; it was killed)")
        }
        if status != 0 {
            throw StageError(.io, "exec '\(name)' \(describe(status)) after answering every document; its output was not used" + stderrNote(child.lastErrorLines()))
        }
    }

    public func abort() {
        removeCancellationHandler()
        if let child {
            child.stop()
            recordPeak(child)
        }
        child = nil
        interruption.attach(nil)
    }

    // MARK: - The program's runs

    /// Why the program is being ended.
    private enum Failure {
        /// It closed its input or its output, or exited, with documents owed.
        case ended
        /// It gave no answer for `timeout_seconds`.
        case silent
        /// It did not read its input for `timeout_seconds`.
        case notReading
        case interrupted
    }

    private func launch() throws(ExecFailure) {
        let started = try ChildProcess(arguments: command, maxAnswerBytes: maxAnswerBytes)
        child = started
        interruption.attach(started)
    }

    private func write(_ line: [UInt8], to child: ChildProcess) -> Failure? {
        do {
            try child.write(line, timeout: timeout)
            return nil
        } catch .timedOut {
            return .notReading
        } catch .interrupted {
            return .interrupted
        } catch {
            return .ended
        }
    }

    private func awaitAnswer(into output: inout some CorpusOutput) throws(StageError) {
        guard let child else { throw StageError(.io, "exec '\(name)' is not running") }
        switch child.nextAnswer(timeout: timeout) {
        case .answer(let answer): try handle(answer, into: &output)
        case .timedOut: try recover(from: .silent, into: &output)
        case .endOfOutput: try recover(from: .ended, into: &output)
        case .interrupted: try settleInterrupted(into: &output)
        }
    }

    /// Ends the program, takes the answers it gave, blames the first document it did not answer, and
    /// either fails the run or rejects that document, restarts the program and sends the rest again.
    private func recover(from first: Failure, into output: inout some CorpusOutput) throws(StageError) {
        var failure = first
        while true {
            if failure == .interrupted || interruption.fired { return try settleInterrupted(into: &output) }
            guard let child else { throw StageError(.io, "exec '\(name)' is not running") }
            // A program that ended by itself keeps its own exit status; a silent one is killed at once.
            child.stop(grace: failure == .ended ? 1 : 0)
            recordPeak(child)
            self.child = nil
            while pendingHead < pending.count, let answer = child.availableAnswer() { try handle(answer, into: &output) }
            if interruption.fired { return try settleInterrupted(into: &output) }
            let what = describe(failure, child)
            let stderr = child.lastErrorLines()
            guard pendingHead < pending.count else {
                // It answered all it was given, then ended before its input did: nothing to blame but
                // the program itself, and it is still needed for the documents to come.
                if onError == .fail || restarts >= maxRestarts {
                    throw StageError(.io, "exec '\(name)' \(what) before its input ended" + restartNote() + "; fix the program or its command" + stderrNote(stderr))
                }
                restarts += 1
                try relaunch()
                return
            }
            let culprit = takePending()
            guard onError == .reject else {
                throw fail(what + " without answering", at: culprit, stderr: stderr)
            }
            guard restarts < maxRestarts else {
                throw StageError(
                    .io,
                    "exec '\(name)' \(what) without answering document '\(culprit.id)' (\(culprit.source)); it was already restarted "
                        + "\(restarts) times, the limit (max_restarts: \(maxRestarts)), so the run stops. \(unansweredNote()) Fix the program "
                        + "or raise max_restarts" + stderrNote(stderr))
            }
            switch failure {
            case .ended: rejectedCrashed += 1
            case .silent, .notReading: rejectedTimedOut += 1
            case .interrupted: break
            }
            output.reject(culprit, reason: "exec '\(name)' \(what) without answering this document (the first one it had not answered); "
                + "the program was restarted" + stderrNote(stderr))
            restarts += 1
            try relaunch()
            guard let next = resend() else { return }
            failure = next
        }
    }

    private func relaunch() throws(StageError) {
        do {
            try launch()
        } catch {
            throw StageError(.io, "exec: restarting after a failure: \(error.message)")
        }
    }

    /// Writes the documents still owed to the program just started; the failure, if it fails too.
    private func resend() -> Failure? {
        guard let child else { return .ended }
        let encoder = ExecRecordEncoder(includeHTML: includeHTML)
        for index in pendingHead..<pending.count {
            if let failure = write(encoder.encode(pending[index]), to: child) { return failure }
        }
        return nil
    }

    /// After Ctrl-C: the program is ended at once; the answers it already gave are used, and the
    /// documents it still owed go to the rejects output as interrupted.
    private func settleInterrupted(into output: inout some CorpusOutput) throws(StageError) {
        if let child {
            child.stop()
            recordPeak(child)
            self.child = nil
            while pendingHead < pending.count, let answer = child.availableAnswer() { try handle(answer, into: &output) }
        }
        while pendingHead < pending.count { rejectInterrupted(takePending(), into: &output) }
    }

    private func rejectInterrupted(_ document: Document, into output: inout some CorpusOutput) {
        rejectedInterrupted += 1
        output.reject(document, reason: "exec '\(name)': the run was interrupted before the program answered this document")
    }

    private func removeCancellationHandler() {
        if let cancellationToken { cancellation?.removeHandler(cancellationToken) }
        cancellationToken = nil
    }

    private func recordPeak(_ child: ChildProcess) {
        peakBufferedAnswerBytes = max(peakBufferedAnswerBytes, child.peakBufferedAnswerBytes)
    }

    // MARK: - Answers

    private func takePending() -> Document {
        let original = pending[pendingHead]
        pending[pendingHead] = Document(id: "", source: original.source, text: "")
        pendingHead += 1
        if pendingHead > 1024, pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        return original
    }

    /// Matches one answer line with the oldest unanswered document.
    private func handle(_ answer: ChildProcess.Answer, into output: inout some CorpusOutput) throws(StageError) {
        guard pendingHead < pending.count else {
            child?.stop()
            let line: String
            if case .line(let bytes) = answer { line = preview(bytes) } else { line = "over max_answer_bytes" }
            throw StageError(.io, "exec '\(name)' answered before it was given a document (line: \(line))")
        }
        let original = takePending()
        guard case .line(let answerBytes) = answer else {
            let what = "answered with a line longer than max_answer_bytes (\(maxAnswerBytes) bytes)"
            guard onError == .reject else { throw fail(what + "; raise max_answer_bytes or", at: original) }
            rejectedTooLong += 1
            output.reject(original, reason: "exec '\(name)' \(what); the answer was skipped")
            return
        }
        var bytes = answerBytes
        if bytes.last == 0x0D { bytes.removeLast() }
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in try JSONParser.parse(buffer) }
        } catch {
            throw fail("answered a line that is not JSON (\(error)): \(preview(answerBytes))", at: original)
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

    // MARK: - Messages

    private func fail(_ what: String, at document: Document, stderr: [String] = []) -> StageError {
        if let child {
            child.stop()
            recordPeak(child)
        }
        child = nil
        return StageError(.io, "exec '\(name)' \(what) — document '\(document.id)' (\(document.source)); fix the program or its command" + stderrNote(stderr))
    }

    private func describe(_ failure: Failure, _ child: ChildProcess) -> String {
        switch failure {
        case .silent: return "gave no answer for \(format(timeout)) s (it was killed)"
        case .notReading: return "stopped reading its input for \(format(timeout)) s (it was killed)"
        case .interrupted: return "was interrupted"
        case .ended:
            guard let status = child.waitForExit(timeout: 0) else { return "closed its output" }
            return describe(status)
        }
    }

    private func describe(_ status: Int32) -> String {
        status > 128 ? "was killed by signal \(status - 128)" : "exited with status \(status)"
    }

    private func restartNote() -> String {
        restarts > 0 ? " (after \(restarts) restarts; max_restarts: \(maxRestarts))" : ""
    }

    /// The documents still owed after the culprit, for the error that ends a run (at most 20 named).
    private func unansweredNote() -> String {
        let owed = pending[pendingHead...]
        guard !owed.isEmpty else { return "No other document was waiting for an answer." }
        let named = owed.prefix(20).map { "'\($0.id)'" }.joined(separator: ", ")
        return "Also not answered: \(named)" + (owed.count > 20 ? " and \(owed.count - 20) more" : "") + " (\(owed.count) in all)."
    }

    private func stderrNote(_ lines: [String]) -> String {
        lines.isEmpty ? "" : "; its last stderr lines:\n" + lines.joined(separator: "\n")
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
public struct ExecRecordEncoder: DocumentPreparer {
    let includeHTML: Bool

    public func prepare(_ document: Document) -> [UInt8] { encode(document) }

    func encode(_ document: Document) -> [UInt8] {
        DocumentRecord.line(document, includeHTML: includeHTML && document.html != nil)
    }
}
