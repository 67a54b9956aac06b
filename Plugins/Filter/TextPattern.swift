import Foundation

/// A compiled regular expression of a filter condition. Patterns that are literal text or an
/// alternation of literals (optionally `(?i)`, a group around the alternation, and `\b` at both ends:
/// `(?i)\b(shares|stocks)\b`) are matched on the UTF-8 bytes directly; every other pattern with
/// `NSRegularExpression` (ICU syntax), compiled once per stage instance.
public struct TextPattern: Sendable {
    /// The pattern as written.
    public let source: String
    let literals: LiteralAlternation?
    let regex: NSRegularExpression?

    /// Compiles `source`; throws the ICU error for an invalid pattern (the option decoder has already
    /// checked pipeline files).
    public init(_ source: String) throws {
        self.source = source
        if let literals = LiteralAlternation(parsing: source) {
            self.literals = literals
            regex = nil
        } else {
            literals = nil
            regex = try NSRegularExpression(pattern: source)
        }
    }

    /// Whether the byte-level matcher handles this pattern (no ICU call per document).
    public var isLiteral: Bool { literals != nil }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        if let literals {
            var copy = text
            return copy.withUTF8 { literals.matches($0) }
        }
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }
}

/// Literal alternatives matched on bytes: ASCII case folding when `(?i)`, word boundaries as ICU's
/// `\b` (letters, marks, decimal digits and connector punctuation are word characters).
///
/// A class, so that reading a condition's pattern for each document retains one reference rather
/// than each of its tables.
final class LiteralAlternation: Sendable {
    let alternatives: [[UInt8]]
    let caseInsensitive: Bool
    let boundaryStart: Bool
    let boundaryEnd: Bool
    /// Which pairs of bytes can start a match: a 65,536-bit set indexed by the first two bytes
    /// (lowercased when folding), so common first letters do not stop the scan.
    let firstPairs: [UInt64]
    /// The one-byte alternatives (which the pair set cannot hold), lowercased when folding.
    let singleBytes: [UInt8]
    /// The first four bytes of each alternative (little-endian, with 0x20 set in every byte), for a
    /// quick check before the full comparison; 0 for alternatives shorter than four bytes.
    let prefixes: [UInt32]
    /// The vector search for candidates, when every alternative has four bytes or more.
    let scan: PrefixScan?

    /// Parses the restricted form; `nil` sends the pattern to ICU.
    init?(parsing pattern: String) {
        var p = Substring(pattern)
        var caseInsensitive = false, boundaryStart = false, boundaryEnd = false
        if p.hasPrefix("(?i)") { caseInsensitive = true; p = p.dropFirst(4) }
        if p.hasPrefix("\\b") { boundaryStart = true; p = p.dropFirst(2) }
        if p.hasSuffix("\\b"), !p.hasSuffix("\\\\b") { boundaryEnd = true; p = p.dropLast(2) }
        if p.hasPrefix("(?:"), p.hasSuffix(")"), !p.hasSuffix("\\)") { p = p.dropFirst(3).dropLast() }
        else if p.hasPrefix("("), !p.hasPrefix("(?"), p.hasSuffix(")"), !p.hasSuffix("\\)") { p = p.dropFirst().dropLast() }
        var alternatives: [[UInt8]] = [[]]
        var escaped = false
        for scalar in p.unicodeScalars {
            if escaped {
                // Only escaped punctuation is literal; \d, \w, \s, \b … are classes or assertions.
                guard scalar.isASCII, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) else { return nil }
                alternatives[alternatives.count - 1].append(UInt8(scalar.value))
                escaped = false
                continue
            }
            switch scalar {
            case "\\": escaped = true
            case "|": alternatives.append([])
            case ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "^", "$", "#": return nil
            default:
                // Case folding beyond ASCII (ſ, K, ß …) is ICU's.
                if caseInsensitive, !scalar.isASCII, scalar.properties.changesWhenCaseFolded || scalar.properties.changesWhenCaseMapped { return nil }
                alternatives[alternatives.count - 1].append(contentsOf: String(scalar).utf8)
            }
        }
        guard !escaped, !alternatives.contains(where: \.isEmpty) else { return nil }
        if caseInsensitive { alternatives = alternatives.map { $0.map(Self.lower) } }
        self.alternatives = alternatives
        self.caseInsensitive = caseInsensitive
        self.boundaryStart = boundaryStart
        self.boundaryEnd = boundaryEnd
        var pairs = [UInt64](repeating: 0, count: 1024)
        var singles: [UInt8] = []
        for alternative in alternatives {
            if alternative.count == 1 {
                singles.append(alternative[0])
                continue
            }
            let key = Int(alternative[0]) << 8 | Int(alternative[1])
            pairs[key >> 6] |= 1 << UInt64(key & 63)
        }
        firstPairs = pairs
        singleBytes = singles
        prefixes = alternatives.map { alternative in
            guard alternative.count >= 4 else { return 0 }
            return (0..<4).reduce(UInt32(0)) { $0 | UInt32(alternative[$1]) << (8 * UInt32($1)) } | Self.spaceBits
        }
        scan = PrefixScan(alternatives: alternatives, caseInsensitive: caseInsensitive)
    }

    /// 0x20 in each of four bytes. Setting it lowercases an ASCII capital and changes no byte that a
    /// lowercased text could differ in from the alternative, so equal prefixes stay equal.
    static let spaceBits: UInt32 = 0x2020_2020

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard n > 0 else { return false }
        if let scan {
            return scan.contains(bytes) { i in alternatives.contains { matchesAt(bytes, i, $0) } }
        }
        if !singleBytes.isEmpty {
            // Rare (a one-letter alternative): try every position.
            for i in 0..<n {
                for alternative in alternatives where matchesAt(bytes, i, alternative) { return true }
            }
            return false
        }
        return firstPairs.withUnsafeBufferPointer { table in
            let fold: UInt8 = caseInsensitive ? 0x20 : 0
            var i = 0
            var previous = Self.fold(bytes[0], fold)
            while i + 1 < n {
                let next = Self.fold(bytes[i + 1], fold)
                let key = Int(previous) << 8 | Int(next)
                if table[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                    // Four bytes at once first: most pairs that start an alternative are the start of another word.
                    var four: UInt32 = 0
                    if i + 4 <= n { four = UInt32(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt32.self)) | Self.spaceBits }
                    for (k, alternative) in alternatives.enumerated() {
                        let prefix = prefixes[k]
                        if prefix != 0, i + 4 <= n, prefix != four { continue }
                        if matchesAt(bytes, i, alternative) { return true }
                    }
                }
                previous = next
                i += 1
            }
            return false
        }
    }

    /// `b` lowercased when `fold` is 0x20 and `b` is an ASCII capital.
    @inline(__always)
    static func fold(_ b: UInt8, _ fold: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | fold : b }

    @inline(__always)
    func matchesAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ alternative: [UInt8]) -> Bool {
        let m = alternative.count
        guard i + m <= bytes.count else { return false }
        if caseInsensitive {
            for k in 0..<m where Self.lower(bytes[i + k]) != alternative[k] { return false }
        } else {
            for k in 0..<m where bytes[i + k] != alternative[k] { return false }
        }
        if boundaryStart, !Self.isBoundary(bytes, i) { return false }
        if boundaryEnd, !Self.isBoundary(bytes, i + m) { return false }
        return true
    }

    /// ICU's `\b` at byte `p`: never before a combining (Grapheme_Extend) or format character; else
    /// the word-ness of the character at `p` differs from that of the nearest character before it
    /// that is neither combining nor format (the start and the end count as non-word).
    static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int) -> Bool {
        var current = false
        if p < bytes.count {
            let scalar = scalar(bytes, at: p)
            if isExtendOrFormat(scalar) { return false }
            current = isWord(scalar)
        }
        var previous = false
        var q = p
        while q > 0 {
            var start = q - 1
            while start > 0, bytes[start] & 0xC0 == 0x80, q - start < 4 { start -= 1 }
            let scalar = scalar(bytes, at: start)
            q = start
            if !isExtendOrFormat(scalar) {
                previous = isWord(scalar)
                break
            }
        }
        return current != previous
    }

    /// The scalar starting at byte `i` (U+FFFD for a stray byte).
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let b = bytes[i]
        if b < 0x80 { return UInt32(b) }
        var value: UInt32
        var length: Int
        if b >= 0xF0 { value = UInt32(b & 0x07); length = 4 } else if b >= 0xE0 { value = UInt32(b & 0x0F); length = 3 } else if b >= 0xC0 { value = UInt32(b & 0x1F); length = 2 } else { return 0xFFFD }
        guard i + length <= bytes.count else { return 0xFFFD }
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return value
    }

    static func isExtendOrFormat(_ value: UInt32) -> Bool {
        guard value >= 0x80, let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .format
    }

    /// ICU's word characters: alphabetic, marks, decimal digits, connector punctuation, ZWNJ and ZWJ.
    static func isWord(_ value: UInt32) -> Bool {
        if value < 0x80 {
            let b = UInt8(value)
            return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return properties.isAlphabetic || value == 0x200C || value == 0x200D
        }
    }
}
