import CopydeskCore
import CopydeskTesting
import Exec
import Testing

/// The exec stage against small standard programs (cat, sed, awk, sh) standing in for third-party stages.
@Suite("exec stage")
struct ExecStageTests {
    func documents(_ count: Int = 6) -> [Document] {
        (0..<count).map { i in
            var document = makeDocument("d\(i)", text: i == 2 ? "Walker: please DROP this one." : "Walker: text number \(i), \"quoted\".", title: "title \(i)")
            document.html = "<p>raw \(i)</p>"
            document.entities = [Entity(type: "PERSON", name: "Jackie Walker", mentions: [Mention(text: "Walker", start: 0, end: 6)])]
            return document
        }
    }

    func run(_ command: [String], timeout: Double = 20, window: Int = 256, count: Int = 6) throws(CopydeskError) -> (output: [Document], report: RunReport) {
        try runInMemory(
            [.corpus(ExecStage(command: command, timeout: timeout, window: window))], descriptors: [ExecStage.descriptor],
            documents: documents(count))
    }

    func failure(_ command: [String], timeout: Double = 20, count: Int = 6) -> String? {
        do {
            _ = try run(command, timeout: timeout, count: count)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("a program that echoes its input gives the documents back unchanged, in order; the raw HTML is kept")
    func roundTrip() throws {
        let (output, report) = try run(["cat"])
        #expect(output == documents())
        #expect(report.balanced)
    }

    @Test("answers change documents; {\"drop\": reason} removes one with that reason")
    func changeAndDrop() throws {
        let (output, report) = try run(["sed", "-u", "-e", #"s/^.*DROP.*$/{"drop":"asked to"}/"#, "-e", #"s/"title":"title /"title":"Title /"#])
        #expect(output.map(\.id) == ["d0", "d1", "d3", "d4", "d5"])
        #expect(output.allSatisfy { $0.title?.hasPrefix("Title ") == true })
        #expect(output[0].html == "<p>raw 0</p>")
        #expect(report.dropped == 1 && report.balanced)
    }

    @Test("a program that reads everything before answering works within the window, and many documents flow through a small one")
    func buffering() throws {
        let (output, _) = try run(["awk", "{ line[NR] = $0 } END { for (i = 1; i <= NR; i++) print line[i] }"], count: 50)
        #expect(output.map(\.id) == (0..<50).map { "d\($0)" })
        let (streamed, _) = try run(["cat"], window: 2, count: 300)
        #expect(streamed.count == 300)
    }

    @Test("a program that exits early is an error naming the first unanswered document")
    func exitsEarly() {
        let message = failure(["head", "-n", "2"])
        #expect(message?.contains("exec 'head -n 2'") == true)
        #expect(message?.contains("document 'd2'") == true)
        #expect(message?.contains("exited with status 0") == true || message?.contains("closed its output") == true)
    }

    @Test("garbage, a wrong id or extra lines are errors naming the document")
    func garbage() {
        #expect(failure(["sed", "-u", "s/.*/hello/"])?.contains("not JSON") == true)
        #expect(failure(["sed", "-u", "s/.*/hello/"])?.contains("document 'd0'") == true)
        #expect(failure(["sed", "-u", #"s/"id":"[^"]*"/"id":"other"/"#])?.contains("answered for id 'other'") == true)
        #expect(failure(["sed", "-u", "p"])?.contains("more lines than") == true || failure(["sed", "-u", "p"])?.contains("answered") == true)
        #expect(failure(["sed", "-u", #"s/.*/{"drop": 3}/"#])?.contains("not a reason") == true)
    }

    @Test("a program that never answers is killed after the timeout and the run fails naming the document")
    func timeout() {
        let clock = ContinuousClock()
        let started = clock.now
        let message = failure(["sleep", "30"], timeout: 0.5)
        #expect(message?.contains("no answer for 0.5 s") == true || message?.contains("stopped reading") == true)
        #expect(message?.contains("document 'd0'") == true)
        #expect(clock.now - started < .seconds(10))
    }

    @Test("a failing exit status after all answers, and a program that cannot start, are errors")
    func exitStatusAndMissingProgram() {
        #expect(failure(["sh", "-c", "cat; exit 3"])?.contains("exited with status 3") == true)
        #expect(failure(["no-such-program-for-copydesk"])?.contains("cannot start 'no-such-program-for-copydesk'") == true)
    }

    @Test("the descriptor requires a command")
    func descriptor() throws {
        #expect(throws: ConfigError.self) { try ExecStage.descriptor.defaultOptions() }
        let options = try ExecOptions.schema.decode(ExecStage.descriptor.defaultOptions(overriding: ["command": .list([.string("cat")])]))
        #expect(options.timeoutSeconds == 60)
        #expect(options.window == 256)
        #expect(options.command == ["cat"])
    }
}

@Suite("exec stage and entity offsets")
struct ExecEntityTests {
    @Test("a program that edits the text but returns the old entities has them removed; the source stays the run's")
    func staleEntities() throws {
        var document = makeDocument("a", text: "Walker spoke in Showers.", path: "in/a.txt")
        document.entities = [Entity(type: "PERSON", name: "Walker", mentions: [Mention(text: "Walker", start: 0, end: 6)])]
        var kept = makeDocument("b", text: "Walker again.", path: "in/b.txt")
        kept.entities = document.entities
        let stage = ExecStage(command: ["sed", "-u", "-e", "s/Walker spoke/He spoke/", "-e", #"s/"path":"in\/a.txt"/"path":"evil"/"#])
        let (output, _) = try runInMemory([.corpus(stage)], descriptors: [ExecStage.descriptor], documents: [document, kept])
        #expect(output[0].text == "He spoke in Showers.")
        #expect(output[0].entities == nil)
        #expect(output[0].source.path == "in/a.txt")
        #expect(output[1].entities == kept.entities)
        #expect(stage.counters["entities_cleared_after_text_change"] == 1)
    }
}
