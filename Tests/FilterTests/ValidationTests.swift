import CopydeskCore
import CopydeskTesting
import Filter
import Foundation
import Testing

/// What the pipeline file may say to the filter, and the errors with positions when it says it wrong.
@Suite("filter validation")
struct ValidationTests {
    @Test("the descriptor: id, kind, the firm shorthand options and conditions, every option documented")
    func descriptor() {
        let descriptor = FilterStage.descriptor
        #expect(descriptor.id == "filter")
        #expect(descriptor.kind == .document)
        #expect(descriptor.options.map(\.name) == ["language", "min_confidence", "min_words", "max_words", "url_hosts", "conditions"])
        for spec in descriptor.options + FilterStage.conditionSpecs {
            #expect(!spec.required, "\(spec.name)")
            #expect(spec.summary.count > 20 && !spec.summary.contains("\n"), "\(spec.name)")
        }
    }

    @Test("docs/stages/filter.md documents every option and condition field of the declaration")
    func documented() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let page = try String(contentsOf: root.appendingPathComponent("docs/stages/filter.md"), encoding: .utf8)
        var names = (FilterStage.descriptor.options + FilterStage.conditionSpecs).map(\.name)
        names += ["type", "name", "min_mentions"]
        // In prose as `name`, in the generated option table as `conditions[].name` or `conditions[].entity.name`.
        for name in names {
            #expect(page.contains("`\(name)`") || page.contains(".\(name)`"), "docs/stages/filter.md does not mention `\(name)`")
        }
    }

    @Test("nested all/any/not trees decode and build")
    func nestedTree() throws {
        let stage = try filterStage("""
            conditions:
              - any:
                  - all:
                      - min_words: 3
                      - not:
                          field: title
                          include: 'Sport'
                  - field: title
                    include: '^BREAKING'
            """)
        #expect(try reason(stage, makeDocument("a", text: "one two three", title: "Politics")) == nil)
        #expect(try reason(stage, makeDocument("b", text: "one two", title: "BREAKING: x")) == nil)
        let dropped = try #require(try reason(stage, makeDocument("c", text: "one two three", title: "Sport today")))
        #expect(dropped.contains("excluded: title matches /Sport/"), "\(dropped)")
        #expect(dropped.contains("title does not match /^BREAKING/"), "\(dropped)")
    }

    @Test("an unknown field in a nested condition is an error at its line and column, with the nearest name")
    func unknownNestedField() throws {
        let error = try #require(configError("""
            conditions:
              - all:
                  - min_word: 80
            """))
        #expect(error.position == FilePosition(file: "f.yaml", line: 5, column: 13))
        #expect(error.message.contains("no option 'min_word'"))
        #expect(error.message.contains("did you mean 'min_words'"))
    }

    @Test("an unknown stage option is an error at its position")
    func unknownStageOption() throws {
        let error = try #require(configError("min_wrds: 80"))
        #expect(error.position == FilePosition(file: "f.yaml", line: 3, column: 5))
        #expect(error.description.hasPrefix("f.yaml:3:5: error:"))
    }

    @Test("an invalid regular expression is an error at the pattern's line and column")
    func invalidRegex() throws {
        let error = try #require(configError("""
            conditions:
              - field: title
                exclude: '(unclosed'
            """))
        #expect(error.position == FilePosition(file: "f.yaml", line: 5, column: 18))
        #expect(error.message.contains("not a valid regular expression: '(unclosed'"))
        let nested = try #require(configError("""
            conditions:
              - not:
                  include: 'a[b'
            """))
        #expect(nested.position == FilePosition(file: "f.yaml", line: 5, column: 20))
    }

    @Test("a confidence outside 0..1 is an error at its position, in the shorthand and in a condition")
    func confidenceRange() throws {
        let shorthand = try #require(configError("language: [en]\nmin_confidence: 1.5"))
        #expect(shorthand.position == FilePosition(file: "f.yaml", line: 4, column: 21))
        #expect(shorthand.message.contains("at most 1.0"))
        let negative = try #require(configError("""
            conditions:
              - language: [de]
                min_confidence: -0.1
            """))
        #expect(negative.position == FilePosition(file: "f.yaml", line: 5, column: 25))
        #expect(negative.message.contains("at least 0.0"))
    }

    @Test("a condition on a name that is no document field is an error naming the field and the valid ones")
    func noSuchField() throws {
        let error = try #require(configError("""
            conditions:
              - field: titel
                include: x
            """))
        #expect(error.message.contains("documents have no field 'titel'"))
        #expect(error.message.contains("did you mean 'title'"))
        #expect(error.message.contains("conditions item 1"))
        #expect(error.position?.line == 4, "the conditions list, where the item starts")
    }

    @Test("conditions that cannot be meant are errors: no test, contradicting bounds, bad dates, stray options")
    func unusable() throws {
        let cases: [(String, String)] = [
            ("conditions:\n  - reason: why", "has no test"),
            ("min_words: 10\nmax_words: 5", "below min_words"),
            ("conditions:\n  - min_chars: 10\n    max_chars: 5", "below min_chars"),
            ("conditions:\n  - published_from: 2024-13-01", "not an ISO 8601 time"),
            ("conditions:\n  - published_from: '2024-02-01'\n    published_to: '2024-01-01'", "before published_from"),
            ("conditions:\n  - undated: pass", "goes with published_from"),
            ("conditions:\n  - field: title", "needs 'include' or 'exclude'"),
            ("conditions:\n  - entity: {min_mentions: 2}", "needs a type, a name"),
            ("conditions:\n  - any: []", "needs at least one condition"),
            ("url_hosts: ['https://x.com/']", "not a host name"),
            ("conditions:\n  - undated: maybe\n    published_from: '2024-01-01'", "must be one of fail, pass"),
        ]
        for (yaml, expected) in cases {
            let error = try #require(configError(yaml), "\(yaml)")
            #expect(error.message.contains(expected), "\(yaml): \(error)")
            #expect(error.position != nil, "\(yaml)")
        }
    }

    @Test("nesting deeper than the limit is an error, not a crash")
    func depthLimit() throws {
        var yaml = "conditions:\n  - not:\n"
        var indent = "      "
        for _ in 0..<40 {
            yaml += indent + "not:\n"
            indent += "  "
        }
        yaml += indent + "min_words: 1\n"
        let error = try #require(configError(yaml))
        #expect(error.message.contains("nests more than 32 levels"))
    }
}
