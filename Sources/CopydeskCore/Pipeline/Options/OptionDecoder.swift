import Foundation
import Yams

/// Decodes option mappings from a composed YAML tree strictly: unknown keys, wrong types and missing
/// required options are errors with `file:line:column` and the nearest valid name; defaults are applied.
struct OptionDecoder {
    let file: String

    func position(of node: Node) -> FilePosition? {
        node.mark.map { FilePosition(file: file, line: $0.line, column: $0.column) }
    }

    /// Decodes `pairs` (a mapping's entries minus any keys in `skipping`) against `specs`.
    func decode(
        _ pairs: [(key: Node, value: Node)], specs: [OptionSpec], owner: String, at ownerPosition: FilePosition?,
        skipping: Set<String> = [], depth: Int = 0
    ) throws(ConfigError) -> StageOptions {
        var values: [String: OptionValue] = [:]
        var positions: [String: FilePosition] = [:]
        for (keyNode, valueNode) in pairs {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigError("\(owner): option names must be plain strings", at: position(of: keyNode))
            }
            let key = keyScalar.string
            if skipping.contains(key) { continue }
            guard let spec = specs.first(where: { $0.name == key }) else {
                let names = specs.map(\.name)
                let hint = names.isEmpty ? "it takes no options" : NearestName.hint(for: key, among: names)
                throw ConfigError("\(owner) has no option '\(key)'; \(hint)", at: position(of: keyNode))
            }
            if values[key] != nil {
                throw ConfigError("\(owner): option '\(key)' is given twice", at: position(of: keyNode))
            }
            values[key] = try value(valueNode, as: spec.kind, name: "\(owner) option '\(key)'", enclosing: specs, depth: depth)
            positions[key] = position(of: valueNode)
        }
        for spec in specs where values[spec.name] == nil {
            if spec.required {
                throw ConfigError("\(owner) needs option '\(spec.name)' (\(spec.kind)): \(spec.summary)", at: ownerPosition)
            }
            if let fallback = spec.defaultValue { values[spec.name] = fallback }
        }
        return StageOptions(values: values, positions: positions, position: ownerPosition)
    }

    /// Decodes one value; `enclosing` is the record being decoded (what `.recursive` stands for) and
    /// `depth` how many records deep it sits.
    func value(_ node: Node, as kind: OptionKind, name: String, enclosing: [OptionSpec] = [], depth: Int = 0) throws(ConfigError) -> OptionValue {
        let at = position(of: node)
        func typeError(_ expected: String) -> ConfigError {
            ConfigError("\(name) must be \(expected), not \(describe(node))", at: at)
        }
        switch kind {
        case .string, .path:
            guard case .scalar(let scalar) = node, node.null == nil || scalar.style != .plain else {
                throw typeError(kind == .path ? "a path" : "a string")
            }
            return .string(scalar.string)
        case .choice(let choices):
            guard case .scalar(let scalar) = node else { throw typeError("one of \(choices.joined(separator: ", "))") }
            guard choices.contains(scalar.string) else {
                throw ConfigError("\(name) must be one of \(choices.joined(separator: ", ")), not '\(scalar.string)'"
                    + (NearestName.suggestion(for: scalar.string, among: choices).map { "; did you mean '\($0)'?" } ?? ""), at: at)
            }
            return .string(scalar.string)
        case .bool:
            guard case .scalar(let scalar) = node, scalar.style == .plain, let b = node.bool else { throw typeError("true or false") }
            return .bool(b)
        case .int(let lo, let hi):
            guard case .scalar(let scalar) = node, scalar.style == .plain, let i = Self.integer(scalar.string) else {
                throw typeError("an integer")
            }
            if let lo, i < lo { throw ConfigError("\(name) must be at least \(lo), not \(i)", at: at) }
            if let hi, i > hi { throw ConfigError("\(name) must be at most \(hi), not \(i)", at: at) }
            return .int(i)
        case .double(let lo, let hi):
            guard case .scalar(let scalar) = node, scalar.style == .plain, let d = node.float, d.isFinite else {
                throw typeError("a number")
            }
            if let lo, d < lo { throw ConfigError("\(name) must be at least \(lo), not \(d)", at: at) }
            if let hi, d > hi { throw ConfigError("\(name) must be at most \(hi), not \(d)", at: at) }
            return .double(d)
        case .list(let inner):
            guard case .sequence(let sequence) = node else { throw typeError("a list") }
            var items: [OptionValue] = []
            for (index, element) in sequence.enumerated() {
                items.append(try value(element, as: inner, name: "\(name) item \(index + 1)", enclosing: enclosing, depth: depth))
            }
            return .list(items)
        case .map(let inner):
            guard case .mapping(let mapping) = node else { throw typeError("a mapping") }
            var pairs: [KeyedOptionValue] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else { throw typeError("a mapping with string keys") }
                pairs.append(KeyedOptionValue(key: keyScalar.string, value: try value(valueNode, as: inner, name: "\(name) key '\(keyScalar.string)'", enclosing: enclosing, depth: depth)))
            }
            return .map(pairs)
        case .record(let specs):
            guard case .mapping(let mapping) = node else { throw typeError("a mapping") }
            guard depth < OptionKind.maximumDepth else {
                throw ConfigError("\(name) nests more than \(OptionKind.maximumDepth) levels deep; flatten it", at: at)
            }
            let decoded = try decode(Array(mapping), specs: specs, owner: name, at: at, depth: depth + 1)
            return .map(specs.compactMap { spec in decoded[spec.name].map { KeyedOptionValue(key: spec.name, value: $0) } })
        case .recursive:
            return try value(node, as: .record(enclosing), name: name, enclosing: enclosing, depth: depth)
        case .regex:
            guard case .scalar(let scalar) = node, node.null == nil || scalar.style != .plain else { throw typeError("a regular expression") }
            do {
                _ = try NSRegularExpression(pattern: scalar.string)
            } catch {
                throw ConfigError("\(name) is not a valid regular expression: '\(scalar.string)' (ICU syntax; escape . * + ? ( ) [ ] { } | \\ ^ $ with \\ to match them literally)", at: at)
            }
            return .string(scalar.string)
        }
    }

    /// The value of a plain scalar written as a decimal, `0x` hexadecimal or `0o` octal integer (with an
    /// optional sign and `_` separators), or `nil` when it is not one or does not fit an `Int`. Yams's own `Node.int` is not
    /// used: it traps on an overflowing YAML 1.1 base-60 number such as `99999999999999999999:99`.
    static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        var radix = 10
        if digits.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) } else if digits.hasPrefix("0o") { radix = 8; digits = digits.dropFirst(2) }
        let cleaned = digits.filter { $0 != "_" }  // YAML allows 1_000
        guard !cleaned.isEmpty, cleaned.first != "+", cleaned.first != "-", let magnitude = Int(cleaned, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return "null" }
                if node.bool != nil { return "the boolean \(scalar.string)" }
                if Self.integer(scalar.string) != nil { return "the integer \(scalar.string)" }
                if node.float != nil { return "the number \(scalar.string)" }
            }
            return "the string '\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension OptionKind {
    static func == (lhs: OptionKind, rhs: OptionKind) -> Bool {
        switch (lhs, rhs) {
        case (.string, .string), (.path, .path), (.bool, .bool): true
        default: false
        }
    }
}
