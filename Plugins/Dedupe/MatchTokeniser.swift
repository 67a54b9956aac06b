/// Turns a document's text into the word hashes that matching works on, in one pass over the UTF-8
/// bytes: case folded, every run of characters that are not letters or digits (punctuation, quotes of
/// any style, whitespace) is one separator, and known boilerplate lines are left out. The same
/// normaliser as the Reuters ground truth (lowercase, split on non-alphanumerics).
struct MatchTokeniser: Sendable {
    let boilerplate: BoilerplateLines

    /// Appends the hash of every matching word of `text` to `words` (cleared first). When `offsets` is
    /// given, the UTF-8 byte range of each word is appended too (for reporting shared passages).
    func tokenise(_ text: String, into words: inout [UInt64], offsets: UnsafeMutablePointer<[Range<Int>]>? = nil) {
        words.removeAll(keepingCapacity: true)
        offsets?.pointee.removeAll(keepingCapacity: true)
        var copy = text
        copy.withUTF8 { bytes in
            let capacity = bytes.count / 2 + 1
            let ranges = UnsafeMutableBufferPointer<Range<Int>>.allocate(capacity: offsets == nil ? 0 : capacity)
            defer { ranges.deallocate() }
            let hashes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: capacity)
            defer { hashes.deallocate() }
            let n = scan(bytes, into: hashes, ranges: offsets == nil ? nil : ranges)
            words.append(contentsOf: hashes[0..<n])
            offsets?.pointee.append(contentsOf: ranges[0..<(offsets == nil ? 0 : n)])
        }
    }

    /// Writes the word hashes of `bytes` into `words` (capacity ≥ bytes/2 + 1) and returns their count;
    /// `ranges`, when given, receives each word's byte range.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, into words: UnsafeMutableBufferPointer<UInt64>,
              ranges: UnsafeMutableBufferPointer<Range<Int>>?) -> Int {
        Self.asciiFold.withUnsafeBufferPointer { fold in scan(bytes, into: words, ranges: ranges, fold: fold) }
    }

    @inline(__always)
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, into words: UnsafeMutableBufferPointer<UInt64>,
                      ranges: UnsafeMutableBufferPointer<Range<Int>>?, fold: UnsafeBufferPointer<UInt8>) -> Int {
        var h = Mix64.basis
        var acc: UInt64 = 0
        var accBytes: UInt64 = 0
        var inWord = false
        var wordStart = 0
        var count = 0
        var lineFirstWord = 0
        var i = 0
        let n = bytes.count
        let checkLines = !boilerplate.isEmpty
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                // ASCII: letters and digits extend the word, everything else separates.
                let folded = fold[Int(b)]
                if folded != 0 {
                    if !inWord { inWord = true; wordStart = i }
                    acc = acc << 8 | UInt64(folded)
                    accBytes &+= 1
                    if accBytes & 7 == 0 { h = Self.absorb(h, acc); acc = 0 }
                } else {
                    if inWord {
                        words[count] = Self.finish(h, acc, accBytes)
                        acc = 0
                        accBytes = 0
                        ranges?[count] = wordStart..<i
                        count += 1
                        inWord = false
                        h = Mix64.basis
                    }
                    if b == 0x0A, checkLines {
                        if count > lineFirstWord, boilerplate.matches(UnsafeBufferPointer(rebasing: words[lineFirstWord..<count])) {
                            count = lineFirstWord
                        }
                        lineFirstWord = count
                    }
                }
                i += 1
                continue
            }
            // Non-ASCII: decode one scalar.
            var value: UInt32
            var length: Int
            if b & 0xE0 == 0xC0, i + 1 < n {
                value = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); length = 2
            } else if b & 0xF0 == 0xE0, i + 2 < n {
                value = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); length = 3
            } else if b & 0xF8 == 0xF0, i + 3 < n {
                value = UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                length = 4
            } else {
                value = 0xFFFD
                length = 1
            }
            if let folded = Self.alphanumericFolded(value) {
                if !inWord { inWord = true; wordStart = i }
                // A scalar counts as one 8-byte block of its own (tagged so it never equals ASCII bytes).
                h = Self.absorb(Self.absorb(h, acc), UInt64(folded) | 0xFF00_0000_0000_0000)
                acc = 0
                accBytes = (accBytes | 7) &+ 1
            } else {
                if inWord {
                    words[count] = Self.finish(h, acc, accBytes)
                    acc = 0
                    accBytes = 0
                    ranges?[count] = wordStart..<i
                    count += 1
                    inWord = false
                    h = Mix64.basis
                }
                if value == 0x2028 || value == 0x2029 || value == 0x85, checkLines {
                    if count > lineFirstWord, boilerplate.matches(UnsafeBufferPointer(rebasing: words[lineFirstWord..<count])) {
                        count = lineFirstWord
                    }
                    lineFirstWord = count
                }
            }
            i += length
        }
        if inWord {
            words[count] = Self.finish(h, acc, accBytes)
            ranges?[count] = wordStart..<n
            count += 1
        }
        if checkLines, count > lineFirstWord, boilerplate.matches(UnsafeBufferPointer(rebasing: words[lineFirstWord..<count])) {
            count = lineFirstWord
        }
        return count
    }

    /// Mixes one 8-byte block of a word into its hash.
    @inline(__always)
    static func absorb(_ h: UInt64, _ block: UInt64) -> UInt64 {
        let x = (h ^ block) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 29)
    }

    /// The word's hash from its blocks so far, the pending bytes and its length.
    @inline(__always)
    static func finish(_ h: UInt64, _ acc: UInt64, _ length: UInt64) -> UInt64 {
        Mix64.fmix(absorb(h, acc) ^ (length << 56))
    }

    /// ASCII letters lowercased, digits as they are, 0 for separators.
    static let asciiFold: [UInt8] = (0..<128).map { (b: Int) -> UInt8 in
        if b >= 0x41 && b <= 0x5A { return UInt8(b | 0x20) }
        if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { return UInt8(b) }
        return 0
    }

    /// The lowercased scalar when `value` is a letter or digit, else `nil` (a separator).
    @inline(__always)
    static func alphanumericFolded(_ value: UInt32) -> UInt32? {
        // Fast paths: general punctuation, spaces, Latin-1 punctuation and symbols are separators.
        if value >= 0x2000 && value <= 0x206F { return nil }
        if value >= 0x80 && value <= 0xBF { return value == 0xAA || value == 0xB5 || value == 0xBA ? value : nil }
        if value >= 0xC0 && value <= 0xDE { return value == 0xD7 ? nil : value + 0x20 }
        if value >= 0xDF && value <= 0xFF { return value == 0xF7 ? nil : value }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else { return nil }
        if properties.changesWhenLowercased, let lower = properties.lowercaseMapping.unicodeScalars.first { return lower.value }
        return value
    }
}
