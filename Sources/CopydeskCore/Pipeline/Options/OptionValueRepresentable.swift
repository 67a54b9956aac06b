/// A Swift type an option value decodes into, and back (for the default `copydesk stages` shows).
public protocol OptionValueRepresentable: Sendable {
    init?(optionValue: OptionValue)
    var optionValue: OptionValue { get }
}

extension OptionValueRepresentable where Self: RawRepresentable, RawValue == String {
    public init?(optionValue: OptionValue) {
        guard case .string(let raw) = optionValue else { return nil }
        self.init(rawValue: raw)
    }

    public var optionValue: OptionValue { .string(rawValue) }
}

extension OptionValue: OptionValueRepresentable {
    public init?(optionValue: OptionValue) { self = optionValue }
    public var optionValue: OptionValue { self }
}

extension Bool: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .bool(let value) = optionValue else { return nil }
        self = value
    }

    public var optionValue: OptionValue { .bool(self) }
}

extension Int: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .int(let value) = optionValue else { return nil }
        self = value
    }

    public var optionValue: OptionValue { .int(self) }
}

extension Double: OptionValueRepresentable {
    /// Integers are numbers too (`timeout_seconds: 5`).
    public init?(optionValue: OptionValue) {
        switch optionValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        default: return nil
        }
    }

    public var optionValue: OptionValue { .double(self) }
}

extension String: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .string(let value) = optionValue else { return nil }
        self = value
    }

    public var optionValue: OptionValue { .string(self) }
}

extension Array: OptionValueRepresentable where Element: OptionValueRepresentable {
    public init?(optionValue: OptionValue) {
        guard case .list(let items) = optionValue else { return nil }
        var values: [Element] = []
        for item in items {
            guard let value = Element(optionValue: item) else { return nil }
            values.append(value)
        }
        self = values
    }

    public var optionValue: OptionValue { .list(map(\.optionValue)) }
}

/// A set is written as a list; shown sorted, so the default reads the same on every run.
extension Set: OptionValueRepresentable where Element: OptionValueRepresentable & Comparable {
    public init?(optionValue: OptionValue) {
        guard let values = [Element](optionValue: optionValue) else { return nil }
        self = Set(values)
    }

    public var optionValue: OptionValue { .list(sorted().map(\.optionValue)) }
}
