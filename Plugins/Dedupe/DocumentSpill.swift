import CopydeskCore
import Foundation

/// Holds the documents of the run until `finish` knows every cluster: in memory up to a byte budget,
/// then all of them in a temporary JSONL file (core's record writer and reader, HTML included), read
/// back in input order. Memory stays bounded for any input size.
final class DocumentSpill {
    private let budget: Int
    private let directory: String
    private var held: [Document] = []
    private var heldBytes = 0
    private var file: UnsafeMutablePointer<FILE>?
    private var path: String?
    private(set) var count = 0

    init(budget: Int, directory: String) {
        self.budget = budget
        self.directory = directory
    }

    deinit { discard() }

    /// Keeps `document` for later.
    func append(_ document: Document) throws(StageError) {
        count += 1
        if file == nil {
            held.append(document)
            heldBytes += DocumentSpill.estimatedBytes(document)
            if heldBytes <= budget { return }
            try openFile()
            for d in held { try write(d) }
            held = []
            return
        }
        try write(document)
    }

    /// Calls `body` with every document in the order they were appended, then discards them.
    func drain(_ body: (Document) throws(StageError) -> Void) throws(StageError) {
        defer { discard() }
        guard let file, let path else {
            let documents = held
            held = []
            for d in documents { try body(d) }
            return
        }
        guard fflush(file) == 0 else { throw StageError(.io, "cannot write the dedupe spill file \(path): \(String(cString: strerror(errno)))") }
        rewind(file)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        var number = 0
        while true {
            let length = getline(&line, &capacity, file)
            if length < 0 { break }
            number += 1
            guard let line else { break }
            let value: JSONValue
            do {
                value = try line.withMemoryRebound(to: UInt8.self, capacity: length) { bytes throws(JSONParseError) in
                    try JSONParser.parse(UnsafeBufferPointer(start: bytes, count: length))
                }
                let document = try DocumentRecord.read(value, source: SourceLocation(path: path, line: number))
                try body(document)
            } catch let error as StageError {
                throw error
            } catch {
                throw StageError(.io, "the dedupe spill file \(path) was damaged at line \(number) (\(error)); is the temporary directory full?")
            }
        }
        guard number == count else {
            throw StageError(.io, "the dedupe spill file \(path) holds \(number) of \(count) documents; is the temporary directory full?")
        }
    }

    /// Whether the documents went to the temporary file (the budget was exceeded).
    var isSpilled: Bool { file != nil }

    /// A fair estimate of the memory `document` holds: the value itself, every string's heap storage
    /// (text, HTML, metadata, links, entity names and mention texts) and every array's, with allocator
    /// overhead. Entities from the entities stage often outweigh the text, so they must count.
    static func estimatedBytes(_ document: Document) -> Int {
        var n = MemoryLayout<Document>.stride + heap(document.id) + heap(document.text) + heap(document.source.path)
        for s in [document.html, document.url, document.title, document.published, document.publishedSource,
                  document.crawled, document.author, document.site, document.language] {
            if let s { n += heap(s) }
        }
        if !document.links.isEmpty {
            n += arrayOverhead + document.links.count * MemoryLayout<String>.stride
            for link in document.links { n += heap(link) }
        }
        if let entities = document.entities, !entities.isEmpty {
            n += arrayOverhead + entities.count * MemoryLayout<Entity>.stride
            for e in entities {
                n += heap(e.type.rawValue) + heap(e.name)
                if !e.mentions.isEmpty {
                    n += arrayOverhead + e.mentions.count * MemoryLayout<Mention>.stride
                    for m in e.mentions { n += heap(m.text) }
                }
            }
        }
        if let duplicate = document.duplicate {
            n += heap(duplicate.cluster) + heap(duplicate.canonical)
            for p in duplicate.passages ?? [] { n += heap(p) + MemoryLayout<String>.stride }
        }
        return n
    }

    /// Heap header and allocator rounding of one array or string buffer.
    private static let arrayOverhead = 48

    /// The heap bytes of a string: none for small (inline) ones, else its UTF-8 plus overhead.
    @inline(__always)
    private static func heap(_ s: String) -> Int {
        let count = s.utf8.count
        return count <= 15 ? 0 : count + arrayOverhead
    }

    /// Removes the temporary file.
    func discard() {
        if let file { fclose(file) }
        file = nil
        if let path { unlink(path) }
        path = nil
        held = []
    }

    private func openFile() throws(StageError) {
        let template = (directory.hasSuffix("/") ? directory : directory + "/") + "copydesk-dedupe-XXXXXX"
        var name = Array(template.utf8CString)
        let fd = mkstemp(&name)
        guard fd >= 0 else {
            throw StageError(.io, "cannot create a dedupe spill file in \(directory): \(String(cString: strerror(errno))); set TMPDIR or 'spill_directory' to a writable directory")
        }
        let created = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard let handle = fdopen(fd, "w+") else {
            close(fd)
            unlink(created)
            throw StageError(.io, "cannot open the dedupe spill file \(created)")
        }
        path = created
        file = handle
    }

    private func write(_ document: Document) throws(StageError) {
        let line = DocumentRecord.line(document, includeHTML: true)
        let written = line.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == line.count else {
            throw StageError(.io, "cannot write the dedupe spill file \(path ?? directory): \(String(cString: strerror(errno))); free disk space or set 'spill_directory'")
        }
    }
}
