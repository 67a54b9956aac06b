/// Writes compact JSON into a byte buffer, keys in the order written. Used for every JSON output
/// (records, drops, rejects, the run report) so they are byte-for-byte deterministic.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(reservingCapacity capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object (as a value, or under `key` inside an object).
    public mutating func beginObject(_ key: String? = nil) {
        prefix(key)
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray(_ key: String? = nil) {
        prefix(key)
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func string(_ key: String? = nil, _ value: String?) {
        prefix(key)
        guard let value else { return appendLiteral("null") }
        Self.appendQuoted(value, to: &bytes)
    }

    public mutating func int(_ key: String? = nil, _ value: Int?) {
        prefix(key)
        guard let value else { return appendLiteral("null") }
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a finite number; NaN and infinities become `null` (JSON has no spelling for them).
    public mutating func double(_ key: String? = nil, _ value: Double?) {
        prefix(key)
        guard let value, value.isFinite else { return appendLiteral("null") }
        bytes.append(contentsOf: Self.spell(value))
    }

    /// The spelling of a finite double: `2.0` for whole numbers below 10^15, else Swift's shortest
    /// round-tripping form (`0.25`, `1e-07`).
    static func spell(_ value: Double) -> [UInt8] {
        if value == value.rounded(), abs(value) < 1e15 {
            return Array(String(Int64(value)).utf8) + Array(".0".utf8)
        }
        return Array("\(value)".utf8)
    }

    /// Writes a number exactly as its literal.
    public mutating func number(_ key: String? = nil, _ value: JSONNumber) {
        prefix(key)
        bytes.append(contentsOf: value.literal.utf8)
    }

    public mutating func bool(_ key: String? = nil, _ value: Bool?) {
        prefix(key)
        guard let value else { return appendLiteral("null") }
        appendLiteral(value ? "true" : "false")
    }

    public mutating func null(_ key: String? = nil) {
        prefix(key)
        appendLiteral("null")
    }

    /// Writes any parsed JSON value.
    public mutating func value(_ key: String? = nil, _ value: JSONValue) {
        switch value {
        case .null: null(key)
        case .bool(let b): bool(key, b)
        case .number(let n): number(key, n)
        case .string(let s): string(key, s)
        case .array(let items):
            beginArray(key)
            for item in items { self.value(nil, item) }
            endArray()
        case .object(let pairs):
            beginObject(key)
            for (k, v) in pairs { self.value(k, v) }
            endObject()
        }
    }

    private mutating func appendLiteral(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private mutating func prefix(_ key: String?) {
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
        if let key {
            Self.appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }

    /// Appends `value` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8 (no `\u` escapes for non-ASCII, so output stays readable).
    public static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var copy = value
        copy.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
