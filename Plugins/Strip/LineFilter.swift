public import Foundation

/// Removes boilerplate lines from plain text and from strip's HTML output: by whole-line pattern,
/// position and shape, never because a word appears inside a real sentence. A bare URL on its own
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

    /// Lines that are boilerplate wherever they stand (compared lowercased, without surrounding punctuation).
    static let exactLines: Set<String> = [
        "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content", "paid content", "promoted",
        "story continues below advertisement", "article continues below advertisement", "continue reading below",
        "scroll to continue with content", "skip advert", "advertisement continue reading the main story",
        "continue reading the main story", "like love haha wow sad angry", "related posts", "related articles", "related stories",
        "related content", "related coverage", "related", "more on this story", "more from", "you may also like", "you might also like",
        "recommended", "recommended for you", "read more", "read next", "most read", "most popular", "trending", "trending now",
        "share this article", "share this story", "share this", "share", "share article", "share on facebook", "share on twitter",
        "tweet", "email", "e-mail", "print", "copy link", "copy link to clipboard", "link copied", "comments", "comment",
        "leave a comment", "leave a reply", "post a comment", "view comments", "show comments", "sign up", "subscribe",
        "subscribe now", "log in", "sign in", "image", "video", "watch", "listen", "play", "close", "menu", "home", "top",
        "back to top", "skip to content", "skip to main content", "loading", "loading…", "loading...", "getty images",
        "shutterstock", "ap photo", "reuters", "afp", "afp via getty images", "click to expand", "follow us", "all rights reserved",
        "you may also be interested in", "see also", "don't miss", "popular", "latest", "top stories", "newsletter",
        "to read the full story", "breaking news", "topics", "tags", "podcasts", "like this", "like loading", "related news",
        "tell us what you think", "what do you think", "most viewed", "editor's picks", "more stories", "more news",
        "anzeige", "werbung", "publicidad", "publicité", "pubblicità", "reklama", "iklan", "реклама", "advertentie", "annonce",
        "publicidade", "leia mais", "leia também", "lesen sie auch", "lire aussi", "lee también", "leggi anche",
    ]

    /// `exactLines` as `key` forms (apostrophes and punctuation become spaces).
    static let exactKeys: Set<String> = Set(exactLines.map { key($0) })

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

    /// A byline or date line: "By Tess Bonn - 11/19/19 06:56 AM EST", "Posted on March 30, 2015 by Admin",
    /// "PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: …", "Associated Press November 19, 2019, 9:02 AM".
    /// Only names, dates, times and byline words; never a line that reads as a sentence.
    static func isBylineOrDateLine(_ line: String, length: Int) -> Bool {
        guard length <= 140 else { return false }
        return bylineShape(line)
    }

    /// Words a byline or date line may hold besides names, dates and times.
    static let bylineWords: Set<String> = [
            "by", "posted", "published", "updated", "first", "last", "modified", "on", "at", "and", "filed", "under", "written",
            "staff", "reporter", "writer", "correspondent", "editor", "am", "pm", "a", "p", "m", "et", "est", "edt", "gmt", "utc",
            "bst", "pst", "pdt", "cst", "cdt", "uk", "the", "of", "news", "press", "associated", "agency", "wire", "wires", "reuters",
            "afp", "ap", "desk", "team", "contributor", "senior", "chief", "political", "admin", "updated", "date",
    ]
    static let bylineMarkers: Set<String> = ["by", "posted", "published", "updated", "written", "filed", "modified"]

    private static func bylineShape(_ line: String) -> Bool {
        let metaWords = bylineWords
        let words = key(line).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return false }
        var sawDate = false
        var names = 0
        var marker = false
        let markers = bylineMarkers
        let startsWithBy = words.first == "by"
        // Capitalised words of the original line are name candidates.
        let capitalised = Set(line.split(whereSeparator: { !$0.isLetter }).filter { $0.first?.isUppercase == true }.map { $0.lowercased() })
        for word in words {
            if DateParsing.months[word] != nil || DateParsing.weekdays.contains(word) || word.allSatisfy(\.isNumber) {
                sawDate = true
                continue
            }
            if metaWords.contains(word) {
                if markers.contains(word) { marker = true }
                continue
            }
            if capitalised.contains(word) {
                names += 1
                continue
            }
            return false
        }
        if startsWithBy { return names <= 8 }
        // A date with a byline word ("Posted on … by Admin"), or a date and time alone.
        return sawDate && (marker ? names <= 4 : names == 0)
    }

    /// "4 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto".
    static func isReadingTime(_ key: String) -> Bool {
        let words = key.split(separator: " ")
        guard words.count <= 6, words.contains(where: { $0.allSatisfy(\.isNumber) }) else { return false }
        return words.contains { ["min", "mins", "minute", "minutes", "minuto", "minutos", "minuten", "minuti"].contains($0) }
            && words.contains { ["read", "reading", "leitura", "lectura", "lesezeit", "lettura", "time"].contains($0) }
    }

    /// Exact lines that head a list of other stories; headline-shaped lines after them go too.
    static let relatedHeadings: Set<String> = Set([
        "related posts", "related articles", "related stories", "related content", "related coverage", "related",
        "more on this story", "you may also like", "you might also like", "recommended", "read more", "read next",
        "most read", "most popular", "related news", "more stories", "more news", "don't miss", "editor's picks", "most viewed",
    ].map { key($0) })

    /// Words a share bar is made of; a short line of only these is a share bar.
    static let shareWords: Set<String> = [
        "share", "facebook", "twitter", "whatsapp", "email", "e", "mail", "linkedin", "pinterest", "reddit", "print", "copy",
        "link", "messenger", "tweet", "pin", "save", "this", "article", "on", "x", "telegram", "sms", "flipboard", "tumblr",
        "comments", "comment", "story", "via", "more", "options",
    ]

    /// Line beginnings that mark boilerplate whatever follows (compared lowercased).
    static let prefixes: [String] = [
        "read more:", "read more »", "read more >", "read more at", "read more here", "read also:", "read next:", "also read:",
        "related:", "related article:", "related story:", "related link:", "see also:", "more:", "watch:", "listen:",
        "click here", "tap here", "image copyright", "image caption", "image source", "photo:", "photograph:", "photo credit",
        "picture:", "pictured:", "credit:", "(photo", "(image", "photo by", "image:", "video:", "sign up for", "sign up to",
        "subscribe to", "subscribe for", "follow us on", "follow @", "like us on facebook", "we use cookies", "this website uses cookies",
        "this site uses cookies", "by continuing to use", "by using this site", "by using our site", "copyright ©", "© copyright",
        "all rights reserved", "download the app", "get the app", "join the conversation", "have your say", "get our newsletter",
        "for the latest", "this article was originally published", "originally published", "additional reporting by",
        "source:", "sources:", "filed under:", "related roundup:", "have a tip?", "got a tip?", "like this story?", "like this article?",
        "let our news meet your inbox", "get the latest updates", "there's plenty more where that came from",
        "listen to", "to read the full story", "follow the ",
    ]

    /// Filters `lines` (paragraphs of a text, in order).
    public func filter(_ lines: [String]) -> Result {
        var result = Result(paragraphs: [], links: [], published: nil, removed: [])
        var afterRelatedHeading = false
        for (index, raw) in lines.enumerated() {
            let line = Self.isTrimmed(raw) ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            if let rule = rule(for: line, index: index, result: &result) {
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

    private func rule(for line: String, index: Int, result: inout Result) -> String? {
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
        if length <= 120, key.isEmpty { return "no letters" }
        if length <= 120, Self.isRelatedHeading(key) { return "related heading" }
        if length <= 120, Self.exactKeys.contains(key) {
            return Self.relatedHeadings.contains(key) ? "related heading" : "boilerplate line"
        }
        let lower = String(decoding: line.utf8.prefix(48), as: UTF8.self).lowercased()
        if length <= 400, Self.mayBeCredit(lower, line), Self.isCreditLine(line.lowercased(), length: length) { return "credit line" }
        if length <= 140, Self.isBylineOrDateLine(line, length: length) {
            if result.published == nil, index < 4, let date = DateParsing.dateline(line) { result.published = date }
            return "byline or date line"
        }
        if length <= 60, Self.isReadingTime(key) { return "reading time" }
        if length <= 100, Self.isPhotoCredit(line) { return "photo credit" }
        for prefix in Self.prefixes where lower.hasPrefix(prefix) {
            // A real sentence may start with "Photo by" only rarely; long lines ending a sentence are kept
            // unless the prefix is unambiguous furniture.
            if length > 250, Self.endsSentence(line), !prefix.hasSuffix(":") { continue }
            return "boilerplate prefix '\(prefix)'"
        }
        guard length <= 120 else { return nil }
        let words = key.split(separator: " ")
        if words.count <= 8, words.allSatisfy({ Self.shareWords.contains(String($0)) }), words.contains(where: { $0 != "this" && $0 != "on" && $0 != "article" }) {
            return "share bar"
        }
        if index < 4, result.published == nil, let date = DateParsing.dateline(line) {
            result.published = date
            return "dateline (moved to published)"
        }
        return nil
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
        if lower.hasPrefix("©") || lower.hasPrefix("(c) ") { return true }
        for agency in ["getty images", "afp", "ap photo", "reuters", "shutterstock", "epa", "alamy", "pa wire", "pa media", "bloomberg", "istock", "ap"]
        where lower.hasSuffix(agency) || lower.hasSuffix(agency + ")") {
            return lower.contains("|") || lower.contains("/") || lower.contains("photo") || lower.contains("image") || lower.contains("via")
        }
        return false
    }

    /// Cheap pre-check for `isCreditLine`: a credit prefix, or "contribut" somewhere in the line.
    static func mayBeCredit(_ lowerPrefix: String, _ line: String) -> Bool {
        if lowerPrefix.hasPrefix("(") || lowerPrefix.hasPrefix("reporting") || lowerPrefix.hasPrefix("additional") || lowerPrefix.hasPrefix("writing")
            || lowerPrefix.hasPrefix("editing") || lowerPrefix.hasPrefix("compiled") || lowerPrefix.hasPrefix("edited")
            || lowerPrefix.hasPrefix("produced") || lowerPrefix.hasPrefix("graphics") {
            return true
        }
        let needle = Array("contribut".utf8)
        var utf8 = Array(line.utf8)
        for i in utf8.indices where utf8[i] >= 0x41 && utf8[i] <= 0x5A { utf8[i] += 0x20 }
        guard utf8.count >= needle.count else { return false }
        for start in 0...(utf8.count - needle.count) where utf8[start] == needle[0] {
            if Array(utf8[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    static func isBareURL(_ line: String) -> Bool {
        let head = String(decoding: line.utf8.prefix(8), as: UTF8.self).lowercased()
        guard head.hasPrefix("http://") || head.hasPrefix("https://") || head.hasPrefix("www.") else { return false }
        return !line.contains(where: \.isWhitespace) && line.count > 10
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return ".!?\"”’:;)".unicodeScalars.contains(last)
    }
}
