/// A JSON number kept as the literal it was written as, so that every digit survives a round trip:
/// `12345678901234567` stays `12345678901234567` (a `Double` would make it `…68`), `1.0e-7` stays
/// `1.0e-7`, `-0.0` stays `-0.0`. Equality compares exact decimal values (`1.0 == 1 == 10e-1`), never
/// through a `Double`.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// The RFC 8259 number text, validated.
    public let literal: String

    /// Wraps `literal` when it is an RFC 8259 number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), else `nil`.
    public init?(literal: String) {
        guard Self.isValid(literal.utf8) else { return nil }
        self.literal = literal
    }

    /// Wraps a literal the JSON parser has already validated.
    init(validated literal: String) {
        self.literal = literal
    }

    public init(_ value: Int) { literal = String(value) }
    public init(_ value: Int64) { literal = String(value) }
    public init(integerLiteral value: Int) { self.init(value) }

    /// A finite double in the writer's spelling (`2.0`, `0.25`, `1e-07`); NaN and infinities have no JSON spelling.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        literal = String(decoding: JSONWriter.spell(value), as: UTF8.self)
    }

    /// `floatLiteral` must be finite; literals in source code always are.
    public init(floatLiteral value: Double) {
        literal = String(decoding: JSONWriter.spell(value), as: UTF8.self)
    }

    public var description: String { literal }

    /// The nearest double (large or very precise numbers lose digits here, and only here).
    public var doubleValue: Double { Double(literal) ?? .nan }

    /// The exact value when it is an integer that fits `Int64` (`1500`, `1.5e3`, `-0`), else `nil`.
    public var int64Value: Int64? {
        if let plain = Int64(literal) { return plain }
        let decimal = canonical
        guard decimal.exponent >= 0, decimal.digits.count + decimal.exponent <= 19 else { return nil }
        var magnitude: Int64 = 0
        for digit in decimal.digits {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = shifted + Int64(digit - 0x30)
        }
        for _ in 0..<decimal.exponent {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = shifted
        }
        return decimal.negative ? -magnitude : magnitude
    }

    /// `int64Value` as an `Int`.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// Whether the literal is a plain integer (`-?[0-9]+`, no fraction or exponent).
    public var isPlainInteger: Bool { !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.literal == rhs.literal || lhs.canonical == rhs.canonical
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    /// The exact decimal value: sign, significant digits without leading or trailing zeros, and the power
    /// of ten of the last digit. Zero is `(false, [], 0)` whatever its sign.
    struct Decimal: Hashable {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int
    }

    var canonical: Decimal {
        let bytes = Array(literal.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var digits: [UInt8] = []
        var exponent = 0
        while index < bytes.count, Self.isDigit(bytes[index]) { digits.append(bytes[index]); index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, Self.isDigit(bytes[index]) { digits.append(bytes[index]); exponent -= 1; index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var sign = 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
            }
            var power = 0
            while index < bytes.count, Self.isDigit(bytes[index]) {
                power = min(power * 10 + Int(bytes[index] - 0x30), 1 << 40)  // beyond any double; keeps the sum exact
                index += 1
            }
            exponent += sign * power
        }
        let first = digits.firstIndex { $0 != UInt8(ascii: "0") } ?? digits.count
        digits.removeFirst(first)
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return Decimal(negative: false, digits: [], exponent: 0) }
        return Decimal(negative: negative, digits: digits, exponent: exponent)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isValid(_ utf8: String.UTF8View) -> Bool {
        let bytes = Array(utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else { _ = digits() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
