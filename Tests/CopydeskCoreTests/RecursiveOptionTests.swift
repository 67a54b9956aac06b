import CopydeskCore
import Testing

/// `.recursive` (a record nested in itself, for condition trees) and `.regex` (a checked pattern).
@Suite("recursive and regex options")
struct RecursiveOptionTests {
    static let node: [OptionSpec] = [
        OptionSpec("label", .string, default: nil, "A label."),
        OptionSpec("children", .list(.recursive), default: nil, "Nodes below this one."),
        OptionSpec("only", .recursive, default: nil, "One node below this one."),
        OptionSpec("pattern", .regex, default: nil, "A pattern."),
    ]
    static let registry = StageRegistry([
        StageDescriptor(id: "tree", summary: "Test stage with a tree option.", options: [
            OptionSpec("nodes", .list(.record(node)), default: .list([]), "The tree."),
            ]) { _, _ throws(ConfigError) -> UppercaseStage in throw ConfigError("not built in this test") },
    ])

    func parse(_ body: String) throws(ConfigError) -> Pipeline {
        let indented = body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
        return try Pipeline.parse(yaml: "stages:\n  - use: tree\n    nodes:\n" + indented, file: "t.yaml", registry: Self.registry)
    }

    @Test("a record nests in itself through lists and single values, decoded in declaration order")
    func decodesTree() throws {
        let pipeline = try parse("""
              - label: root
                children:
                  - label: a
                    only: {label: b, pattern: 'x+'}
            """)
        let b: OptionValue = .map([.init(key: "label", value: .string("b")), .init(key: "pattern", value: .string("x+"))])
        let a: OptionValue = .map([.init(key: "label", value: .string("a")), .init(key: "only", value: b)])
        let root: OptionValue = .map([.init(key: "label", value: .string("root")), .init(key: "children", value: .list([a]))])
        #expect(pipeline.stages[0].options["nodes"] == .list([root]))
    }

    @Test("an unknown key deep in the tree is an error at its own position")
    func unknownDeepKey() {
        #expect(throws: ConfigError.self) { try parse("  - children:\n      - lable: x\n") }
        do {
            _ = try parse("  - children:\n      - only:\n          lable: x\n")
            Issue.record("a misspelt key must be refused")
        } catch {
            #expect(error.position == FilePosition(file: "t.yaml", line: 6, column: 15))
            #expect(error.message.contains("did you mean 'label'"))
        }
    }

    @Test("an invalid regex is an error at its position; a valid one is kept as written")
    func regex() {
        do {
            _ = try parse("  - pattern: '(x'\n")
            Issue.record("an unclosed group must be refused")
        } catch {
            #expect(error.position == FilePosition(file: "t.yaml", line: 4, column: 18))
            #expect(error.message.contains("not a valid regular expression: '(x'"))
        }
        #expect(throws: ConfigError.self) { try parse("  - pattern: [x]\n") }
    }

    @Test("nesting is bounded: deeper than OptionKind.maximumDepth is an error")
    func depth() {
        var body = "  - only:\n"
        var indent = "      "
        for _ in 0..<OptionKind.maximumDepth { body += indent + "only:\n"; indent += "  " }
        body += indent + "label: deep\n"
        #expect(throws: ConfigError.self) { try parse(body) }
    }

    @Test("descriptions: a recursive kind prints as {…}, a regex as regex")
    func descriptions() {
        #expect(OptionKind.list(.recursive).description == "[{…}]")
        #expect(OptionKind.regex.description == "regex")
    }
}
