import CProcess
import Foundation

/// A program run with pipes on its standard input and output (its standard error is the run's own).
/// Lines it writes are collected by a reader thread as they come, so the program never blocks on a full
/// output pipe while copydesk is still writing to it; writes to it are non-blocking with a timeout.
final class ChildProcess: @unchecked Sendable {
    /// What waiting for the program's next line gave.
    enum Next {
        case line([UInt8])
        case endOfOutput
        case timedOut
    }

    /// Why a write to the program failed.
    enum WriteFailure: Error {
        /// The program closed its input or exited.
        case closed
        /// The program did not read for the whole timeout.
        case timedOut
        case failed(String)
    }

    let pid: pid_t
    private var input: Int32
    private let output: Int32
    // Guarded by `condition`: lines read and not yet taken, and whether the output has ended.
    private let condition = NSCondition()
    private var lines: [[UInt8]] = []
    private var head = 0
    private var ended = false
    private var reader: Thread?
    private var exitStatus: Int32?

    /// Starts `arguments[0]` (looked up on PATH) with the rest as its arguments.
    init(arguments: [String]) throws(ExecFailure) {
        guard let program = arguments.first, !program.isEmpty else { throw ExecFailure("the command is empty") }
        // Close-on-exec from the start (pipe2, through CProcess), so a program started at the same moment by another thread
        // cannot inherit these ends and keep this program's input open after copydesk closes it.
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard copydesk_pipe_cloexec(&toChild) == 0 else { throw ExecFailure("cannot create a pipe: \(String(cString: strerror(errno)))") }
        guard copydesk_pipe_cloexec(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw ExecFailure("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        // Nothing else of this process reaches the program: every descriptor from 3 up is closed in it
        // (where the C library cannot, the pipes' own ends are closed and close-on-exec does the rest).
        if copydesk_spawn_closefrom(&actions, 3) != 0 {
            for fd in [toChild[0], toChild[1], fromChild[0], fromChild[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        // Its own process group: Ctrl-C at the terminal reaches copydesk alone, which then closes the
        // program's input and takes its last answers, instead of the program dying mid-run.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawnp(&child, program, &actions, &attributes, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw ExecFailure("cannot start '\(program)': \(String(cString: strerror(status))); check the command and PATH")
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "copydesk-exec-reader"
        reader = thread
        thread.start()
    }

    deinit {
        if input >= 0 { close(input) }
        if exitStatus == nil { kill(pid, SIGKILL); _ = waitForExit(timeout: 5) }
    }

    /// Writes all of `bytes`, waiting at most `timeout` seconds for the program to make room.
    func write(_ bytes: [UInt8], timeout: Double) throws(WriteFailure) {
        guard input >= 0 else { throw .closed }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw in Foundation.write(input, raw.baseAddress! + offset, raw.count - offset) }
            if count >= 0 { offset += count; continue }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                var descriptor = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&descriptor, 1, Int32(max(1, timeout * 1000)))
                if ready == 0 { throw .timedOut }
                if descriptor.revents & Int16(POLLERR | POLLHUP) != 0 { throw .closed }
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
    func availableLine() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked()
    }

    /// Waits at most `timeout` seconds for the program's next line.
    func nextLine(timeout: Double) -> Next {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let line = takeLocked() { return .line(line) }
            if ended { return .endOfOutput }
            if !condition.wait(until: deadline) {
                if let line = takeLocked() { return .line(line) }
                return ended ? .endOfOutput : .timedOut
            }
        }
    }

    /// Waits at most `timeout` seconds for the program to exit: its exit status, `128 + signal` when a
    /// signal ended it, or `nil` when it is still running.
    func waitForExit(timeout: Double) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                return exitStatus
            }
            if result < 0 && errno != EINTR { exitStatus = -1; return exitStatus }
            if Date() >= deadline { return nil }
            usleep(2_000)
        }
    }

    /// Ends the program at once and reaps it.
    func terminate() {
        closeInput()
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = waitForExit(timeout: 5)
        }
        reader = nil
    }

    private func takeLocked() -> [UInt8]? {
        guard head < lines.count else { return nil }
        let line = lines[head]
        lines[head] = []
        head += 1
        if head > 256, head * 2 > lines.count {
            lines.removeFirst(head)
            head = 0
        }
        return line
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var partial: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in read(output, raw.baseAddress!, raw.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            var complete: [[UInt8]] = []
            var start = 0
            for index in 0..<count where buffer[index] == 0x0A {
                partial.append(contentsOf: buffer[start..<index])
                complete.append(partial)
                partial = []
                start = index + 1
            }
            partial.append(contentsOf: buffer[start..<count])
            if !complete.isEmpty {
                condition.lock()
                lines.append(contentsOf: complete)
                condition.broadcast()
                condition.unlock()
            }
        }
        close(output)
        condition.lock()
        if !partial.isEmpty { lines.append(partial) }
        ended = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A failure to start or talk to the program, in words for the stage's error.
struct ExecFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
