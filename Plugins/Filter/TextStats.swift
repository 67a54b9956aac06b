/// Counts the text-quality conditions read, measured in one pass over the UTF-8 bytes.
///
/// A *word* is a maximal run of non-space characters holding at least one letter or digit (so a lone
/// dash or bullet is not a word); its length is in characters (code points). A *line* is a non-empty
/// line (after trimming spaces) between newlines.
public struct TextStats: Sendable, Equatable {
    /// Code points, spaces included.
    public var characters = 0
    /// Code points that are not white space.
    public var visible = 0
    /// Letters (Unicode Alphabetic) and decimal digits among the visible characters.
    public var letters = 0
    public var digits = 0
    public var words = 0
    /// Characters in words, for the mean word length.
    public var wordCharacters = 0
    /// Non-empty lines, those whose last visible character is terminal punctuation, and those equal
    /// (trimmed) to an earlier line. `repeatedLines` is counted only when asked for, the other two
    /// unless asked not to be.
    public var lines = 0
    public var punctuatedLines = 0
    public var repeatedLines = 0

    public init() {}

    /// Share of visible characters that are letters (0 for text with nothing visible).
    public var letterShare: Double { visible == 0 ? 0 : Double(letters) / Double(visible) }
    /// Share of visible characters that are digits.
    public var digitShare: Double { visible == 0 ? 0 : Double(digits) / Double(visible) }
    /// Mean word length in characters (0 without words).
    public var meanWordLength: Double { words == 0 ? 0 : Double(wordCharacters) / Double(words) }
    /// Share of lines ending in terminal punctuation (0 without lines).
    public var punctuatedLineShare: Double { lines == 0 ? 0 : Double(punctuatedLines) / Double(lines) }
    /// Share of lines that repeat an earlier line (0 without lines).
    public var repeatedLineShare: Double { lines == 0 ? 0 : Double(repeatedLines) / Double(lines) }

    /// Measures `text`; `repeats` also counts repeated lines (hashing each line); without `lines`,
    /// lines and punctuated lines are not counted (left at 0) unless `repeats` needs them.
    public static func measure(_ text: String, repeats: Bool = false, lines: Bool = true) -> TextStats {
        var copy = text
        return copy.withUTF8 { measure(bytes: $0, repeats: repeats, lines: lines) }
    }

    /// Measures UTF-8 `bytes` (invalid sequences count as one visible non-letter character each);
    /// `repeats` and `lines` as for ``measure(_:repeats:lines:)``.
    public static func measure(bytes: UnsafeBufferPointer<UInt8>, repeats: Bool, lines: Bool = true) -> TextStats {
        guard !bytes.isEmpty else { return TextStats() }
        let lines = lines || repeats
        var s = countASCII(bytes, lines: lines) ?? countByCharacter(bytes)
        if !lines {
            s.lines = 0
            s.punctuatedLines = 0
        }
        if repeats, s.lines > 1 { s.repeatedLines = countRepeatedLines(bytes, lines: s.lines) }
        return s
    }

    /// The counts of ``count(_:classes:table:next:)`` with its tables: any UTF-8.
    static func countByCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> TextStats {
        asciiClasses.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                nextStates.withUnsafeBufferPointer { next in
                    count(bytes, classes: classes.baseAddress.unsafelyUnwrapped, table: table.baseAddress.unsafelyUnwrapped,
                          next: next.baseAddress.unsafelyUnwrapped)
                }
            }
        }
    }

    /// The counts of ``measure(bytes:repeats:)`` but repeated lines, in one pass over the bytes.
    ///
    /// A small state machine: the state is four bits (the previous character was a space; the current
    /// run of non-space characters holds a letter or digit; the line holds something visible; its last
    /// visible character is terminal punctuation), each character one of six classes, and one
    /// ``Transition`` per pair gives the next state and what to add to seven counters packed 16 bits each
    /// in two integers (unpacked before a lane can overflow). A run that ends without a letter or digit is
    /// no word: its characters are taken back from the word characters. ASCII is classified by table;
    /// other characters by ``nonASCII(_:at:)``.
    ///
    /// Each character's transition depends on the one before, so one stream of characters waits for
    /// every table load. A text of more than a few hundred bytes is cut after a newline near its middle
    /// (where the state is the initial one again) and its two halves are read in step, each with its own
    /// state, into the same counters.
    static func count(
        _ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafePointer<UInt8>, table: UnsafePointer<Transition>, next: UnsafePointer<UInt8>
    ) -> TextStats {
        let n = bytes.count
        var counters = Counters()
        var second = Stream(from: n, to: n)
        var first = Stream(from: 0, to: n)
        if n >= 256, let cut = UnsafeBufferPointer(rebasing: bytes[(n / 2)...]).firstIndex(of: 0x0A) {
            first = Stream(from: 0, to: n / 2 + cut + 1)
            second = Stream(from: n / 2 + cut + 1, to: n)
        }
        while true {
            // At most 32,000 characters of each between unpackings (a lane holds 65,535); a character is
            // at most 4 bytes, so neither stream can pass its end.
            let steps = min(32_000, (first.end - first.i) / 4, (second.end - second.i) / 4)
            if steps == 0 { break }
            for _ in 0..<steps {
                first.step(bytes, classes, table, next, &counters)
                second.step(bytes, classes, table, next, &counters)
            }
            counters.unpack()
        }
        drain(&first, bytes, classes, table, next, &counters)
        drain(&second, bytes, classes, table, next, &counters)
        counters.unpack()
        var s = counters.total
        s.characters += n
        // Characters in words: every visible character but those of runs with no letter or digit.
        s.wordCharacters = s.visible - counters.bareCharacters
        return s
    }

    /// Reads the rest of `stream` alone, then ends its last word and line as a newline would (after the
    /// first half's own newline, that changes nothing).
    static func drain(
        _ stream: inout Stream, _ bytes: UnsafeBufferPointer<UInt8>, _ classes: UnsafePointer<UInt8>, _ table: UnsafePointer<Transition>,
        _ next: UnsafePointer<UInt8>, _ counters: inout Counters
    ) {
        var sinceUnpack = 0
        while stream.i < stream.end {
            stream.step(bytes, classes, table, next, &counters)
            sinceUnpack &+= 1
            if sinceUnpack == 60_000 {
                counters.unpack()
                sinceUnpack = 0
            }
        }
        counters.unpack()
        stream.step(Int(newlineClass), length: 0, table, next, &counters)
    }

    /// One stream of characters: where it is, where it ends, its state and the length of its current
    /// run of non-space characters.
    struct Stream {
        var i: Int
        let end: Int
        var state = Int(initialState) << 3
        var runCharacters = 0

        init(from: Int, to: Int) {
            i = from
            end = to
        }

        /// Reads the character at `i`.
        @inline(__always)
        mutating func step(
            _ bytes: UnsafeBufferPointer<UInt8>, _ classes: UnsafePointer<UInt8>, _ table: UnsafePointer<Transition>, _ next: UnsafePointer<UInt8>,
            _ counters: inout Counters
        ) {
            let b = bytes[i]
            if b < 0x80 {
                step(Int(classes[Int(b)]), length: 1, table, next, &counters)
            } else {
                let (characterClass, length) = nonASCII(bytes, at: i)
                step(Int(characterClass), length: length, table, next, &counters)
                counters.total.characters &-= length &- 1
            }
        }

        /// Counts a character of this class and length.
        @inline(__always)
        mutating func step(_ characterClass: Int, length: Int, _ table: UnsafePointer<Transition>, _ next: UnsafePointer<UInt8>, _ counters: inout Counters) {
            let index = state | characterClass
            // The next state from a byte table of its own: the one load each character waits for.
            state = Int(next[index])
            let t = table[index]
            counters.first &+= t.first
            counters.second &+= t.second
            counters.bareCharacters &+= runCharacters & (0 &- Int(t.second >> 52 & 1))
            runCharacters = (runCharacters &+ 1) & (0 &- Int(t.second >> 53 & 1))
            i &+= length
        }
    }

    /// The counts so far: seven packed 16 bits each in two integers (visible, letters, digits, run
    /// starts in `first`; runs without a letter or digit, lines, punctuated lines in `second`), and the
    /// characters of runs without a letter or digit.
    struct Counters {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var bareCharacters = 0
        var total = TextStats()

        /// Adds the packed lanes to `total` and clears them.
        mutating func unpack() {
            let lane: UInt64 = 0xFFFF
            total.visible += Int(first & lane)
            total.letters += Int(first >> 16 & lane)
            total.digits += Int(first >> 32 & lane)
            total.words += Int(first >> 48) - Int(second & lane)
            total.lines += Int(second >> 16 & lane)
            total.punctuatedLines += Int(second >> 32 & lane)
            first = 0
            second = 0
        }
    }

    /// What one character does: lane increments, and in the top bits of `second` (never read as a
    /// lane) the next state (bits 48–51), whether a run without a letter or digit ended (52) and whether
    /// the character is part of a run (53).
    struct Transition {
        var first: UInt64
        var second: UInt64
    }

    // Character classes.
    static let otherClass: UInt8 = 0, letterClass: UInt8 = 1, digitClass: UInt8 = 2, terminalClass: UInt8 = 3
    static let spaceClass: UInt8 = 4, newlineClass: UInt8 = 5
    // State bits.
    static let previousSpace = 1, runHasAlnum = 2, lineVisible = 4, lastTerminal = 8
    static let initialState = UInt8(previousSpace)

    /// The next state of each (state, class) pair, shifted left by 3 like the index it makes.
    static let nextStates: [UInt8] = transitions.map { UInt8(truncatingIfNeeded: $0.second >> 45 & 0x78) }

    /// Every (state, class) pair's transition, at `state << 3 | class`.
    static let transitions: [Transition] = (0..<128).map { (index: Int) -> Transition in
        let state = index >> 3, characterClass = UInt8(index & 7)
        guard characterClass <= newlineClass else { return Transition(first: 0, second: UInt64(state) << 48) }
        let space = characterClass >= spaceClass
        let alnum = characterClass == letterClass || characterClass == digitClass
        let wasSpace = state & previousSpace != 0
        let hadAlnum = state & runHasAlnum != 0
        let lineHad = state & lineVisible != 0
        let lastWasTerminal = state & lastTerminal != 0
        var first: UInt64 = 0, second: UInt64 = 0
        if !space { first += 1 }
        if characterClass == letterClass { first += 1 << 16 }
        if characterClass == digitClass { first += 1 << 32 }
        if !space, wasSpace { first += 1 << 48 }
        let bare = space && !wasSpace && !hadAlnum
        if bare { second += 1 }
        var next = 0
        if space { next |= previousSpace }
        if !space, hadAlnum || alnum { next |= runHasAlnum }
        if characterClass == newlineClass {
            if lineHad { second += 1 << 16 }
            if lineHad, lastWasTerminal { second += 1 << 32 }
        } else if !space || lineHad {
            next |= lineVisible
        }
        if space ? lastWasTerminal : characterClass == terminalClass { next |= lastTerminal }
        second |= UInt64(next) << 48 | (bare ? 1 << 52 : 0) | (space ? 0 : 1 << 53)
        return Transition(first: first, second: second)
    }

    /// The class of each ASCII byte: white space (the newline its own class), letters, digits, terminal
    /// punctuation (`. ! ? " ' )`); other bytes, controls included, are visible and nothing else.
    static let asciiClasses: [UInt8] = (0..<128).map { (b: Int) -> UInt8 in
        switch b {
        case 0x0A: newlineClass
        case 0x09, 0x0B, 0x0C, 0x0D, 0x20: spaceClass
        case 0x41...0x5A, 0x61...0x7A: letterClass
        case 0x30...0x39: digitClass
        case 0x2E, 0x21, 0x3F, 0x22, 0x27, 0x29: terminalClass
        default: otherClass
        }
    }

    /// The class and length of the non-ASCII character at `i`.
    @inline(never)
    static func nonASCII(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int) {
        let (value, length) = decode(bytes, at: i)
        if let scalar = Unicode.Scalar(value) {
            let properties = scalar.properties
            if properties.isWhitespace { return (spaceClass, length) }
            if properties.isAlphabetic { return (letterClass, length) }
            if properties.numericType == .decimal { return (digitClass, length) }
        }
        return (isTerminal(value) ? terminalClass : otherClass, length)
    }

    /// Lines (trimmed of ASCII spaces and tabs) equal to an earlier one: hashes sorted in a temporary buffer.
    static func countRepeatedLines(_ bytes: UnsafeBufferPointer<UInt8>, lines: Int) -> Int {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: lines) { hashes in
            var count = 0
            var start = 0
            let n = bytes.count
            while start <= n, count < lines {
                var end = start
                while end < n, bytes[end] != 0x0A { end += 1 }
                var a = start, z = end
                while a < z, bytes[a] == 0x20 || bytes[a] == 0x09 || bytes[a] == 0x0D { a += 1 }
                while z > a, bytes[z - 1] == 0x20 || bytes[z - 1] == 0x09 || bytes[z - 1] == 0x0D { z -= 1 }
                if a < z {
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for k in a..<z { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
                    hashes[count] = h
                    count += 1
                }
                start = end + 1
            }
            var used = UnsafeMutableBufferPointer(rebasing: hashes[0..<count])
            used.sort()
            var distinct = count > 0 ? 1 : 0
            if count > 1 {
                for k in 1..<count where used[k] != used[k - 1] { distinct += 1 }
            }
            return count - distinct
        }
    }

    /// Decodes the scalar at `i` (a lead byte ≥ 0x80); an invalid sequence is U+FFFD of length 1.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        let n = bytes.count
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < n, bytes[k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[k] & 0x3F)
        }
        if b0 >= 0xC2, b0 <= 0xDF, let c1 = cont(i + 1) { return ((b0 & 0x1F) << 6 | c1, 2) }
        if b0 >= 0xE0, b0 <= 0xEF, let c1 = cont(i + 1), let c2 = cont(i + 2) {
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if v >= 0x800, !(0xD800...0xDFFF).contains(v) { return (v, 3) }
        }
        if b0 >= 0xF0, b0 <= 0xF4, let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if v >= 0x10000, v <= 0x10FFFF { return (v, 4) }
        }
        return (0xFFFD, 1)
    }

    /// Terminal punctuation, ending a line: . ! ? " ' ) … ” ’ » 。 ！ ？ ؟ । ｡
    @inline(__always)
    static func isTerminal(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E, 0x21, 0x3F, 0x22, 0x27, 0x29, 0x2026, 0x201D, 0x2019, 0x00BB, 0x3002, 0xFF01, 0xFF1F, 0x061F, 0x0964, 0xFF61: true
        default: false
        }
    }
}
