import CProcess
import Foundation
import Synchronization

/// A program run with pipes on its standard input, output and error, in a process group of its own.
/// Answer lines are collected by a reader thread as they come, so the program never blocks on a full
/// output pipe while copydesk is still writing to it; an answer longer than `maxAnswerBytes` is never
/// held whole (it becomes ``Answer/tooLong`` and the rest of its line is skipped). Its standard error is
/// passed through to copydesk's and its last lines are kept for error messages. Writes to it are
/// non-blocking with a timeout. ``interrupt(grace:)`` may be called from any thread.
final class ChildProcess: @unchecked Sendable {
    /// One line the program wrote.
    enum Answer {
        case line([UInt8])
        /// A line longer than the limit; its bytes were skipped.
        case tooLong
    }

    /// What waiting for the program's next line gave.
    enum Next {
        case answer(Answer)
        case endOfOutput
        case timedOut
        case interrupted
    }

    /// Why a write to the program failed.
    enum WriteFailure: Error {
        /// The program closed its input or exited.
        case closed
        /// The program did not read for the whole timeout.
        case timedOut
        /// The grace given by ``interrupt(grace:)`` ran out.
        case interrupted
        case failed(String)
    }

    /// Lines of standard error kept for messages, and the longest part of each that is kept.
    static let stderrLines = 12
    static let stderrLineBytes = 400

    let pid: pid_t
    let maxAnswerBytes: Int
    private var input: Int32
    private let output: Int32
    private let errors: Int32
    /// Closing `wakeWrite` stops the reader threads even while something else still holds the pipes open.
    private let wakeRead: Int32
    private var wakeWrite: Int32
    /// When an interruption's grace ends (seconds since the reference date, as a bit pattern); 0 when none.
    private let interruptDeadline = Atomic<UInt64>(0)
    // Guarded by `condition`: answers read and not yet taken, the end of each stream, the stderr tail.
    private let condition = NSCondition()
    private var answers: [Answer] = []
    private var head = 0
    private var outputEnded = false
    private var errorsEnded = false
    private var stderrTail: [[UInt8]] = []
    private var stderrPartial: [UInt8] = []
    private var peakBuffered = 0
    // Guarded by `reaping`.
    private let reaping = NSLock()
    private var exitStatus: Int32?
    private var reaped = false

    /// Starts `arguments[0]` (looked up on PATH) with the rest as its arguments.
    init(arguments: [String], maxAnswerBytes: Int) throws(ExecFailure) {
        guard let program = arguments.first, !program.isEmpty else { throw ExecFailure("the command is empty") }
        self.maxAnswerBytes = maxAnswerBytes
        // Close-on-exec from the start, so a program started at the same moment by another thread cannot
        // inherit these ends and keep this program's input open after copydesk closes it.
        var pipes: [[Int32]] = []
        for _ in 0..<4 {
            var ends: [Int32] = [-1, -1]
            guard copydesk_pipe_cloexec(&ends) == 0 else {
                let reason = String(cString: strerror(errno))
                for pair in pipes { close(pair[0]); close(pair[1]) }
                throw ExecFailure("cannot create a pipe: \(reason)")
            }
            pipes.append(ends)
        }
        let toChild = pipes[0], fromChild = pipes[1], errorPipe = pipes[2]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        // fork + execve in C: its own process group, every signal at its default and none blocked,
        // SIGKILL when copydesk dies (PR_SET_PDEATHSIG), no other descriptor of copydesk.
        let status = copydesk_spawn(program, argv, environ, toChild[0], fromChild[1], errorPipe[1], &child)
        close(toChild[0])
        close(fromChild[1])
        close(errorPipe[1])
        guard status == 0 else {
            for fd in [toChild[1], fromChild[0], errorPipe[0], pipes[3][0], pipes[3][1]] { close(fd) }
            throw ExecFailure("cannot start '\(program)': \(String(cString: strerror(status))); check the command and PATH")
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        errors = errorPipe[0]
        wakeRead = pipes[3][0]
        wakeWrite = pipes[3][1]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let reader = Thread { [self] in self.readAnswers() }
        reader.name = "copydesk-exec-reader"
        reader.start()
        let errorReader = Thread { [self] in self.readErrors() }
        errorReader.name = "copydesk-exec-stderr"
        errorReader.start()
    }

    deinit {
        if input >= 0 { close(input) }
        // Every path of the stage stops the program; should one not, it is still not left behind.
        if !reaped {
            _ = copydesk_kill_group(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        if wakeWrite >= 0 { close(wakeWrite) }
        close(wakeRead)
    }

    /// Writes all of `bytes`, waiting at most `timeout` seconds for the program to make room.
    func write(_ bytes: [UInt8], timeout: Double) throws(WriteFailure) {
        guard input >= 0 else { throw .closed }
        let deadline = Date(timeIntervalSinceNow: timeout)
        var offset = 0
        while offset < bytes.count {
            if isInterrupted { throw .interrupted }
            let count = bytes.withUnsafeBytes { raw in Foundation.write(input, raw.baseAddress! + offset, raw.count - offset) }
            if count >= 0 { offset += count; continue }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                // Short slices, so an interruption is seen within a tenth of a second.
                var descriptor = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&descriptor, 1, 100)
                if ready == 0, Date() >= deadline { throw .timedOut }
                if ready > 0, descriptor.revents & Int16(POLLERR | POLLHUP) != 0 { throw .closed }
            case EPIPE: throw .closed
            default: throw .failed(String(cString: strerror(errno)))
            }
        }
    }

    /// Closes the program's input, so it sees the end of the stream.
    func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// A line the program already wrote, without waiting.
    func availableAnswer() -> Answer? {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked()
    }

    /// Waits at most `timeout` seconds for the program's next line.
    func nextAnswer(timeout: Double) -> Next {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let answer = takeLocked() { return .answer(answer) }
            if outputEnded { return .endOfOutput }
            if isInterrupted { return .interrupted }
            let until = min(deadline, interruptionEnds ?? deadline)
            if !condition.wait(until: until), Date() >= deadline {
                if let answer = takeLocked() { return .answer(answer) }
                return outputEnded ? .endOfOutput : .timedOut
            }
        }
    }

    /// Gives the program `grace` seconds more: every wait on it then returns (``Next/interrupted``,
    /// ``WriteFailure/interrupted``, `nil` from ``waitForExit(timeout:)``). Safe from any thread; a
    /// second call does not extend the grace.
    func interrupt(grace: Double) {
        let ends = Date(timeIntervalSinceNow: grace).timeIntervalSinceReferenceDate
        _ = interruptDeadline.compareExchange(expected: 0, desired: ends.bitPattern, ordering: .relaxed)
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    /// When the grace of an interruption ends, if there was one.
    private var interruptionEnds: Date? {
        let bits = interruptDeadline.load(ordering: .relaxed)
        return bits == 0 ? nil : Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
    }

    /// Whether an interruption's grace has run out.
    var isInterrupted: Bool {
        guard let ends = interruptionEnds else { return false }
        return Date() >= ends
    }

    /// Waits at most `timeout` seconds for the program itself to exit: its exit status, `128 + signal`
    /// when a signal ended it, or `nil` when it is still running (also, when `interruptible`, once an
    /// interruption's grace has run out). It is not reaped yet (see ``stop(grace:)``), so its process
    /// group id stays its own until then.
    func waitForExit(timeout: Double, interruptible: Bool = false) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            reaping.lock()
            if exitStatus == nil {
                var status: Int32 = 0
                switch copydesk_exited(pid, &status) {
                case 1: exitStatus = status
                case 0: break
                default: if errno != EINTR { exitStatus = -1 }
                }
            }
            let known = exitStatus
            reaping.unlock()
            if let known { return known }
            if Date() >= deadline || (interruptible && isInterrupted) { return nil }
            usleep(2_000)
        }
    }

    /// Sends SIGKILL to the program's whole process group: the program and every child it started
    /// that did not leave the group (`setsid`, `setpgid`). Only until the program is reaped: after that
    /// its pid may belong to another process.
    func killGroup() {
        reaping.lock()
        defer { reaping.unlock() }
        if !reaped { _ = copydesk_kill_group(pid, SIGKILL) }
    }

    private func reap() {
        reaping.lock()
        defer { reaping.unlock() }
        guard !reaped, exitStatus != nil else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
    }

    /// Ends the program and its group, reaps it and stops the readers: first waits up to `grace` seconds
    /// for it to exit by itself (so a crash keeps its own status), then kills the group, then waits a
    /// little for its output to end. Answers it wrote before stay available.
    func stop(grace: Double = 0) {
        closeInput()
        if grace > 0 { _ = waitForExit(timeout: grace) }
        killGroup()
        _ = waitForExit(timeout: 5)
        reap()
        // A member that left the group (setsid) may still hold the pipes: stop reading them anyway.
        if !waitForReaders(timeout: 1) {
            if wakeWrite >= 0 { close(wakeWrite) }
            wakeWrite = -1
            _ = waitForReaders(timeout: 5)
        }
    }

    /// Its last standard-error lines (at most ``stderrLines``), oldest first.
    func lastErrorLines() -> [String] {
        condition.lock()
        defer { condition.unlock() }
        var lines = stderrTail
        if !stderrPartial.isEmpty { lines.append(stderrPartial) }
        return lines.suffix(Self.stderrLines).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The most bytes of one answer line held at once so far (never much more than `maxAnswerBytes`).
    var peakBufferedAnswerBytes: Int {
        condition.lock()
        defer { condition.unlock() }
        return peakBuffered
    }

    private func waitForReaders(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !(outputEnded && errorsEnded) {
            if !condition.wait(until: deadline) { return outputEnded && errorsEnded }
        }
        return true
    }

    private func takeLocked() -> Answer? {
        guard head < answers.count else { return nil }
        let answer = answers[head]
        answers[head] = .tooLong
        head += 1
        if head > 256, head * 2 > answers.count {
            answers.removeFirst(head)
            head = 0
        }
        return answer
    }

    /// Waits until `fd` can be read (or has ended); `false` when the readers are told to stop.
    private func waitReadable(_ fd: Int32) -> Bool {
        var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return false }
            if descriptors[1].revents != 0 { return false }
            return true
        }
    }

    /// The index of the first `\n` in `buffer[start..<end]` (memchr: a skipped gigabyte-long answer
    /// is scanned at memory speed).
    private static func newline(in buffer: [UInt8], from start: Int, to end: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, start < end, let found = memchr(base + start, 0x0A, end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func readAnswers() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var partial: [UInt8] = []
        var skipping = false
        var peak = 0
        var reachedEnd = false
        while waitReadable(output) {
            let count = buffer.withUnsafeMutableBytes { raw in read(output, raw.baseAddress!, raw.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count <= 0 { reachedEnd = true; break }
            var complete: [Answer] = []
            var start = 0
            while start < count {
                let newline = Self.newline(in: buffer, from: start, to: count)
                let end = newline ?? count
                if !skipping {
                    if partial.count + (end - start) > maxAnswerBytes {
                        // Over the limit: say so at once and skip the rest of this line.
                        skipping = true
                        partial = []
                        complete.append(.tooLong)
                    } else {
                        partial.append(contentsOf: buffer[start..<end])
                        peak = max(peak, partial.count)
                    }
                }
                if let newline {
                    if !skipping { complete.append(.line(partial)) }
                    partial = []
                    skipping = false
                    start = newline + 1
                } else {
                    start = count
                }
            }
            condition.lock()
            peakBuffered = peak
            if !complete.isEmpty {
                answers.append(contentsOf: complete)
                condition.broadcast()
            }
            condition.unlock()
        }
        close(output)
        condition.lock()
        if reachedEnd, !partial.isEmpty, !skipping { answers.append(.line(partial)) }
        peakBuffered = peak
        outputEnded = true
        condition.broadcast()
        condition.unlock()
    }

    private func readErrors() {
        var buffer = [UInt8](repeating: 0, count: 1 << 14)
        while waitReadable(errors) {
            let count = buffer.withUnsafeMutableBytes { raw in read(errors, raw.baseAddress!, raw.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count <= 0 { break }
            // Passed through as it comes, so the user sees the program's messages where they did before.
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { raw in Foundation.write(2, raw.baseAddress! + offset, count - offset) }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
            condition.lock()
            var start = 0
            while start < count {
                let newline = Self.newline(in: buffer, from: start, to: count)
                let end = newline ?? count
                let room = Self.stderrLineBytes - stderrPartial.count
                if room > 0 { stderrPartial.append(contentsOf: buffer[start..<min(end, start + room)]) }
                if let newline {
                    stderrTail.append(stderrPartial)
                    if stderrTail.count > Self.stderrLines { stderrTail.removeFirst() }
                    stderrPartial = []
                    start = newline + 1
                } else {
                    start = count
                }
            }
            condition.unlock()
        }
        close(errors)
        condition.lock()
        errorsEnded = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A failure to start or talk to the program, in words for the stage's error.
struct ExecFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
