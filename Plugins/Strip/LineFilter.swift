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
    ]

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
        if length <= 120, Self.exactLines.contains(key) {
            return ["related posts", "related articles", "related stories", "related content", "related coverage", "related",
                    "more on this story", "you may also like", "you might also like", "recommended", "read more", "read next",
                    "most read", "most popular"].contains(key) ? "related heading" : "boilerplate line"
        }
        let lower = String(decoding: line.utf8.prefix(48), as: UTF8.self).lowercased()
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

    static func isBareURL(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { return false }
        return !line.contains(where: \.isWhitespace) && line.count > 10
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return ".!?\"”’:;)".unicodeScalars.contains(last)
    }
}
