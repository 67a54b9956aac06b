import Foundation

/// The result of decoding one document's bytes.
public struct DecodedText: Sendable {
    public var text: String
    /// Number of invalid UTF-8 sequences replaced with U+FFFD.
    public var repairs: Int
}

/// Turns raw input bytes into text: BOM removed, binary content refused, invalid UTF-8 repaired or
/// refused by policy. Works on bytes; the common valid case costs one validation pass.
public enum TextDecoding {
    /// Decodes UTF-8 `bytes`. Throws a rejection whose reason names the byte offset of the problem.
    public static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, policy: InvalidUTF8Policy) throws(DocumentRejection) -> DecodedText {
        var body = bytes
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF {
            body = UnsafeBufferPointer(rebasing: body[3...])
        }
        if let offset = binaryOffset(body) {
            throw DocumentRejection("binary content (NUL or control bytes at byte offset \(offset)); not a text document")
        }
        if let text = String(validating: body, as: UTF8.self) {
            return DecodedText(text: text, repairs: 0)
        }
        let check = validateUTF8(body)
        if policy == .reject {
            throw DocumentRejection(
                "invalid UTF-8 at byte offset \(check.firstError) (\(check.errors) invalid sequence\(check.errors == 1 ? "" : "s")); "
                    + "set input.invalid_utf8: repair to replace them with U+FFFD")
        }
        return DecodedText(text: String(decoding: body, as: UTF8.self), repairs: check.errors)
    }

    /// The offset of the first NUL byte, or of a control byte when control bytes make up more than 10%
    /// of the first 4 KiB; `nil` for text.
    public static func binaryOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        if let nul = memchr(base, 0, bytes.count) {
            return UnsafeRawPointer(nul) - UnsafeRawPointer(base)
        }
        var controls = 0
        var firstControl = -1
        let window = min(bytes.count, 4096)
        for i in 0..<window {
            let byte = bytes[i]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C {
                controls += 1
                if firstControl < 0 { firstControl = i }
            }
        }
        if window >= 16, controls * 10 > window { return firstControl }
        return nil
    }

    /// Counts invalid UTF-8 sequences (as U+FFFD replacements would) and finds the first one.
    public static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> (errors: Int, firstError: Int) {
        var errors = 0
        var first = -1
        var i = 0
        let n = bytes.count
        while i < n {
            // ASCII fast path, 8 bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            var length = 0
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: length = 0
            }
            if length == 0 {
                errors += 1
                if first < 0 { first = i }
                i += 1
                continue
            }
            var j = 1
            var ok = true
            while j < length {
                guard i + j < n else { ok = false; break }
                let byte = bytes[i + j]
                let lo: UInt8 = j == 1 ? lower : 0x80
                let hi: UInt8 = j == 1 ? upper : 0xBF
                if byte < lo || byte > hi { ok = false; break }
                j += 1
            }
            if ok {
                i += length
            } else {
                errors += 1
                if first < 0 { first = i }
                i += j  // skip the maximal invalid subpart
            }
        }
        return (errors, first)
    }

    /// Decodes Windows-1252 (and ISO-8859-1, which browsers treat as Windows-1252) to a string.
    public static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80, byte < 0xA0 {
                scalars.append(UnicodeScalar(windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
            } else {
                scalars.append(UnicodeScalar(byte))
            }
        }
        return String(scalars)
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (undefined ones map to the C1 control, as WHATWG does).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
