import CSQLite
public import CopydeskCore
import Export
import Foundation

/// Reads the documents of an output back for `copydesk clusters`: a JSONL export (plain, `.gz` or
/// `.zst`) or an SQLite export, told apart by the file's first bytes. A file that is missing, is not
/// a copydesk output, or is an SQLite export of another schema version is refused with a message
/// naming it and what to do.
public enum OutputMembers {
    /// Every document of the output at `path` that carries a `duplicate` object, in output order, and
    /// how many documents the output holds.
    public static func read(_ path: String) throws(CopydeskError) -> (members: [ClusterMember], documents: Int) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CopydeskError(
                exitCode: CopydeskError.noInput,
                message: "\(path) not found: was it moved or deleted since the run? Give the path of a JSONL or SQLite export "
                    + "(the run report lists it under outputs.records)")
        }
        guard !isDirectory.boolValue else {
            throw CopydeskError(exitCode: CopydeskError.usage, message: "\(path) is a directory; give a JSONL or SQLite file an export wrote")
        }
        if isSQLite(path) { return try SQLiteMembers.read(path) }
        return try readJSONL(path)
    }

    /// Whether the file starts with SQLite's header.
    static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\u{0}".utf8)
    }

    static let fields = TopLevelFields(["id", "title", "published", "site", "url", "duplicate", "text", "documents", "stages"])

    static func readJSONL(_ path: String) throws(CopydeskError) -> (members: [ClusterMember], documents: Int) {
        var members: [ClusterMember] = []
        var documents = 0
        func notAnOutput(_ line: Int, _ why: String) -> CopydeskError {
            CopydeskError(
                exitCode: CopydeskError.badData,
                message: "\(path) is not a copydesk output (line \(line): \(why)); give a JSONL or SQLite file an export wrote")
        }
        func unreadable(_ error: InputError) -> CopydeskError {
            CopydeskError(exitCode: CopydeskError.noInput, message: "cannot read \(path): \(error)")
        }
        var lines: LineReader<AnyByteStream>
        do { lines = LineReader(stream: try AnyByteStream.open(path), maxLineBytes: 1 << 28) } catch { throw unreadable(error) }
        defer { lines.close() }
        while true {
            let next: LineReader<AnyByteStream>.Line?
            do { next = try lines.next() } catch { throw unreadable(error) }
            guard let line = next else { break }
            switch line {
            case .tooLong(let number, _):
                throw notAnOutput(number, "a line longer than 256 MB")
            case .line(let number, let bytes, _):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                let member: ClusterMember?? = try bytes.withUnsafeBufferPointer { (buffer) throws(CopydeskError) -> ClusterMember?? in
                    guard let spans = fields.spans(buffer) else { return nil }
                    func value(_ k: Int) -> JSONValue? {
                        guard let span = spans[k] else { return nil }
                        return try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[span]))
                    }
                    if spans[7] != nil, spans[8] != nil {
                        throw notAnOutput(number, "this is a run report; give the export it names under outputs.records")
                    }
                    guard case .string(let id)? = value(0), spans[6] != nil else {
                        return nil
                    }
                    guard let duplicate = value(5), case .object = duplicate else { return .some(nil) }
                    guard let cluster = duplicate["cluster"]?.stringValue, let canonical = duplicate["canonical"]?.stringValue else {
                        throw notAnOutput(number, "its duplicate object has no cluster and canonical")
                    }
                    let site = value(3)?.stringValue ?? ClusterMember.host(value(4)?.stringValue)
                    return .some(ClusterMember(
                        id: id, title: value(1)?.stringValue, published: value(2)?.stringValue, site: site, cluster: cluster,
                        canonical: canonical, relation: duplicate["relation"]?.stringValue, similarity: duplicate["similarity"]?.doubleValue))
                }
                guard let member else { throw notAnOutput(number, "not a record with an id and a text") }
                documents += 1
                if let member { members.append(member) }
            }
        }
        return (members, documents)
    }
}
