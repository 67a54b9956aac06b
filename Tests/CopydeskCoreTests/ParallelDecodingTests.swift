import CopydeskCore
import Foundation
import Testing

/// The runner decodes JSONL lines on its worker threads; these tests pin that it comes to exactly what
/// decoding on the reading thread gives: the same documents in the same order, the same rejections with
/// the same line numbers and reasons, the same input stats, for any number of workers.
@Suite("JSONL decoded on the workers")
struct ParallelDecodingTests {
    /// 600 lines: good records, and among them every kind of bad line the reader knows.
    static let input: [UInt8] = {
        var bytes: [UInt8] = []
        func line(_ text: String) { bytes += Array(text.utf8) + [0x0A] }
        for n in 0..<600 {
            switch n % 50 {
            case 3: line("not json \(n)")
            case 7: line("[\(n)]")
            case 11: line("")
            case 13: bytes += Array(#"{"id":"r\#(n)","text":"bad "#.utf8) + [0xFF] + Array(#" byte"}"#.utf8) + [0x0A]
            case 17: line(#"{"id":"k\#(n)","text":"twice","k":1,"k":2}"#)
            case 19: line(#"{"id":"t\#(n)","text":5}"#)
            case 23: line(#"{"id":"n\#(n)","title":"no text"}"#)
            case 29: line(#"{"id":"long\#(n)","text":"\#(String(repeating: "x", count: 400))"}"#)
            case 31: line(#"{"id":"u\#(n)","text":"linked","u":{"link":"https://example.com/\#(n)"}}"#)
            default: line(#"{"id":"d\#(n)","text":"text \#(n)","u":"not an object"}"#)
            }
        }
        return bytes
    }()

    static let inputSection = """
        input:
          paths: [IN]
          format: jsonl
          invalid_utf8: repair
          max_document_bytes: 300
          fields:
            url: u.link
        """

    /// What reading on one thread with ``InputReader/next()`` gives: each item's description, and the stats.
    func readSequentially(_ path: String) throws -> (items: [String], stats: InputStats) {
        let pipeline = try Pipeline.parse(
            yaml: Self.inputSection.replacingOccurrences(of: "IN", with: path) + "\nstages:\n  - use: uppercase\n", file: "p.yaml",
            registry: testRegistry)
        var reader = InputReader(plan: try InputPlan.expand([path], format: .jsonl), options: pipeline.input)
        var items: [String] = []
        while let item = try reader.next() {
            switch item {
            case .document(let document): items.append("\(document.id) \(document.source) \(document.url ?? "-")")
            case .rejected(let rejection): items.append("rejected \(rejection.source): \(rejection.reason)")
            }
        }
        return (items, reader.stats)
    }

    @Test("documents, rejections (line numbers and reasons) and input stats are those of decoding on the reading thread, for 1, 2 and 4 workers")
    func sameAsSequential() throws {
        let dir = temporaryDirectory()
        write(bytes: Self.input, to: dir + "/in.jsonl")
        let sequential = try readSequentially(dir + "/in.jsonl")
        let rejectedLines = sequential.items.filter { $0.hasPrefix("rejected") }
        #expect(rejectedLines.count == 12 * 5, "\(rejectedLines.prefix(8))")
        #expect(sequential.stats.repairedDocuments == 12 && sequential.stats.duplicateKeys == 12)
        #expect(sequential.stats.fieldMisses["url"] == sequential.stats.documents - 12)
        #expect(sequential.stats.warnings.count == 1)
        var rejectFiles: [String] = []
        for workers in [1, 2, 4] {
            let yaml = Self.inputSection.replacingOccurrences(of: "IN", with: dir + "/in.jsonl") + """

                run:
                  workers: \(workers)
                  batch_size: 7
                stages:
                  - use: uppercase
                  - use: holding
                    path: \(dir)/out-\(workers).jsonl

                """
            let pipeline = try Pipeline.parse(yaml: yaml, file: "p.yaml", registry: testRegistry)
            let report = try PipelineRunner(pipeline: pipeline, context: StageContext()).run()
            #expect(report.balanced)
            #expect(report.input.documents == sequential.stats.documents && report.input.rejected == sequential.stats.rejected)
            #expect(report.input.repairedDocuments == sequential.stats.repairedDocuments)
            #expect(report.input.repairedSequences == sequential.stats.repairedSequences)
            #expect(report.input.duplicateKeys == sequential.stats.duplicateKeys)
            #expect(report.input.fieldMisses == sequential.stats.fieldMisses)
            #expect(report.input.warnings == sequential.stats.warnings)
            let rejects = try String(contentsOfFile: "\(dir)/out-\(workers).rejects.jsonl", encoding: .utf8)
            let lines = rejects.split(separator: "\n").map { try? JSONParser.parse(String($0)) }
            #expect(lines.count == rejectedLines.count)
            // Each rejection names the same line and reason as on the reading thread, in input order.
            let described = lines.map { value -> String in
                let source = value?["source"]
                return "rejected \(source?["path"]?.stringValue ?? "?"):\(source?["line"]?.intValue ?? -1): \(value?["rejected"]?["reason"]?.stringValue ?? "?")"
            }
            #expect(described == rejectedLines)
            rejectFiles.append(rejects.replacingOccurrences(of: "out-\(workers)", with: "out"))
        }
        #expect(rejectFiles[1] == rejectFiles[0] && rejectFiles[2] == rejectFiles[0])
    }
}
