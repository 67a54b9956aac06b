import CopydeskCore
import CopydeskStages
import Foundation
import Testing

/// Every stage's page in docs/stages documents its options with the table generated from their one
/// declaration, between `<!-- options:begin ID -->` and `<!-- options:end -->`; a changed declaration
/// fails here until the pages are regenerated.
@Suite("docs option tables")
struct OptionTableDocsPageTests {
    static let docs = CLI.root + "/docs"
    let tables = OptionTableDocs.tables(for: BuiltInStages.registry)

    /// Every Markdown page under docs/, relative to it.
    static func pages() throws -> [String] {
        let walker = try #require(FileManager.default.enumerator(atPath: docs), "docs/ is missing at \(docs)")
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
    }

    @Test("each built-in stage has docs/stages/<id>.md holding exactly its own table")
    func everyStageHasItsTable() throws {
        let ids = BuiltInStages.registry.descriptors.map(\.id)
        #expect(ids.count == 8, "normalise, strip, language, entities, filter, dedupe, export, exec")
        for id in ids {
            let path = Self.docs + "/stages/\(id).md"
            let page = try #require(
                try? String(contentsOfFile: path, encoding: .utf8), "docs/stages/\(id).md is missing: write the page with its option table")
            #expect(
                try OptionTableDocs.tableIDs(in: page) == [id],
                "docs/stages/\(id).md must hold the lines \(OptionTableDocs.beginMarker(id)) and \(OptionTableDocs.endMarker) once")
        }
    }

    @Test("every marked table in docs/ equals the one generated from the declarations")
    func tablesAreCurrent() throws {
        var checked = 0
        for page in try Self.pages() {
            let path = Self.docs + "/" + page
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let ids = try OptionTableDocs.tableIDs(in: text)
            guard !ids.isEmpty else { continue }
            let regenerated = try OptionTableDocs.regenerate(text, tables: tables)
            #expect(
                regenerated == text,
                "docs/\(page): the option table of \(ids.joined(separator: ", ")) differs from the declaration; regenerate it with `\(OptionTableDocs.regenerateCommand)` (first differing line: \(Self.firstDifference(text, regenerated)))")
            checked += ids.count
        }
        #expect(checked >= BuiltInStages.registry.descriptors.count)
    }

    /// The first line where `a` and `b` differ, both versions, for the failure message.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "<end of page>"
            let r = index < right.count ? String(right[index]) : "<end of page>"
            if l != r { return "line \(index + 1): page has \"\(l)\", declaration gives \"\(r)\"" }
        }
        return "none"
    }
}
