import CopydeskCore
import Testing

/// The docs' option tables: regenerated between markers from the declarations, the rest of a page untouched.
@Suite("option tables in the docs")
struct OptionTableDocsTests {
    let tables: [String: [OptionSpec]] = [
        "shout": ShoutOptions.schema.specs,
        "tree": [
            OptionSpec(
                "rules", .list(.record([
                    OptionSpec("reason", .string, default: nil, "Why."),
                    OptionSpec("any", .list(.recursive), default: nil, "One of these holds."),
                    OptionSpec("entity", .record([OptionSpec("name", .string, default: nil, "A name.")]), default: nil, "An entity."),
                ])), default: .list([]), "Rules."),
        ],
    ]

    @Test("the text between the markers becomes the table; the rest of the page stays as written")
    func regenerates() throws {
        let page = "# shout\n\nIntro.\n\n<!-- options:begin shout -->\nan old table\n<!-- options:end -->\n\nMore prose.\n"
        let updated = try OptionTableDocs.regenerate(page, tables: tables)
        let expected = "# shout\n\nIntro.\n\n<!-- options:begin shout -->\n" + OptionTableDocs.markdown(ShoutOptions.schema.specs)
            + "<!-- options:end -->\n\nMore prose.\n"
        #expect(updated == expected)
        #expect(try OptionTableDocs.regenerate(updated, tables: tables) == updated, "a current page is left as it is")
        #expect(try OptionTableDocs.tableIDs(in: updated) == ["shout"])
    }

    @Test("the fields of mappings follow their option, a tree names the mapping it repeats")
    func nested() {
        let table = OptionTableDocs.markdown(tables["tree"] ?? [])
        #expect(table.contains("| `rules` | [mapping] | `[]` | Rules. |"))
        #expect(table.contains("| `rules[].reason` | `string` | — | Why. |"))
        #expect(table.contains("| `rules[].any` | [mapping] | — | One of these holds. Its mappings take the fields of `rules[]`. |"))
        #expect(table.contains("| `rules[].entity` | mapping | — | An entity. |"))
        #expect(table.contains("| `rules[].entity.name` | `string` | — | A name. |"))
    }

    @Test("cells keep what Markdown would otherwise read as HTML, an entity or a column break")
    func escapes() {
        let table = OptionTableDocs.markdown([
            OptionSpec("a", .string, default: nil, "Decodes &amp;amp; once, keeps AT&T and `&lt;` in code; meta.<path>; a|b."),
        ])
        #expect(table.contains("| Decodes &amp;amp;amp; once, keeps AT&T and `&lt;` in code; meta.&lt;path>; a\\|b. |"))
    }

    @Test("markers that do not pair up, or name no table, are errors with their line")
    func badMarkers() {
        func error(_ page: String) -> OptionTableDocs.PageError? {
            #expect(throws: OptionTableDocs.PageError.self) { try OptionTableDocs.regenerate(page, tables: tables) }
        }
        #expect(error("a\n<!-- options:begin shout -->\nb\n")?.line == 2)
        #expect(error("a\nb\n<!-- options:end -->\n")?.line == 3)
        #expect(error("<!-- options:begin shout -->\n<!-- options:begin tree -->\n<!-- options:end -->\n")?.line == 2)
        let unknown = error("x\n<!-- options:begin shuot -->\n<!-- options:end -->\n")
        #expect(unknown?.line == 2)
        #expect(unknown?.message.contains("known: shout, tree") == true)
    }
}
