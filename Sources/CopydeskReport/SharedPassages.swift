/// The passages two versions of a story share, found on their UTF-8 bytes: a word belongs to a shared
/// passage when it lies inside a run of `n` consecutive words (compared case-insensitively for ASCII)
/// that the other text also contains. What is not shared is what that version adds.
struct SharedPassages {
    /// A stretch of a text, shared with the other version or not.
    struct Segment: Equatable {
        var bytes: Range<Int>
        var shared: Bool
    }

    /// The segments of the first and the second text, each covering its text from start to end.
    let first: [Segment], second: [Segment]
    /// Words of each text, and how many of them are in shared passages.
    let firstWords: Int, secondWords: Int, firstShared: Int, secondShared: Int

    init(_ a: [UInt8], _ b: [UInt8], n: Int = 4) {
        let wordsA = Self.words(a), wordsB = Self.words(b)
        let hashesA = wordsA.map { Self.hash(a, $0) }, hashesB = wordsB.map { Self.hash(b, $0) }
        let gramsA = Set(Self.grams(hashesA, n)), gramsB = Set(Self.grams(hashesB, n))
        let sharedA = Self.covered(hashesA, n, by: gramsB), sharedB = Self.covered(hashesB, n, by: gramsA)
        first = Self.segments(count: a.count, words: wordsA, shared: sharedA)
        second = Self.segments(count: b.count, words: wordsB, shared: sharedB)
        firstWords = wordsA.count
        secondWords = wordsB.count
        firstShared = sharedA.filter { $0 }.count
        secondShared = sharedB.filter { $0 }.count
    }

    /// Words: maximal runs of ASCII letters and digits and of non-ASCII bytes (letters of other scripts).
    static func words(_ text: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for (index, byte) in text.enumerated() {
            let inWord = byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            if inWord {
                if start == nil { start = index }
            } else if let begun = start {
                result.append(begun..<index)
                start = nil
            }
        }
        if let begun = start { result.append(begun..<text.count) }
        return result
    }

    /// FNV-1a over the word's bytes, ASCII letters folded to lower case.
    static func hash(_ text: [UInt8], _ word: Range<Int>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text[word] {
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            value = (value ^ UInt64(folded)) &* 0x0000_0100_0000_01B3
        }
        return value
    }

    /// The hash of every run of `n` consecutive words (of the whole text when it has fewer).
    static func grams(_ hashes: [UInt64], _ n: Int) -> [UInt64] {
        guard !hashes.isEmpty else { return [] }
        let width = min(n, hashes.count)
        return (0...(hashes.count - width)).map { start in
            var value: UInt64 = 0x9E37_79B9_7F4A_7C15
            for hash in hashes[start..<start + width] { value = (value ^ hash) &* 0xBF58_476D_1CE4_E5B9 &+ 0x94D0_49BB_1331_11EB }
            return value
        }
    }

    /// For each word, whether a run of `n` words containing it is among `other`.
    static func covered(_ hashes: [UInt64], _ n: Int, by other: Set<UInt64>) -> [Bool] {
        var shared = [Bool](repeating: false, count: hashes.count)
        let width = min(n, hashes.count)
        for (start, gram) in grams(hashes, n).enumerated() where other.contains(gram) {
            for index in start..<start + width { shared[index] = true }
        }
        return shared
    }

    /// Maximal stretches of the text; what lies between two shared words is shared, every other gap
    /// goes with the stretch that is not.
    static func segments(count: Int, words: [Range<Int>], shared: [Bool]) -> [Segment] {
        var result: [Segment] = []
        func extend(to end: Int, shared: Bool) {
            guard end > (result.last?.bytes.upperBound ?? 0) else { return }
            if let last = result.last, last.shared == shared {
                result[result.count - 1].bytes = last.bytes.lowerBound..<end
            } else {
                result.append(Segment(bytes: (result.last?.bytes.upperBound ?? 0)..<end, shared: shared))
            }
        }
        for (index, word) in words.enumerated() {
            let previousShared = index > 0 && shared[index - 1]
            extend(to: word.lowerBound, shared: previousShared && shared[index])
            extend(to: word.upperBound, shared: shared[index])
        }
        extend(to: count, shared: false)
        return result
    }
}
