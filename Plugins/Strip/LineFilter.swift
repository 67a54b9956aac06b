public import Foundation

/// Removes boilerplate lines from plain text and from strip's HTML output: by whole-line pattern,
/// position and shape, never because a word appears inside a real sentence. The whole lines, line
/// beginnings and words come per language from data files (``BoilerplateRules``). A bare URL on its own
/// line moves to `links`; a dateline near the top becomes `published`.
public struct LineFilter: Sendable {
    /// What filtering one text produced.
    public struct Result: Sendable, Equatable {
        public var paragraphs: [String]
        public var links: [String]
        public var published: String?
        /// Each removed line with the rule that removed it, for tests and debugging.
        public var removed: [(line: String, rule: String)]

        public static func == (a: Result, b: Result) -> Bool {
            a.paragraphs == b.paragraphs && a.links == b.links && a.published == b.published
                && a.removed.map(\.line) == b.removed.map(\.line)
        }
    }

    /// Extra whole-line patterns from the pipeline file (regular expressions, case-insensitive).
    private let userPatterns: [NSRegularExpression]
    private let builtIn: Bool

    public init(userPatterns: [NSRegularExpression] = [], builtIn: Bool = true) {
        self.userPatterns = userPatterns
        self.builtIn = builtIn
    }

    /// Compiles user patterns, naming the one that does not compile.
    public static func compile(_ patterns: [String]) -> Swift.Result<[NSRegularExpression], ConfigErrorMessage> {
        var compiled: [NSRegularExpression] = []
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive]) else {
                return .failure(ConfigErrorMessage(text: "boilerplate pattern '\(pattern)' is not a valid regular expression"))
            }
            compiled.append(regex)
        }
        return .success(compiled)
    }

    /// A message for a pattern that does not compile.
    public struct ConfigErrorMessage: Error, Sendable {
        public var text: String
    }

    /// Headings that introduce lists of other stories ("More Great WIRED Stories", "Must Read Bits & Bytes").
    static func isRelatedHeading(_ key: String) -> Bool {
        let words = key.split(separator: " ")
        guard (2...6).contains(words.count), let first = words.first, let last = words.last else { return false }
        return relatedOpeners.contains(first) && relatedClosers.contains(last)
    }

    static let relatedOpeners: Set<Substring> = ["more", "must", "related", "recommended", "popular", "latest", "top", "other", "also", "trending", "editors", "further"]
    static let relatedClosers: Set<Substring> = ["stories", "news", "articles", "posts", "reads", "read", "videos", "coverage", "bytes", "picks", "reading", "links", "roundup"]

    /// Credit lines of wire copy: "(Reporting by …; Editing by …)", "X contributed reporting from Y."
    static func isCreditLine(_ lower: String, length: Int) -> Bool {
        guard length <= 400 else { return false }
        var text = Substring(lower)
        if text.hasPrefix("(") { text = text.dropFirst() }
        for prefix in ["reporting by", "additional reporting by", "writing by", "editing by", "compiled by", "edited by", "produced by", "graphics by"]
        where text.hasPrefix(prefix) {
            return true
        }
        let trimmed = lower.trimmingCharacters(in: CharacterSet(charactersIn: ".) "))
        return trimmed.hasSuffix("contributed reporting") || trimmed.hasSuffix("contributed to this report")
            || trimmed.hasSuffix("contributed to this story") || trimmed.hasSuffix("contributed to this article")
            || (trimmed.contains("contributed reporting from") && length <= 160)
            || (trimmed.contains("contributed to this report") && length <= 400)
    }

    /// What a byline-shaped line is: a byline (starts with "By", or holds a byline word such as
    /// "Posted" with a date), or a date and time alone.
    enum BylineShape: Equatable {
        case byline
        case dateOnly
    }

    /// Words a byline or date line may hold besides names, dates and times.
    static let bylineWords: Set<String> = [
            "by", "posted", "published", "updated", "first", "last", "modified", "on", "at", "and", "filed", "under", "written",
            "staff", "reporter", "writer", "correspondent", "editor", "am", "pm", "a", "p", "m", "et", "est", "edt", "gmt", "utc",
            "bst", "pst", "pdt", "cst", "cdt", "uk", "the", "of", "news", "press", "associated", "agency", "wire", "wires", "reuters",
            "afp", "ap", "desk", "team", "contributor", "senior", "chief", "political", "admin", "updated", "date",
    ]
    static let bylineMarkers: Set<String> = ["by", "posted", "published", "updated", "written", "filed", "modified"]

    /// The shape of a byline or date line — "By Tess Bonn - 11/19/19 06:56 AM EST", "Posted on March 30, 2015
    /// by Admin", "PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: …", "Associated Press November 19,
    /// 2019, 9:02 AM" — made only of names (capitalised words), dates, times and byline words; nil for a
    /// line with any other word (a line that reads as a sentence).
    /// With `plainText` a byline must start with its byline word ("By …", "Posted on …", "Updated …"):
    /// in wire copy a row such as "USX, 75,000, 49-5/8, UP 3/8, CROSSED BY FIRST BOSTON" or "Acquired by
    /// CCC 86.8 258.4" is all capitals and figures, the shape of a byline without being one.
    /// `rules` adds the date words, date fillers and byline words of the page's language ("Von …",
    /// "Aktualisiert am 12. März 2024, 14:30 Uhr").
    static func bylineShape(_ line: String, plainText: Bool = false, rules: BoilerplateRules = .all) -> BylineShape? {
        var sawDate = false
        var names = 0
        var marker = false
        var startsWithBy = false
        var startsWithMarker = false
        var first = true
        // Each word is classified as it comes: the first that is no name, date or byline word ends the walk.
        func classify(_ word: String, capitalised: Bool) -> Bool {
            defer { first = false }
            if first, word == "by" || rules.bylineStarts.contains(word) { startsWithBy = true }
            let isMarker = bylineMarkers.contains(word) || rules.bylineMarkers.contains(word)
            if first, isMarker { startsWithMarker = true }
            if DateParsing.months[word] != nil || DateParsing.weekdays.contains(word) || rules.dateWords.contains(word)
                || word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                sawDate = true
                return true
            }
            if isMarker || bylineWords.contains(word) || rules.dateFillers.contains(word) || rules.bylineStarts.contains(word) {
                if isMarker { marker = true }
                return true
            }
            if capitalised {
                names += 1
                return true
            }
            return false
        }
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: words are the runs of letters and digits, read straight from the bytes.
            var line = line
            let complete = line.withUTF8 { bytes -> Bool in
                var k = 0
                let n = bytes.count
                while k < n {
                    while k < n, !isAlphanumeric(bytes[k]) { k += 1 }
                    guard k < n else { break }
                    let start = k
                    while k < n, isAlphanumeric(bytes[k]) { k += 1 }
                    let capitalised = bytes[start] >= 0x41 && bytes[start] <= 0x5A
                    let word = String(unsafeUninitializedCapacity: k - start) { out in
                        for i in start..<k { out[i - start] = lowered(bytes[i]) }
                        return k - start
                    }
                    if !classify(word, capitalised: capitalised) { return false }
                }
                return true
            }
            guard complete, !first else { return nil }
        } else {
            let words = key(line).split(separator: " ").map(String.init)
            guard !words.isEmpty else { return nil }
            // Capitalised words of the original line are name candidates.
            let capitalised = Set(line.split(whereSeparator: { !$0.isLetter }).filter { $0.first?.isUppercase == true }.map { $0.lowercased() })
            for word in words where !classify(word, capitalised: capitalised.contains(word)) { return nil }
        }
        if startsWithBy { return names <= 8 ? .byline : nil }
        if plainText && marker && !startsWithMarker { return nil }
        // A date with a byline word ("Posted on … by Admin"), or a date and time alone.
        guard sawDate else { return nil }
        if marker { return names <= 4 ? .byline : nil }
        return names == 0 ? .dateOnly : nil
    }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// "4 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto".
    static func isReadingTime(_ key: String, rules: BoilerplateRules = .all) -> Bool {
        let words = key.split(separator: " ")
        guard words.count <= 6, words.contains(where: { $0.allSatisfy(\.isNumber) }) else { return false }
        return words.contains { rules.readingUnits.contains(String($0)) } && words.contains { rules.readingWords.contains(String($0)) }
    }

    /// Filters `lines` (paragraphs of a text, in order). Each element is a whole paragraph: a rule
    /// removes it only when the whole paragraph is boilerplate, never a piece of a sentence.
    ///
    /// With `plainText` the paragraphs come from a plain text (wire copy, a text dump) rather than from a
    /// page's markup, where a row of figures or a date is content: a paragraph with a digit is never
    /// "no letters" furniture, and a date-only paragraph (no byline word such as "By" or "Posted") goes
    /// only among the first four, as the story's dateline (`published`).
    ///
    /// `language` (the page's `lang`, or the document's language) chooses the built-in rules:
    /// ``BoilerplateRules/forLanguage(_:)``.
    public func filter(_ lines: [String], plainText: Bool = false, language: String? = nil) -> Result {
        let rules = BoilerplateRules.forLanguage(language)
        var result = Result(paragraphs: [], links: [], published: nil, removed: [])
        var afterRelatedHeading = false
        for (index, raw) in lines.enumerated() {
            let line = Self.isTrimmed(raw) ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            if let rule = rule(for: line, index: index, plainText: plainText, rules: rules, result: &result) {
                result.removed.append((line, rule))
                if rule == "related heading" { afterRelatedHeading = true }
                continue
            }
            // Headline-shaped lines straight after a "Related" heading are its links.
            if afterRelatedHeading, line.count < 140, !Self.endsSentence(line) {
                result.removed.append((line, "related link"))
                continue
            }
            afterRelatedHeading = false
            result.paragraphs.append(line)
        }
        return result
    }

    private func rule(for line: String, index: Int, plainText: Bool, rules: BoilerplateRules, result: inout Result) -> String? {
        for regex in userPatterns where regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
            return "pipeline pattern"
        }
        if Self.isBareURL(line) {
            result.links.append(line)
            return "bare URL (moved to links)"
        }
        guard builtIn else { return nil }
        let length = line.utf8.count
        // Whole-line rules only concern short lines; long ones are checked for prefixes only.
        let key = length <= 120 ? Self.key(line) : ""
        if length <= 120, key.isEmpty, !(plainText && Self.hasDigit(line)) { return "no letters" }
        if length <= 120, Self.isRelatedHeading(key) || rules.relatedKeys.contains(key) { return "related heading" }
        if length <= 120, rules.exactKeys.contains(key) {
            return rules.relatedKeys.contains(key) ? "related heading" : "boilerplate line"
        }
        if length <= 400, Self.mayBeCredit(line), Self.isCreditLine(line.lowercased(), length: length) { return "credit line" }
        if length <= 140, let shape = Self.bylineShape(line, plainText: plainText, rules: rules) {
            if shape == .byline || !plainText {
                if result.published == nil, index < 4, let date = DateParsing.dateline(line) { result.published = date }
                return "byline or date line"
            }
            if index < 4, result.published == nil, let date = DateParsing.dateline(line) {
                result.published = date
                return "dateline (moved to published)"
            }
        }
        if length <= 60, Self.isReadingTime(key, rules: rules) { return "reading time" }
        if length <= 100, Self.isPhotoCredit(line) { return "photo credit" }
        if let prefix = Self.boilerplatePrefix(of: line, rules: rules) {
            // A real sentence may start with "Photo by" only rarely; long lines ending a sentence are kept
            // unless the prefix is unambiguous furniture.
            if !(length > 250 && Self.endsSentence(line) && !prefix.hasSuffix(":")) {
                return "boilerplate prefix '\(prefix)'"
            }
        }
        guard length <= 120 else { return nil }
        let words = key.split(separator: " ")
        if words.count <= 8, words.allSatisfy({ rules.shareWords.contains(String($0)) }), words.contains(where: { $0 != "this" && $0 != "on" && $0 != "article" }) {
            return "share bar"
        }
        if index < 4, result.published == nil, let date = DateParsing.dateline(line) {
            result.published = date
            return "dateline (moved to published)"
        }
        return nil
    }

    /// The line beginning of `rules` that `line` starts with (ASCII letters compared case-insensitively;
    /// other letters as the data file writes them, lowercase).
    static func boilerplatePrefix(of line: String, rules: BoilerplateRules = .all) -> String? {
        var line = line
        return line.withUTF8 { bytes -> String? in
            guard let first = bytes.first else { return nil }
            let candidates = rules.prefixesByFirstByte[Int(lowered(first))]
            if candidates.isEmpty { return nil }
            for candidate in candidates where candidate.bytes.count <= bytes.count {
                var k = 1
                while k < candidate.bytes.count, lowered(bytes[k]) == candidate.bytes[k] { k += 1 }
                if k == candidate.bytes.count { return candidate.text }
            }
            return nil
        } ?? nonASCIICapitalPrefix(of: line, rules: rules)
    }

    /// A line starting with a capital letter outside ASCII ("À lire aussi", "Źródło:"): compared lowercased.
    private static func nonASCIICapitalPrefix(of line: String, rules: BoilerplateRules) -> String? {
        guard let first = line.utf8.first, first >= 0x80, let character = line.first, character.isUppercase else { return nil }
        let lower = String(line.prefix(60)).lowercased()
        guard let lowerFirst = lower.utf8.first else { return nil }
        let bytes = Array(lower.utf8)
        for candidate in rules.prefixesByFirstByte[Int(lowerFirst)] where candidate.bytes.count <= bytes.count {
            if bytes.starts(with: candidate.bytes) { return candidate.text }
        }
        return nil
    }

    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// Whether `line` holds an ASCII digit.
    static func hasDigit(_ line: String) -> Bool {
        line.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Lowercased letters, digits and single spaces only.
    static func key(_ line: String) -> String {
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(line.utf8.count)
            var space = false
            for byte in line.utf8 {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if space, !bytes.isEmpty { bytes.append(0x20) }
                    bytes.append(lower)
                    space = false
                } else {
                    space = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var space = false
        for scalar in line.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if space, !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(scalar)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// Whether `line` has no surrounding whitespace (the common case, checked on bytes).
    static func isTrimmed(_ line: String) -> Bool {
        guard let first = line.utf8.first, let last = line.utf8.last else { return true }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0xC2 || b == 0xA0 || b == 0xE2 || b == 0x80 }
        return !space(first) && !space(last)
    }

    /// "Natalie Naccache | Bloomberg | Getty Images", "© Aaron Schwartz", "Photo: AP".
    static func isPhotoCredit(_ line: String) -> Bool {
        let lower = line.lowercased()
        if lower.hasPrefix("©") { return true }
        // "(c) 2019 Example News", but not a footnote keyed "(c)": "(C) - Sales made on exporters' own account."
        if lower.hasPrefix("(c) ") { return !endsSentence(line) || lower.contains(where: \.isNumber) }
        for agency in ["getty images", "afp", "ap photo", "reuters", "shutterstock", "epa", "alamy", "pa wire", "pa media", "bloomberg", "istock", "ap"]
        where lower.hasSuffix(agency) || lower.hasSuffix(agency + ")") {
            return lower.contains("|") || lower.contains("/") || lower.contains("photo") || lower.contains("image") || lower.contains("via")
        }
        return false
    }

    /// Cheap pre-check for `isCreditLine`: a credit prefix, or "contribut" somewhere in the line.
    static func mayBeCredit(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes -> Bool in
            guard let first = bytes.first else { return false }
            switch lowered(first) {
            case 0x28:  // "("
                return true
            case 0x61, 0x63, 0x65, 0x67, 0x70, 0x72, 0x77:  // additional, compiled, editing/edited, graphics, produced, reporting, writing
                for prefix in creditPrefixes where prefix.count <= bytes.count && prefix[0] == lowered(first) {
                    var k = 1
                    while k < prefix.count, lowered(bytes[k]) == prefix[k] { k += 1 }
                    if k == prefix.count { return true }
                }
            default:
                break
            }
            let needle: [UInt8] = Array("contribut".utf8)
            guard bytes.count >= needle.count else { return false }
            var start = 0
            while start + needle.count <= bytes.count {
                if lowered(bytes[start]) == 0x63 {
                    var k = 1
                    while k < needle.count, lowered(bytes[start + k]) == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    static let creditPrefixes: [[UInt8]] = ["reporting", "additional", "writing", "editing", "compiled", "edited", "produced", "graphics"].map { Array($0.utf8) }

    static func isBareURL(_ line: String) -> Bool {
        guard let first = line.utf8.first, lowered(first) == 0x68 || lowered(first) == 0x77 else { return false }  // h, w
        let head = String(decoding: line.utf8.prefix(8), as: UTF8.self).lowercased()
        guard head.hasPrefix("http://") || head.hasPrefix("https://") || head.hasPrefix("www.") else { return false }
        return !line.contains(where: \.isWhitespace) && line.count > 10
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return ".!?\"”’:;)".unicodeScalars.contains(last)
    }
}
