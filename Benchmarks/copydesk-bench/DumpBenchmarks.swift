import ArgumentParser
import CopydeskCore
import Foundation

/// `copydesk-bench build-warc`: a CC-NEWS-like WARC (one gzip member per record) of real pages, replicated
/// with variation, for the end-to-end and memory benchmarks in Benchmarks/dumps.sh.
struct BuildWARC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-warc",
        abstract: "Write a gzip'd WARC of N response records made from the article-extraction benchmark pages (varied copies).")

    @Option(help: "Folder of .html or .html.gz pages.") var pages = "../shared/data/article-extraction-benchmark/html"
    @Option(help: "Response records to write.") var records = 20_000
    @Option(help: "Output path (.warc.gz).") var output: String

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: pages).filter { $0.hasSuffix(".html") || $0.hasSuffix(".html.gz") }.sorted()
        guard !names.isEmpty else { throw ValidationError("no pages in \(pages)") }
        var bodies: [[UInt8]] = []
        for name in names {
            var bytes = [UInt8](FileManager.default.contents(atPath: pages + "/" + name) ?? Data())
            if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, limit: 64 << 20) }
            bodies.append(bytes)
        }
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: output) else { throw ValidationError("cannot write \(output)") }
        defer { try? handle.close() }
        var written = 0
        var uncompressed = 0
        let info = Array("WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nContent-Length: 19\r\n\r\nsoftware: copydesk\n\r\n\r\n".utf8)
        handle.write(Data(Gzip.compress(info)))
        for index in 0..<records {
            // Variation: a per-copy marker in the body so copies are not byte-identical.
            var html = bodies[index % bodies.count]
            html.append(contentsOf: Array("\n<!-- copy \(index) -->\n".utf8))
            let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(html.count)\r\n\r\n".utf8) + html
            let id = String(format: "urn:uuid:%08x-0000-4000-8000-%012x", index, index)
            let header = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <\(id)>\r\nWARC-Target-URI: https://example.com/\(index)\r\n"
                + "WARC-Date: 2019-11-18T09:30:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n"
            let record = Array(header.utf8) + http + Array("\r\n\r\n".utf8)
            uncompressed += record.count
            let compressed = Gzip.compress(record, level: 1)
            written += compressed.count
            handle.write(Data(compressed))
        }
        print("wrote \(output): \(records) response records, \(format(Double(written) / 1e6)) MB gzip'd, \(format(Double(uncompressed) / 1e6)) MB uncompressed")
    }
}

/// `copydesk-bench read-warc`: the WARC reader alone (decompress, parse records and HTTP, decode HTML).
struct ReadWARC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-warc",
        abstract: "WARC reader throughput on one thread: MB/s of gzip'd input and of WARC bytes, records/s.")

    @Argument(help: "A .warc or .warc.gz file.") var path: String

    func run() throws {
        let compressedSize = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
        let start = StageClock.threadCPU()
        var reader = InputReader(plan: try InputPlan.expand([path], format: .warc), options: InputOptions(format: .warc))
        var documents = 0, rejected = 0
        while let item = try reader.next() {
            if case .document = item { documents += 1 } else { rejected += 1 }
        }
        let seconds = StageClock.threadCPU() - start
        print("read-warc \(path): \(documents) documents, \(rejected) rejected, \(format(seconds, 2)) s CPU on one thread")
        print("\(format(compressedSize / 1e6 / seconds)) MB/s of gzip'd input, \(format(Double(reader.stats.bytes) / 1e6 / seconds)) MB/s of WARC, \(format(Double(documents) / seconds, 0)) records/s")
    }
}
