/// One entry of a mapping value.
public struct KeyedOptionValue: Sendable, Hashable {
    public var key: String
    public var value: OptionValue
    public init(key: String, value: OptionValue) {
        self.key = key
        self.value = value
    }
}

extension KeyedOptionValue {
    /// Looks up `key` among `entries`.
    public static func lookup(_ key: String, in entries: [KeyedOptionValue]) -> OptionValue? {
        entries.first { $0.key == key }?.value
    }
}
