import Foundation

/// The text `copydesk stages` prints: every registered stage with its kind, summary and options
/// (type, default, meaning), plus the pipeline file's `input:` and `run:` sections.
public enum StageCatalog {
    public static func describe(_ registry: StageRegistry) -> String {
        var lines: [String] = []
        for descriptor in registry.descriptors {
            lines.append("\(descriptor.id)  (\(descriptor.kind.rawValue))")
            lines.append("  \(descriptor.summary)")
            lines.append(contentsOf: describe(options: descriptor.options, indent: "    "))
            lines.append("")
        }
        lines.append("pipeline sections")
        lines.append("  input:")
        lines.append(contentsOf: describe(options: InputOptions.schema.specs, indent: "    "))
        lines.append("  run:")
        lines.append(contentsOf: describe(options: RunOptions.schema.specs, indent: "    "))
        lines.append("  report: path  (optional) Where to write the run report; default: next to the last output.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(options: [OptionSpec], indent: String) -> [String] {
        guard !options.isEmpty else { return [indent + "(no options)"] }
        var lines: [String] = []
        for spec in options {
            let presence: String
            if spec.required {
                presence = "required"
            } else if let value = spec.defaultValue {
                presence = "default \(value)"
            } else {
                presence = "optional"
            }
            if case .record(let fields) = spec.kind {
                lines.append("\(indent)\(spec.name): mapping  (\(presence)) \(spec.summary)")
                lines.append(contentsOf: describe(options: fields, indent: indent + "  "))
            } else if case .list(.record(let fields)) = spec.kind, fields.contains(where: { if case .list(.recursive) = $0.kind { true } else { false } }) {
                // A tree of records (filter conditions): its fields one per line, like a record's.
                lines.append("\(indent)\(spec.name): [mapping]  (\(presence)) \(spec.summary)")
                lines.append(contentsOf: describe(options: fields, indent: indent + "  "))
            } else {
                lines.append("\(indent)\(spec.name): \(spec.kind)  (\(presence)) \(spec.summary)")
            }
        }
        return lines
    }

    /// A Markdown table of `descriptor`'s options (name, type, default, meaning), for the docs' stage pages.
    public static func markdownTable(_ descriptor: StageDescriptor) -> String {
        var lines = ["| option | type | default | meaning |", "|---|---|---|---|"]
        for spec in descriptor.options {
            let presence = spec.required ? "required" : spec.defaultValue.map { "`\($0)`" } ?? "—"
            let cell = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
            lines.append("| `\(spec.name)` | \(cell("\(spec.kind)")) | \(cell(presence)) | \(cell(spec.summary)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
