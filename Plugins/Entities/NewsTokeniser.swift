/// Splits news text into tokens on UTF-8 bytes, in one pass, linear in the text's length.
///
/// Keeps together what news text writes as one unit: hyphenated names ("Zarb-Cousin"), money ("£3,000"),
/// signed percentages ("-58%"), hashtags ("#JC9"), handles ("@user"), URLs, e-mail addresses, initials
/// ("J.", "U.S."), abbreviations with their dot ("Mr."), numbers with separators ("1996-12-06"). Splits off
/// the possessive "'s"/"’s", curly and straight quotes, and a lower-case prefix before a capitalised word
/// ("pro-Jeremy" → "pro", "-", "Jeremy").
public enum NewsTokeniser {
    /// Abbreviations that keep their full stop (compared in lower case).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "rev", "jr", "sr",
        "inc", "ltd", "co", "corp", "no", "vs", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "etc", "est", "bros", "dept", "univ", "assn", "ave", "rd", "blvd", "cllr", "hon", "rt", "messrs", "mme", "mlle",
    ]

    /// The tokens of `bytes` (valid UTF-8).
    public static func tokenise(_ bytes: [UInt8]) -> [Token] {
        bytes.withUnsafeBufferPointer { tokenise($0) }
    }

    /// The kind a whole token would get (used for tokens given from outside, e.g. CoNLL files).
    public static func kind(of bytes: [UInt8]) -> TokenKind {
        let tokens = tokenise(bytes)
        if tokens.count == 1 { return tokens[0].kind }
        guard let first = bytes.first else { return .punctuation }
        if ScalarClass.isDigit(first) { return .number }
        return first < 0x80 && !ScalarClass.isASCIILetter(first) ? .punctuation : .word
    }

    static func tokenise(_ b: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 5 + 1)
        let n = b.count
        var i = 0
        var scalar = 0
        var sawNewline = false
        var sawSpace = false
        while i < n {
            let c = b[i]
            if ScalarClass.isASCIISpace(c) {
                if c == 0x0A || c == 0x0D { sawNewline = true }
                sawSpace = true
                i += 1
                scalar += 1
                continue
            }
            let (u, length) = ScalarClass.decode(b, i)
            if c >= 0x80 && ScalarClass.isSpace(u) {
                if u == 0x2028 || u == 0x2029 { sawNewline = true }
                sawSpace = true
                i += length
                scalar += 1
                continue
            }
            // A sign is attached to a preceding word or number, not to an opening bracket or quote: "(-58%)".
            var attached = (tokens.last?.byteEnd ?? -1) == i
            if attached, i > 0, [0x28, 0x5B, 0x7B, 0x22, 0x27, 0x2F].contains(b[i - 1]) || (i >= 3 && b[i - 3] == 0xE2 && b[i - 2] == 0x80
                && (b[i - 1] == 0x9C || b[i - 1] == 0x98)) {
                attached = b[i] == 0x27 || b[i] == 0xE2 ? attached : false
            }
            let (end, kind) = scanToken(b, i, u, length, attached: attached)
            var scalars = 0
            for k in i..<end where b[k] & 0xC0 != 0x80 { scalars += 1 }
            tokens.append(Token(byteStart: i, byteEnd: end, scalarStart: scalar, scalarEnd: scalar + scalars, kind: kind,
                                afterNewline: sawNewline, afterSpace: sawSpace))
            scalar += scalars
            i = end
            sawNewline = false
            sawSpace = false
        }
        return tokens
    }

    /// Scans one token starting at `i` (scalar `u` of `length` bytes); returns its end and kind.
    @inline(__always)
    static func scanToken(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ u: UInt32, _ length: Int, attached: Bool) -> (Int, TokenKind) {
        let n = b.count
        let c = b[i]
        if c == 0x68 || c == 0x48 || c == 0x77 || c == 0x57, let end = url(b, i) { return (end, .url) }
        if c == 0x40, i + 1 < n, isHandleByte(b[i + 1]) {
            var j = i + 1
            while j < n, isHandleByte(b[j]) { j += 1 }
            return (j, .handle)
        }
        if c == 0x23, i + 1 < n, startsWord(b, i + 1) {
            var j = i + 1
            while j < n {
                let (v, l) = ScalarClass.decode(b, j)
                guard isWordByte(b[j]) || b[j] == 0x5F || ScalarClass.isWordScalar(v) else { break }
                j += l
            }
            return (j, .hashtag)
        }
        if ScalarClass.isCurrency(u), i + length < n, ScalarClass.isDigit(b[i + length]) {
            var j = number(b, i + length)
            j = magnitude(b, j)
            return (j, .money)
        }
        if (c == 0x2D || c == 0x2B) && !attached, i + 1 < n, ScalarClass.isDigit(b[i + 1]) {
            let j = number(b, i + 1)
            if j < n, b[j] == 0x25 { return (j + 1, .percent) }
            return (j, .number)
        }
        if ScalarClass.isDigit(c) {
            var j = number(b, i)
            if j < n, b[j] == 0x25 { return (j + 1, .percent) }
            if j < n, startsWord(b, j) { j = word(b, j, dotted: false) }
            return (j, .number)
        }
        if ScalarClass.isApostrophe(u), attached, i + length < n, b[i + length] | 0x20 == 0x73,
           i + length + 1 >= n || !startsWord(b, i + length + 1) {
            return (i + length + 1, .possessive)
        }
        if ScalarClass.isASCIILetter(c) || ScalarClass.isWordScalar(u) {
            if let end = email(b, i) { return (end, .email) }
            return (word(b, i), .word)
        }
        return (i + length, .punctuation)
    }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool { ScalarClass.isASCIILetter(c) || ScalarClass.isDigit(c) }
    @inline(__always) static func isHandleByte(_ c: UInt8) -> Bool { isWordByte(c) || c == 0x5F }

    @inline(__always)
    static func startsWord(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        if isWordByte(b[i]) { return true }
        if b[i] < 0x80 { return false }
        return ScalarClass.isWordScalar(ScalarClass.decode(b, i).value)
    }

    /// A word: letters, digits and marks, with inner hyphens and apostrophes, initials and abbreviations.
    static func word(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, dotted: Bool = true) -> Int {
        let n = b.count
        var j = start
        var partStart = start
        var firstPartLower = true
        var parts = 0
        while true {
            // One part: letters, digits, marks.
            while j < n {
                if isWordByte(b[j]) { j += 1; continue }
                if b[j] < 0x80 { break }
                let (v, l) = ScalarClass.decode(b, j)
                guard ScalarClass.isWordScalar(v) else { break }
                j += l
            }
            if parts == 0 {
                for k in partStart..<j where ScalarClass.isUpper(b[k]) { firstPartLower = false; break }
            }
            parts += 1
            guard j < n else { return j }
            let (v, l) = ScalarClass.decode(b, j)
            if (v == 0x2D || v == 0x2010), j + l < n, startsWord(b, j + l) {
                // "pro-Jeremy": a lower-case prefix before a capitalised word stands alone.
                if parts == 1, firstPartLower, j - start <= 5, ScalarClass.isUpperScalar(ScalarClass.decode(b, j + l).value) {
                    return j
                }
                j += l
                partStart = j
                continue
            }
            if ScalarClass.isApostrophe(v), j + l < n, startsWord(b, j + l) {
                // Possessive 's stays a token of its own.
                if b[j + l] | 0x20 == 0x73, j + l + 1 >= n || !startsWord(b, j + l + 1) { return j }
                j += l
                partStart = j
                continue
            }
            if v == 0x2E, parts == 1, dotted {
                let wordLength = j - start
                if wordLength == 1, ScalarClass.isASCIILetter(b[start]) {
                    // Initials and dotted abbreviations: "J.", "U.S.", "e.g.".
                    var k = j + 1
                    while k + 1 < n, ScalarClass.isASCIILetter(b[k]), b[k + 1] == 0x2E { k += 2 }
                    return k
                }
                if wordLength <= 6, isAbbreviation(b, start, j) { return j + 1 }
            }
            return j
        }
    }

    static func isAbbreviation(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var s = ""
        for k in start..<end {
            guard ScalarClass.isASCIILetter(b[k]) else { return false }
            s.unicodeScalars.append(Unicode.Scalar(b[k] | 0x20))
        }
        return abbreviations.contains(s)
    }

    /// Digits with inner separators: "3,000.50", "1996-12-06", "10:30", "2-1", "1/2".
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        let n = b.count
        var j = start
        while j < n {
            if ScalarClass.isDigit(b[j]) { j += 1; continue }
            let c = b[j]
            if c == 0x2C || c == 0x2E || c == 0x3A || c == 0x2F || c == 0x2D, j + 1 < n, ScalarClass.isDigit(b[j + 1]) {
                j += 1
                continue
            }
            break
        }
        return j
    }

    /// A magnitude suffix after an amount: "m", "bn", "k", "tn" (when no letter follows).
    static func magnitude(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let n = b.count
        for suffix in [[UInt8(0x62), 0x6E], [0x74, 0x6E], [0x6D], [0x6B]] where j + suffix.count <= n {
            var match = true
            for (k, s) in suffix.enumerated() where b[j + k] != s { match = false; break }
            if match, j + suffix.count >= n || !startsWord(b, j + suffix.count) { return j + suffix.count }
        }
        return j
    }

    /// A URL starting at `i` ("http://", "https://", "www."), without trailing punctuation.
    static func url(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let n = b.count
        func has(_ prefix: StaticString) -> Bool {
            guard i + prefix.utf8CodeUnitCount <= n else { return false }
            let p = prefix.utf8Start
            for k in 0..<prefix.utf8CodeUnitCount where b[i + k] | 0x20 != p[k] | 0x20 { return false }
            return true
        }
        guard has("http://") || has("https://") || has("www.") else { return nil }
        var j = i
        while j < n, !ScalarClass.isASCIISpace(b[j]), b[j] != 0x3C, b[j] != 0x3E, b[j] != 0x22 {
            if b[j] >= 0x80 {
                let (v, l) = ScalarClass.decode(b, j)
                if ScalarClass.isSpace(v) || (v >= 0x2018 && v <= 0x201F) || v == 0x2026 { break }
                j += l
            } else {
                j += 1
            }
        }
        while j > i, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x29, 0x5D].contains(b[j - 1]) {
            if b[j - 1] == 0x29, b[i..<j].contains(0x28) { break }
            j -= 1
        }
        return j - i > 4 ? j : nil
    }

    /// An e-mail address starting at `i`: local@domain.tld.
    static func email(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let n = b.count
        var j = i
        while j < n, isWordByte(b[j]) || b[j] == 0x2E || b[j] == 0x5F || b[j] == 0x2D || b[j] == 0x2B { j += 1 }
        guard j < n, b[j] == 0x40, j > i else { return nil }
        var k = j + 1
        var dots = 0
        var lastDot = -1
        while k < n, isWordByte(b[k]) || b[k] == 0x2D || (b[k] == 0x2E && k + 1 < n && isWordByte(b[k + 1])) {
            if b[k] == 0x2E { dots += 1; lastDot = k }
            k += 1
        }
        guard dots > 0, k - lastDot > 2 else { return nil }
        return k
    }
}
