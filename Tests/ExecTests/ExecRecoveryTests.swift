import CopydeskCore
import CopydeskTesting
import Foundation
import Testing

@testable import Exec

/// What a stage passed on, recorded by a hand-driven run (so rejection reasons can be read).
struct Recorded: CorpusOutput {
    var emitted: [Document] = []
    var dropped: [(id: String, reason: String)] = []
    var rejected: [(id: String, reason: String)] = []

    mutating func emit(_ document: Document) { emitted.append(document) }
    mutating func drop(_ document: Document, reason: String) { dropped.append((document.id, reason)) }
    mutating func reject(_ document: Document, reason: String) { rejected.append((document.id, reason)) }
}

/// A run of one exec stage driven by hand: what it passed on, the documents it was given before it
/// stopped, and the error that stopped it.
struct DrivenRun {
    var output = Recorded()
    var fed: [String] = []
    var error: StageError?
}

func drive(_ stage: ExecStage, _ documents: [Document]) -> DrivenRun {
    var run = DrivenRun()
    do {
        try stage.start()
        for document in documents {
            run.fed.append(document.id)
            try stage.consume(document, prepared: nil, into: &run.output)
        }
        try stage.finish(into: &run.output)
    } catch {
        run.error = error
        stage.abort()
    }
    return run
}

func execDocuments(_ count: Int) -> [Document] {
    (0..<count).map { makeDocument("d\($0)", text: "Text of document \($0).", title: "title \($0)") }
}

/// A line-by-line echo in sh that misbehaves on the document whose id is `id`.
func echoScript(misbehavingOn id: String, with action: String) -> [String] {
    ["sh", "-c", """
        while IFS= read -r line; do
          case "$line" in *'"id":"\(id)"'*) \(action);; esac
          printf '%s\\n' "$line"
        done
        """]
}


@Suite("exec stage: crashes, timeouts and long answers")
struct ExecRecoveryTests {
    @Test("on_error: reject — a crash on one document rejects it with the reason and the program's last stderr lines, restarts the program and goes on")
    func crashOnOneDocument() throws {
        let stage = ExecStage(
            command: echoScript(misbehavingOn: "d2", with: "echo 'cannot parse d2: bad token' >&2; kill -SEGV $$"), timeout: 20,
            onError: .reject, maxRestarts: 3)
        let run = drive(stage, execDocuments(6))
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        #expect(run.output.emitted.map(\.id) == ["d0", "d1", "d3", "d4", "d5"])
        try #require(run.output.rejected.count == 1)
        #expect(run.output.rejected[0].id == "d2")
        #expect(run.output.rejected[0].reason.contains("was killed by signal 11"))
        #expect(run.output.rejected[0].reason.contains("cannot parse d2: bad token"))
        #expect(stage.counters["restarts"] == 1)
        #expect(stage.counters["rejected_crashed"] == 1)
        #expect(stage.counters["answered"] == 5)
    }

    @Test("with a window of several documents in flight, the first unanswered one is blamed and the rest are sent again")
    func blameInWindow() {
        // Reads three lines before answering any, and crashes when d4 is among them.
        let program = ["sh", "-c", """
            while IFS= read -r a && IFS= read -r b && IFS= read -r c; do
              case "$a$b$c" in *'"id":"d4"'*) kill -KILL $$;; esac
              printf '%s\\n%s\\n%s\\n' "$a" "$b" "$c"
            done
            """]
        let run = drive(ExecStage(command: program, timeout: 20, window: 8, onError: .reject, maxRestarts: 5), execDocuments(9))
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        // d3, d4, d5 were read together; d3 is the first not answered. After the restart the batches
        // are d4 d5 d6 (crash again: d4 blamed) and then d5 d6 d7.
        // d8, alone at the end, is never answered (the program exits at the end of its input): blamed too.
        #expect(run.output.rejected.map(\.id) == ["d3", "d4", "d8"])
        #expect(run.output.emitted.map(\.id) == ["d0", "d1", "d2", "d5", "d6", "d7"])
    }

    @Test("a program that crashes on every document stops at max_restarts: each document given is rejected or named in the error")
    func crashOnEveryDocument() throws {
        let program = ["sh", "-c", #"IFS= read -r line; echo "dying on ${line%%,*}" >&2; kill -KILL $$"#]
        let run = drive(ExecStage(command: program, timeout: 20, onError: .reject, maxRestarts: 3), execDocuments(8))
        let error = try #require(run.error)
        #expect(error.kind == .io)
        #expect(error.message.contains("max_restarts: 3"))
        #expect(run.output.rejected.map(\.id) == ["d0", "d1", "d2"])
        #expect(run.output.rejected.allSatisfy { $0.reason.contains("was killed by signal 9") && $0.reason.contains("dying on") })
        #expect(error.message.contains("document 'd3'"))
        #expect(run.output.emitted.isEmpty)
        for id in run.fed where !run.output.rejected.contains(where: { $0.id == id }) {
            #expect(error.message.contains("'\(id)'"), "document \(id) is neither rejected nor named in: \(error.message)")
        }
    }

    @Test("on_error: fail (the default) ends the run at the first crash, naming the document and the stderr lines")
    func crashFails() throws {
        let run = drive(ExecStage(command: echoScript(misbehavingOn: "d1", with: "echo 'oops on d1' >&2; exit 3"), timeout: 20), execDocuments(4))
        let error = try #require(run.error)
        #expect(error.message.contains("exited with status 3"))
        #expect(error.message.contains("document 'd1'"))
        #expect(error.message.contains("oops on d1"))
        #expect(run.output.rejected.isEmpty)
    }

    @Test("a document the program hangs on is rejected after timeout_seconds, the program is restarted and the run goes on")
    func timeoutRejects() {
        let clock = ContinuousClock()
        let started = clock.now
        let stage = ExecStage(command: echoScript(misbehavingOn: "d1", with: "sleep 60"), timeout: 0.5, onError: .reject)
        let run = drive(stage, execDocuments(4))
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        #expect(run.output.emitted.map(\.id) == ["d0", "d2", "d3"])
        #expect(run.output.rejected.map(\.id) == ["d1"])
        #expect(run.output.rejected.first?.reason.contains("gave no answer for 0.5 s") == true)
        #expect(stage.counters["rejected_timed_out"] == 1)
        #expect(clock.now - started < .seconds(10))
    }

    @Test("an answer over max_answer_bytes is never held whole: its document is rejected (on_error: reject), the others are answered")
    func longAnswerRejected() {
        let limit = 1 << 16
        let huge = "head -c 8000000 /dev/zero | tr '\\0' x; echo; continue"
        let stage = ExecStage(command: echoScript(misbehavingOn: "d1", with: huge), timeout: 20, onError: .reject, maxAnswerBytes: limit)
        let run = drive(stage, execDocuments(4))
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        #expect(run.output.emitted.map(\.id) == ["d0", "d2", "d3"])
        #expect(run.output.rejected.map(\.id) == ["d1"])
        #expect(run.output.rejected.first?.reason.contains("longer than max_answer_bytes (65536 bytes)") == true)
        #expect(stage.counters["rejected_answer_too_long"] == 1)
        #expect(stage.counters["restarts"] == 0)
        #expect(stage.peakBufferedAnswerBytes > 0)
        #expect(stage.peakBufferedAnswerBytes <= limit)
    }

    @Test("with on_error: fail an answer over max_answer_bytes ends the run, saying which limit")
    func longAnswerFails() throws {
        let huge = "head -c 300000 /dev/zero | tr '\\0' x; echo; continue"
        let run = drive(ExecStage(command: echoScript(misbehavingOn: "d0", with: huge), timeout: 20, maxAnswerBytes: 1000), execDocuments(2))
        let error = try #require(run.error)
        #expect(error.message.contains("max_answer_bytes (1000 bytes)"))
        #expect(error.message.contains("document 'd0'"))
    }

    @Test("a program that leaves a child holding its output is done once every document is answered: the run succeeds and the child is ended")
    func forkedChildKeepsOutput() throws {
        let pidFile = NSTemporaryDirectory() + "copydesk-exec-child-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let program = ["sh", "-c", #"sleep 300 & echo $! > "$0"; exec cat"#, pidFile]
        let clock = ContinuousClock()
        let started = clock.now
        let run = drive(ExecStage(command: program, timeout: 3), execDocuments(3))
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        #expect(run.output.emitted.map(\.id) == ["d0", "d1", "d2"])
        #expect(clock.now - started < .seconds(3))
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(processIsGone(pid), "the forked child \(pid) outlived the stage")
    }

    @Test("the program starts with every signal at its default and none blocked, whatever copydesk ignores or blocks")
    func defaultSignals() throws {
        // Reads its own SigIgn and SigBlk masks and writes them into each title.
        let program = ["awk", """
            BEGIN { while ((getline l < "/proc/self/status") > 0) { split(l, f, /[ \\t]+/); if (f[1] == "SigIgn:") ign = f[2]; if (f[1] == "SigBlk:") blk = f[2] } }
            { sub(/"title":"[^"]*"/, "\\"title\\":\\"" ign "/" blk "\\""); print; fflush() }
            """]
        // This thread (which starts the program) blocks SIGUSR2 meanwhile; the stage itself ignores SIGPIPE.
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGUSR2)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let run = drive(ExecStage(command: program, timeout: 20), execDocuments(2))
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        try #require(run.output.emitted.count == 2)
        for document in run.output.emitted { #expect(document.title == "0000000000000000/0000000000000000") }
    }

    @Test("an interruption ends a hung program at once: answers given are kept, documents owed are rejected as interrupted")
    func interruption() {
        let flag = CancellationFlag()
        let stage = ExecStage(command: echoScript(misbehavingOn: "d2", with: "sleep 60"), timeout: 60, cancellation: flag)
        let clock = ContinuousClock()
        let started = clock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { flag.cancel() }
        let run = drive(stage, execDocuments(4))
        #expect(run.error == nil, "\(run.error?.message ?? "")")
        #expect(run.output.emitted.map(\.id) == ["d0", "d1"])
        #expect(run.output.rejected.map(\.id) == ["d2", "d3"])
        #expect(run.output.rejected.allSatisfy { $0.reason.contains("interrupted") })
        #expect(clock.now - started < .seconds(5))
    }

    @Test("an interruption gives a healthy program its grace: the documents in flight are answered, none is rejected")
    func interruptionWithHealthyProgram() throws {
        let flag = CancellationFlag()
        let stage = ExecStage(command: ["cat"], timeout: 20, cancellation: flag)
        var output = Recorded()
        try stage.start()
        let documents = execDocuments(5)
        for document in documents.prefix(3) { try stage.consume(document, prepared: nil, into: &output) }
        flag.cancel()
        for document in documents.suffix(2) { try stage.consume(document, prepared: nil, into: &output) }
        try stage.finish(into: &output)
        #expect(output.emitted == documents)
        #expect(output.rejected.isEmpty)
    }
}
