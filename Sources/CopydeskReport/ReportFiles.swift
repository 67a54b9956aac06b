import CopydeskCore
import Foundation

/// The run report read back, and the files it names: reading JSON and JSONL, finding relative paths
/// from the directory the run started in, and keeping the list of named files that are gone.
struct ReportFiles {
    let reportPath: String
    let report: JSONValue
    private let directory: String?
    /// Files the report names that are not there any more (moved or deleted since the run).
    private(set) var missing: [String] = []

    /// Reads and checks the run report; a file that is not one is refused saying what to give.
    init(reportPath: String) throws(StageError) {
        guard let data = FileManager.default.contents(atPath: reportPath) else {
            throw StageError(.io, "cannot read the run report \(reportPath): give the path of a NAME.report.json written by 'copydesk run'")
        }
        let report: JSONValue
        do {
            report = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw StageError(.badData, "\(reportPath) is not a run report (\(error)); give the NAME.report.json written by 'copydesk run'")
        }
        guard case .object? = report["documents"], case .array? = report["stages"] else {
            throw StageError(.badData, "\(reportPath) is not a run report (no 'documents' and 'stages'); give the NAME.report.json written by 'copydesk run'")
        }
        self.reportPath = reportPath
        self.report = report
        self.directory = report["directory"]?.stringValue
    }

    /// The path of output `key` (records, drops, rejects) resolved against the run's directory.
    func output(_ key: String) -> String? {
        report["outputs"]?[key]?.stringValue.map(resolve)
    }

    /// Relative paths of the report are relative to the directory the run started in.
    func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), path != "-", let directory else { return path }
        return (directory as NSString).appendingPathComponent(path)
    }

    /// Whether `path` is there; if not, it is remembered as missing.
    mutating func check(_ path: String) -> Bool {
        if FileManager.default.fileExists(atPath: path) { return true }
        if !missing.contains(path) { missing.append(path) }
        return false
    }

    /// Calls `body` with every line of a JSONL file that parses; other lines are skipped.
    static func eachLine(_ path: String, _ body: (JSONValue) -> Void) throws(StageError) {
        do {
            var lines = LineReader(stream: try AnyByteStream.open(path), maxLineBytes: 1 << 26)
            defer { lines.close() }
            while let line = try lines.next() {
                guard case .line(_, let bytes, _) = line else { continue }
                let value = bytes.withUnsafeBufferPointer { try? JSONParser.parse($0) }
                if let value { body(value) }
            }
        } catch {
            throw StageError(.io, "cannot read \(path): \(error)")
        }
    }
}

/// How numbers from the report are written on the page.
enum Figures {
    static func count(_ value: JSONValue?) -> String {
        guard let number = value?.doubleValue else { return "" }
        return String(Int(number))
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }

    /// Documents per second, or empty when the time is too short to say.
    static func rate(_ documents: Double, _ seconds: Double) -> String {
        seconds > 0.0005 ? String(Int((documents / seconds).rounded())) : ""
    }
}
