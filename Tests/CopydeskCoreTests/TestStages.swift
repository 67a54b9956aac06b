import CopydeskCore
import CopydeskTesting
import Foundation

/// A per-document stage for tests: upper-cases the text, drops documents whose text is "drop me",
/// rejects documents whose text is "reject me", and optionally sleeps to shuffle completion order.
struct UppercaseStage: DocumentStage {
    var jitter = false

    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        if document.text == "drop me" { return .drop(reason: "asked to be dropped") }
        if document.text == "reject me" { throw DocumentRejection("asked to be rejected") }
        if jitter { usleep(UInt32(document.id.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) % 997 })) }
        document.text = document.text.uppercased()
        return .keep
    }

    static let descriptor = StageDescriptor(
        id: "uppercase", summary: "Upper-cases text (test stage).",
        options: [
            OptionSpec("jitter", .bool, default: .bool(false), "Sleep a little per document."),
            OptionSpec("ratio", .double(min: 0, max: 1), default: .double(0.5), "A bounded number."),
            OptionSpec("label", .string, default: nil, "An optional string."),
            OptionSpec("mode", .choice(["fast", "slow"]), default: .string("fast"), "A choice."),
            OptionSpec("words", .list(.string), default: .list([]), "A list."),
        ],
        make: { options, _ throws(ConfigError) in UppercaseStage(jitter: options["jitter"] == .bool(true)) })
}

/// A corpus-wide stage for tests that holds every second document until `finish`, and drops ids starting with "x".
final class HoldingStage: CorpusStage {
    private var held: [Document] = []
    var started = false

    func start() throws(StageError) { started = true }

    func consume(_ document: Document, prepared: Void?, into output: inout some CorpusOutput) throws(StageError) {
        if document.id.hasPrefix("x") {
            output.drop(document, reason: "ids starting with x are dropped")
        } else if held.count % 2 == 0 {
            held.append(document)
        } else {
            output.emit(document)
            held.append(Document(id: "", source: document.source, text: ""))
        }
    }

    func finish(into output: inout some CorpusOutput) throws(StageError) {
        for document in held where !document.id.isEmpty { output.emit(document) }
    }

    static let descriptor = StageDescriptor(
        id: "holding", summary: "Holds documents (test stage).",
        options: [OptionSpec("path", .path, default: nil, required: true, "Output.", role: .outputPath)],
        make: { _, _ throws(ConfigError) in HoldingStage() })
}

let testRegistry = StageRegistry([UppercaseStage.descriptor, HoldingStage.descriptor])

/// A fresh temporary directory for one test.
func temporaryDirectory() -> String {
    TestDirectory.make("core")
}

func write(_ text: String, to path: String) {
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func write(bytes: [UInt8], to path: String) {
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// A shared record of the calls corpus stages received, in order.
final class CallLog {
    var events: [String] = []
}

/// A corpus-wide stage that holds every document until `finish`, logging each call, with counters.
final class LoggingStage: CorpusStage {
    let name: String
    let log: CallLog
    let holds: Bool
    private var held: [Document] = []

    init(_ name: String, log: CallLog, holds: Bool) {
        self.name = name
        self.log = log
        self.holds = holds
    }

    func consume(_ document: Document, prepared: Void?, into output: inout some CorpusOutput) throws(StageError) {
        log.events.append("\(name).consume \(document.id)")
        if holds { held.append(document) } else { output.emit(document) }
    }

    func finish(into output: inout some CorpusOutput) throws(StageError) {
        for document in held {
            log.events.append("\(name).emit \(document.id)")
            output.emit(document)
        }
        held = []
        log.events.append("\(name).finish")
    }

    func commit() throws(StageError) { log.events.append("\(name).commit") }
    func abort() { log.events.append("\(name).abort") }
    var counters: [String: Int] { ["seen": log.events.count { $0.hasPrefix("\(name).consume") }] }
}
