import CopydeskCore

/// One test of a document, the leaf of a ``Condition``.
public enum ConditionTest: Sendable {
    /// Words in the text (see ``TextStats``) within the bounds.
    case words(min: Int?, max: Int?)
    /// Characters (code points) in the text within the bounds.
    case characters(min: Int?, max: Int?)
    /// The document's language (primary subtag, or the whole tag when a code names a region) is one of
    /// `codes` (empty: any known language), with at least `minConfidence` when given.
    case language(codes: [String], minConfidence: Double?)
    /// The field matches (`include: true`) or does not match (`include: false`) the pattern.
    case pattern(field: DocumentField, pattern: TextPattern, include: Bool)
    /// The URL's host is one of these or a subdomain of one (lowercase).
    case urlHosts([String])
    /// The URL's path ends with one of these (ASCII case ignored).
    case urlPathSuffixes([String])
    /// `published` within `from…to` (seconds since 1970, inclusive); `undatedPasses` for documents
    /// without a readable date.
    case published(from: Int?, to: Int?, fromText: String?, toText: String?, undatedPasses: Bool)
    /// An entity of `type` and/or `name` (canonical name or a mention, case-insensitive) with at least
    /// `minMentions` mentions in all.
    case entity(type: String?, name: String?, minMentions: Int)
    /// The duplicate relation is not one of these (canonical members and documents alone always pass).
    case dropRelations([String])
    case minLetterShare(Double)
    case minMeanWordLength(Double)
    case maxMeanWordLength(Double)
    case minPunctuatedLines(Double)
    case maxRepeatedLines(Double)
    case maxDigitShare(Double)

    var needsStatistics: Bool {
        switch self {
        case .words, .characters, .minLetterShare, .minMeanWordLength, .maxMeanWordLength, .minPunctuatedLines,
             .maxRepeatedLines, .maxDigitShare: true
        default: false
        }
    }

    var needsRepeats: Bool { if case .maxRepeatedLines = self { true } else { false } }

    /// Whether the test reads the line counts (repeated lines are a share of the lines).
    var needsLines: Bool {
        switch self {
        case .minPunctuatedLines, .maxRepeatedLines: true
        default: false
        }
    }

    /// What the test requires, in words.
    public var requirement: String {
        switch self {
        case .words(let lo, let hi): Self.bounds("words", lo, hi)
        case .characters(let lo, let hi): Self.bounds("characters", lo, hi)
        case .language(let codes, let confidence):
            (codes.isEmpty ? "language known" : "language in [\(codes.joined(separator: ", "))]")
                + (confidence.map { " with confidence ≥ \($0)" } ?? "")
        case .pattern(let field, let pattern, let include): "\(field) \(include ? "matches" : "does not match") /\(pattern.source)/"
        case .urlHosts(let hosts): "url host in [\(hosts.joined(separator: ", "))]"
        case .urlPathSuffixes(let suffixes): "url path ends with one of [\(suffixes.joined(separator: ", "))]"
        case .published(_, _, let from, let to, _):
            "published" + (from.map { " from \($0)" } ?? "") + (to.map { " to \($0)" } ?? "")
        case .entity(let type, let name, let minMentions):
            "entity \([type, name.map { "'\($0)'" }].compactMap { $0 }.joined(separator: " ")) with ≥ \(minMentions) mention\(minMentions == 1 ? "" : "s")"
        case .dropRelations(let relations): "duplicate relation not in [\(relations.joined(separator: ", "))]"
        case .minLetterShare(let t): "letter share ≥ \(t)"
        case .minMeanWordLength(let t): "mean word length ≥ \(t)"
        case .maxMeanWordLength(let t): "mean word length ≤ \(t)"
        case .minPunctuatedLines(let t): "share of lines ending in punctuation ≥ \(t)"
        case .maxRepeatedLines(let t): "share of repeated lines ≤ \(t)"
        case .maxDigitShare(let t): "digit share ≤ \(t)"
        }
    }

    static func bounds(_ what: String, _ lo: Int?, _ hi: Int?) -> String {
        switch (lo, hi) {
        case let (lo?, hi?): "\(lo) ≤ \(what) ≤ \(hi)"
        case let (lo?, nil): "\(what) ≥ \(lo)"
        case let (nil, hi?): "\(what) ≤ \(hi)"
        case (nil, nil): "any number of \(what)"
        }
    }

    static func share(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }

    /// `nil` when `document` passes, else why not (with the document's value).
    func failure(_ document: Document, _ context: inout EvaluationContext) -> String? {
        switch self {
        case .words(let lo, let hi):
            let count = context.statistics(document).words
            if let lo, count < lo { return "\(count) word\(count == 1 ? "" : "s"), fewer than \(lo)" }
            if let hi, count > hi { return "\(count) words, more than \(hi)" }
            return nil
        case .characters(let lo, let hi):
            let count = context.statistics(document).characters
            if let lo, count < lo { return "\(count) character\(count == 1 ? "" : "s"), fewer than \(lo)" }
            if let hi, count > hi { return "\(count) characters, more than \(hi)" }
            return nil
        case .language(let codes, let minConfidence):
            guard let language = document.language, !language.isEmpty else {
                context.missing.note("language", in: document)
                return "language unknown (\(requirement))"
            }
            if !codes.isEmpty, !codes.contains(where: { Self.languageMatches(language, $0) }) {
                return "language \(language) not in [\(codes.joined(separator: ", "))]"
            }
            if let minConfidence {
                guard let confidence = document.languageConfidence else {
                    context.missing.note("language confidence", in: document)
                    return "language \(language) confidence unknown (min_confidence needs the language stage before filter)"
                }
                if confidence < minConfidence { return "language \(language) confidence \(Self.share(confidence)) below \(minConfidence)" }
            }
            return nil
        case .pattern(let field, let pattern, let include):
            guard let value = field.value(in: document) else {
                context.missing.note(field.description, in: document)
                return include ? "no \(field) (\(requirement))" : nil
            }
            let matched = pattern.matches(value)
            if include, !matched { return "\(field) does not match /\(pattern.source)/" }
            if !include, matched { return "\(field) matches excluded /\(pattern.source)/" }
            return nil
        case .urlHosts(let hosts):
            guard var url = document.url else {
                context.missing.note("url", in: document)
                return "no url (\(requirement))"
            }
            return url.withUTF8 { bytes in
                let host = URLParts.split(bytes).host
                for candidate in hosts where URLParts.hostMatches(bytes, host, Array(candidate.utf8)) { return nil }
                return "url host \(String(decoding: UnsafeBufferPointer(rebasing: bytes[host]), as: UTF8.self)) not in [\(hosts.joined(separator: ", "))]"
            }
        case .urlPathSuffixes(let suffixes):
            guard var url = document.url else {
                context.missing.note("url", in: document)
                return "no url (\(requirement))"
            }
            return url.withUTF8 { bytes in
                let path = URLParts.split(bytes).path
                for suffix in suffixes where URLParts.hasSuffix(bytes, path, Array(suffix.utf8)) { return nil }
                return "url path \(String(decoding: UnsafeBufferPointer(rebasing: bytes[path]), as: UTF8.self)) does not end with one of [\(suffixes.joined(separator: ", "))]"
            }
        case .published(let from, let to, let fromText, let toText, let undatedPasses):
            guard let published = document.published else {
                context.missing.note("published", in: document)
                return undatedPasses ? nil : "no published date (\(requirement); undated: fail)"
            }
            guard let seconds = PublishedTime.seconds(published) else {
                return undatedPasses ? nil : "published '\(published)' is not an ISO 8601 date (\(requirement); undated: fail)"
            }
            if let from, seconds < from { return "published \(published), before \(fromText ?? "")" }
            if let to, seconds > to { return "published \(published), after \(toText ?? "")" }
            return nil
        case .entity(let type, let name, let minMentions):
            guard let entities = document.entities else {
                context.missing.note("entities", in: document)
                return "no entities (\(requirement); put the entities stage before filter)"
            }
            var mentions = 0
            for entity in entities {
                if let type, entity.type.rawValue != type { continue }
                if let name, !Self.names(entity, name) { continue }
                mentions += entity.mentions.count
                if mentions >= minMentions { return nil }
            }
            return mentions == 0 ? "no \(requirement.dropFirst(7))" : "\(mentions) mention\(mentions == 1 ? "" : "s") of \(requirement.dropFirst(7))"
        case .dropRelations(let relations):
            guard let duplicate = document.duplicate else {
                context.missing.note("duplicate", in: document)
                return nil
            }
            guard let relation = duplicate.relation, relations.contains(relation.rawValue) else { return nil }
            return "\(relation.rawValue) duplicate of \(duplicate.canonical)"
        case .minLetterShare(let t):
            let s = context.statistics(document)
            if s.visible == 0 { return "no visible characters (\(requirement))" }
            return s.letterShare < t ? "letter share \(Self.share(s.letterShare)) below \(t)" : nil
        case .minMeanWordLength(let t):
            let s = context.statistics(document)
            if s.words == 0 { return "no words (\(requirement))" }
            return s.meanWordLength < t ? "mean word length \(Self.share(s.meanWordLength)) below \(t)" : nil
        case .maxMeanWordLength(let t):
            let m = context.statistics(document).meanWordLength
            return m > t ? "mean word length \(Self.share(m)) above \(t)" : nil
        case .minPunctuatedLines(let t):
            let s = context.statistics(document)
            if s.lines == 0 { return "no lines (\(requirement))" }
            return s.punctuatedLineShare < t ? "share of lines ending in punctuation \(Self.share(s.punctuatedLineShare)) below \(t)" : nil
        case .maxRepeatedLines(let t):
            let r = context.statistics(document).repeatedLineShare
            return r > t ? "share of repeated lines \(Self.share(r)) above \(t)" : nil
        case .maxDigitShare(let t):
            let d = context.statistics(document).digitShare
            return d > t ? "digit share \(Self.share(d)) above \(t)" : nil
        }
    }

    /// Whether a BCP 47 tag matches a listed code: `en` matches `en`, `EN`, `en-GB`; `en-GB` only `en-GB`.
    static func languageMatches(_ tag: String, _ code: String) -> Bool {
        let t = tag.utf8, c = code.utf8
        guard t.count >= c.count else { return false }
        var ti = t.startIndex
        for cb in c {
            let tb = t[ti]
            if (tb | 0x20) != (cb | 0x20), !(tb == 0x5F && cb == 0x2D) { return false }
            ti = t.index(after: ti)
        }
        return ti == t.endIndex || t[ti] == 0x2D || t[ti] == 0x5F
    }

    /// Whether `entity` is called `name` (its canonical name or one of its mentions, ignoring case).
    static func names(_ entity: Entity, _ name: String) -> Bool {
        if entity.name.caseInsensitiveEquals(name) { return true }
        return entity.mentions.contains { $0.text.caseInsensitiveEquals(name) }
    }
}

extension String {
    /// Equality ignoring case (full Unicode lowercasing only when the ASCII comparison cannot decide).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        if utf8.count == other.utf8.count, utf8.elementsEqual(other.utf8, by: { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }) {
            return true
        }
        guard contains(where: { !$0.isASCII }) || other.contains(where: { !$0.isASCII }) else { return false }
        return lowercased() == other.lowercased()
    }
}
