import CopydeskCore

/// The character-level pass, one forward walk over UTF-8 bytes. For each character, in this order:
/// 1. mojibake repair (a run of characters becomes the one it was decoded from; a lone C1 control
///    becomes its Windows-1252 character);
/// 2. line endings: CR and CRLF become LF (always);
/// 3. `control`: C0 controls except tab and newline, DEL and C1 controls are removed; form feed,
///    vertical tab and U+2028 become LF, U+2029 a blank line;
/// 4. `invisible`: zero-width and bidi control characters are removed (ZWNJ/ZWJ are kept);
/// 5. `whitespace`: no-break and other Unicode spaces become U+0020 (tabs and runs are left to the
///    paragraph pass, which needs the indentation);
/// 6. `punctuation: ascii`: the typographic fold;
/// and it notes whether any resulting character may change under the Unicode form.
/// ASCII other than control characters is copied straight through. The output is never longer than
/// `input.count + input.count / 2` bytes (a C1 control, two bytes, can become a three-byte character).
struct ScalarCleaner {
    var mojibake: Bool
    var control: Bool
    var invisible: Bool
    var whitespace: Bool
    var asciiPunctuation: Bool
    var form: NormaliseOptions.UnicodeForm

    /// What one run produced.
    struct Outcome {
        /// Bytes written.
        var count: Int
        /// Whether a mojibake sequence was repaired (the result may hold another layer of mojibake).
        var repairedMojibake: Bool
        /// Whether a character was removed (its neighbours, now adjacent, may form mojibake).
        var removedCharacters: Bool
        /// Whether the output differs from the input at all.
        var modified: Bool
        /// Whether the output holds a character that may change under the Unicode form.
        var needsUnicodeForm: Bool
    }

    /// The capacity `clean` needs for `count` input bytes.
    static func capacity(for count: Int) -> Int { count + count / 2 + 4 }

    /// Cleans `input` into `out`, which has room for ``capacity(for:)`` bytes.
    func clean(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Outcome {
        guard let p = input.baseAddress else {
            return Outcome(count: 0, repairedMojibake: false, removedCharacters: false, modified: false, needsUnicodeForm: false)
        }
        let n = input.count
        var i = 0
        var j = 0
        var repaired = false
        var removed = false
        var modified = false
        var needsForm = false
        while i < n {
            // Sixteen plain ASCII bytes (printable, tab, newline) at a time: nothing to do but copy.
            if i + 16 <= n && ByteSearch.isPlainASCII(ByteSearch.load(p, i)) {
                UnsafeMutableRawPointer(out + j).storeBytes(of: ByteSearch.load(p, i), as: ByteSearch.Chunk.self)
                i += 16
                j += 16
                continue
            }
            let b = p[i]
            if b < 0x80 {
                i += 1
                if b >= 0x20 && b != 0x7F {
                    out[j] = b
                    j += 1
                    continue
                }
                switch b {
                case 0x0A, 0x09:
                    out[j] = b
                    j += 1
                case 0x0D:
                    out[j] = 0x0A
                    j += 1
                    if i < n && p[i] == 0x0A { i += 1 }
                    modified = true
                case 0x0B, 0x0C:
                    out[j] = control ? 0x0A : b
                    j += 1
                    modified = modified || control
                default:
                    if control {
                        removed = true
                        modified = true
                    } else {
                        out[j] = b
                        j += 1
                    }
                }
                continue
            }

            let start = i
            var (value, length) = UTF8Bytes.decode(p, at: i, end: n)
            var rewritten = false
            if mojibake {
                if value >= 0xC2 && value <= 0xF4,
                    let fix = MojibakeRepair.repair(p, at: i, end: n, lead: value, leadLength: length, previous: j > 0 ? out[j - 1] : 0)
                {
                    value = fix.value
                    length = fix.length
                    rewritten = true
                    repaired = true
                } else if value <= 0x9F {
                    let mapped = Windows1252.character(forC1: value)
                    rewritten = mapped != value
                    value = mapped
                }
            }
            i += length
            modified = modified || rewritten

            switch value {
            case 0x80...0x9F:
                if control {
                    removed = true
                    modified = true
                    continue
                }
            case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                if whitespace {
                    out[j] = 0x20
                    j += 1
                    modified = true
                    continue
                }
            case 0x00AD, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
                if invisible {
                    removed = true
                    modified = true
                    continue
                }
            case 0x2028:
                if control {
                    out[j] = 0x0A
                    j += 1
                    modified = true
                    continue
                }
            case 0x2029:
                if control {
                    out[j] = 0x0A
                    out[j + 1] = 0x0A
                    j += 2
                    modified = true
                    continue
                }
            default:
                if asciiPunctuation {
                    if let folded = PunctuationFold.ascii(for: value) {
                        out[j] = folded
                        j += 1
                        modified = true
                        continue
                    }
                    if value == PunctuationFold.ellipsis {
                        out[j] = 0x2E
                        out[j + 1] = 0x2E
                        out[j + 2] = 0x2E
                        j += 3
                        modified = true
                        continue
                    }
                }
            }
            if !needsForm && !UnicodeForms.isStable(value, under: form) { needsForm = true }
            if rewritten {
                UTF8Bytes.encode(value, into: out, at: &j)
            } else {
                for k in start..<(start + length) {
                    out[j] = p[k]
                    j += 1
                }
            }
        }
        return Outcome(
            count: j, repairedMojibake: repaired, removedCharacters: removed, modified: modified, needsUnicodeForm: needsForm)
    }
}
