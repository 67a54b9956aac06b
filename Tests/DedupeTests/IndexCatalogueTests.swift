import CopydeskCore
import CopydeskTesting
@testable import Dedupe
import Foundation
import Testing

/// The index keeps each document's title (format version 3), so `copydesk clusters` can name the
/// canonical of an earlier run; an index of version 2 is still read, without titles.
@Suite("the index catalogue: ids, titles, sites, clusters and canonicals of earlier runs")
struct IndexCatalogueTests {
    let story = Story()

    func options(_ index: String) -> DedupeOptions {
        var o = DedupeOptions()
        o.index = index
        return o
    }

    func documents() -> [Document] {
        var old = makeDocument("old", text: story.text, title: "The story")
        old.published = "2019-06-28T17:43:00+01:00"
        old.site = "example.com"
        var version = makeDocument("version", text: story.syndicated, title: "The story, retold")
        version.url = "https://news.example.org/a"
        return [old, version, makeDocument("alone", text: paragraphs(7, 5).joined(separator: "\n\n"))]
    }

    @Test("a written index names every document's title, site, published time, cluster and canonical")
    func catalogue() throws {
        let dir = TestDirectory.make("index-catalogue")
        let path = dir + "/dedupe.index"
        try drive(DedupeStage(options: options(path)), documents())
        let catalogue = try IndexCatalogue.read(path)
        #expect(catalogue.version == 3)
        #expect(catalogue.entries == [
            .init(id: "old", title: "The story", site: "example.com", published: "2019-06-28T16:43:00Z", cluster: "old", canonical: "old"),
            .init(id: "version", title: "The story, retold", site: "news.example.org", published: nil, cluster: "old", canonical: "old"),
            .init(id: "alone", title: nil, site: nil, published: nil, cluster: "alone", canonical: "alone"),
        ])
    }

    @Test("an index of format version 2 is still listed by the catalogue, without titles; the stage refuses to match against its older facts, naming the version")
    func versionTwoIsRead() throws {
        let dir = TestDirectory.make("index-catalogue")
        let path = dir + "/dedupe.index"
        try drive(DedupeStage(options: options(path)), Array(documents().prefix(1)))
        // Rewrite it as version 2 wrote it: the same entries without the title, the checksum over the new contents.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var reader = ByteReader(bytes: bytes, offset: IndexFile.magic.count + 4 + 5 * 4 + 2 * 8)
        let count = reader.u64() ?? 0
        #expect(count == 1 && reader.u64() != nil && reader.u64() != nil)
        var old = Array(bytes[0..<reader.offset])
        old.replaceSubrange(IndexFile.magic.count..<(IndexFile.magic.count + 4), with: [2, 0, 0, 0])
        for _ in 0..<count {
            let start = reader.offset
            let read = IndexFile.Entry.read(&reader, version: 3)
            let entry = try #require(read)
            // id (4 + bytes), name (4 + bytes, or 4 for none), then the title this version adds.
            let titleStart = start + 4 + entry.id.utf8.count + 4 + (entry.name?.utf8.count ?? 0)
            let titleEnd = titleStart + 4 + (entry.title?.utf8.count ?? 0)
            old += bytes[start..<titleStart]
            old += bytes[titleEnd..<reader.offset]
        }
        let body = bytes.count - IndexFile.trailer.count - 8
        old += bytes[reader.offset..<body]
        var sum = ByteWriter()
        sum.u64(IndexFile.checksum(old[...]))
        old += sum.bytes + IndexFile.trailer
        try Data(old).write(to: URL(fileURLWithPath: path))

        let catalogue = try IndexCatalogue.read(path)
        #expect(catalogue.version == 2)
        #expect(catalogue.entries == [.init(id: "old", title: nil, site: "example.com", published: "2019-06-28T16:43:00Z", cluster: "old", canonical: "old")])
        // The stage refuses it (version 3 changed what the story facts hold) and leaves the file untouched.
        let refused = try #require(throws: StageError.self) { try drive(DedupeStage(options: options(path)), [documents()[1]]) }
        #expect(refused.kind == .badData && refused.message.contains("has format version 2"))
        #expect(try IndexCatalogue.read(path).version == 2)
    }

    @Test("a missing index is refused saying it may have been moved or deleted; a foreign file as not an index")
    func refusals() throws {
        let dir = TestDirectory.make("index-catalogue")
        let gone = try #require(throws: StageError.self) { try IndexCatalogue.read(dir + "/gone.index") }
        #expect(gone.message.contains("gone.index does not exist (was it moved or deleted?)"))
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: dir + "/x.index"))
        let foreign = try #require(throws: StageError.self) { try IndexCatalogue.read(dir + "/x.index") }
        #expect(foreign.kind == .badData && foreign.message.contains("is not a copydesk dedupe index"))
    }
}
