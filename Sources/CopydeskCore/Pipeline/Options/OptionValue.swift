/// A decoded option value.
public indirect enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([OptionValue])
    /// String-keyed mapping, keys in file order.
    case map([KeyedOptionValue])

    public var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let pairs): "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

extension OptionValue {
    /// The string payload, or `nil` for other kinds.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
