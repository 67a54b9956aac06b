import Foundation

import CopydeskCore

/// Page metadata, each field from the most reliable source present; never invented.
public struct PageMetadata: Sendable, Equatable {
    public var title: String?
    public var published: String?
    public var author: String?
    public var site: String?
    public var url: String?
    public var language: String?
    /// The schema.org `articleBody`, when the page's JSON-LD carries one.
    public var articleBody: String?

    public init(
        title: String? = nil, published: String? = nil, author: String? = nil, site: String? = nil, url: String? = nil,
        language: String? = nil, articleBody: String? = nil
    ) {
        self.title = title
        self.published = published
        self.author = author
        self.site = site
        self.url = url
        self.language = language
        self.articleBody = articleBody
    }

    /// Reads metadata in order of reliability: JSON-LD (schema.org Article types), Open Graph and article
    /// meta tags, other common meta names, `time[datetime]`, `h1`, `<title>` minus the site suffix, the URL.
    init(tree: PageTree, url givenURL: String?) {
        self.init()
        let ld = JSONLDArticle(tree.jsonLD)
        let meta = tree.meta
        site = Self.clean(ld.publisher ?? meta["og:site_name"] ?? meta["application-name"] ?? meta["twitter:site"].map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 })
        let h1 = tree.nodes.indices.first { tree.nodes[$0].tag == .h1 }.map { tree.textContent(of: $0) }
        url = Self.clean(tree.links["canonical"] ?? meta["og:url"] ?? ld.url ?? givenURL)
        // Whichever source gives the title, a part beside a separator that names the site goes
        // ("Headline | Site" in og:title as much as in <title>).
        let names = SiteNames(site: site, urls: [url, givenURL])
        let fromTitleElement = meta["og:title"] == nil && ld.headline == nil && meta["twitter:title"] == nil && h1 == nil
        title = Self.clean(meta["og:title"] ?? ld.headline ?? meta["twitter:title"] ?? h1 ?? tree.title).map {
            Self.removeSiteSuffix($0, names: names, guessWithoutSite: fromTitleElement)
        }
        author = Self.clean(ld.author ?? meta["author"] ?? meta["article:author"].flatMap { $0.hasPrefix("http") ? nil : $0 }
            ?? meta["byl"].map { $0.hasPrefix("By ") ? String($0.dropFirst(3)) : $0 } ?? meta["parsely-author"] ?? meta["dc.creator"])
        let dateCandidates: [String?] = [
            ld.datePublished, meta["article:published_time"], meta["og:article:published_time"], meta["datepublished"],
            meta["publishdate"], meta["pubdate"], meta["publish-date"], meta["date"], meta["dc.date"], meta["dc.date.issued"],
            meta["dcterms.created"], meta["parsely-pub-date"], meta["sailthru.date"], meta["article.published"],
            Self.firstTimeElement(tree),
        ]
        published = dateCandidates.lazy.compactMap { $0.flatMap(DateParsing.iso8601) }.first
            ?? (url ?? givenURL).flatMap(DateParsing.fromURL)
        language = Self.clean(tree.language ?? meta["content-language"] ?? meta["og:locale"]?.replacingUnderscores ?? ld.language)
        articleBody = ld.articleBody
    }

    private static func firstTimeElement(_ tree: PageTree) -> String? {
        for node in tree.nodes where node.tag == .time {
            if let datetime = node.attributes["datetime"], !datetime.isEmpty { return datetime }
        }
        return nil
    }

    static func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let collapsed = TextBytes.collapse(Array(value.utf8))
        return collapsed.isEmpty ? nil : HTMLSniffing.decodeBasicEntities(collapsed)
    }

    /// Separators between a headline and the site's name, most specific first.
    static let titleSeparators = [" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " // ", " • "]

    /// "Headline | Site" → "Headline", "Site – Headline" → "Headline", "Site: Headline" → "Headline": drops
    /// a first or last part, beside a separator, that names the site (its `og:site_name` or publisher, or a
    /// label of its host: "The Guardian" on theguardian.com, "CNN Politics" on edition.cnn.com). With
    /// `guessWithoutSite` (a `<title>` on a page that names no site and has no URL), a short last part after
    /// a longer headline goes. What remains must still be a headline of two words or more.
    static func removeSiteSuffix(_ title: String, names: SiteNames, guessWithoutSite: Bool = false) -> String {
        for separator in titleSeparators {
            let parts = title.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            let last = parts.last!.trimmingCharacters(in: .whitespaces)
            let first = parts.first!.trimmingCharacters(in: .whitespaces)
            if !names.isEmpty {
                let rest = parts.dropLast().joined(separator: separator)
                if names.named(by: last, closely: false), isHeadline(rest) { return rest }
                let tail = parts.dropFirst().joined(separator: separator)
                if names.named(by: first, closely: true), isHeadline(tail) { return tail }
            } else if guessWithoutSite, last.split(separator: " ").count <= 4, first.split(separator: " ").count > 3 {
                return parts.dropLast().joined(separator: separator)
            }
        }
        // "Site: Headline", only when the part before the colon is the site's name itself.
        if let colon = title.range(of: ": "), names.named(by: String(title[..<colon.lowerBound]), closely: true) {
            let rest = String(title[colon.upperBound...])
            if isHeadline(rest) { return rest }
        }
        return title
    }

    /// Two words or more; in a script written without spaces (Chinese, Japanese), four characters or more.
    private static func isHeadline(_ text: String) -> Bool {
        if text.split(separator: " ").count >= 2 { return true }
        return text.unicodeScalars.contains { $0.value >= 0x2E80 } && text.count >= 4
    }
}

/// The names a page's site goes by, normalised to lowercase letters and digits: its declared name and the
/// labels of its host (without `www`, the top-level domain and `co.`/`com.`-style second levels).
struct SiteNames {
    private(set) var names: [String] = []
    /// Host labels: a part only starting with one ("cnnpolitics" for "cnn") names the site too.
    private(set) var hostLabels: [String] = []

    init(site: String?, urls: [String?]) {
        if let site, case let name = Self.normalised(site), name.utf8.count >= 2 { names.append(name) }
        for url in urls.compactMap({ $0 }) {
            guard let host = URL(string: url)?.host?.lowercased() else { continue }
            var labels = host.split(separator: ".").map(String.init)
            guard labels.count >= 2 else { continue }
            labels.removeLast()
            if labels.count >= 2, ["co", "com", "org", "net", "gov", "ac", "or", "ne"].contains(labels.last!) { labels.removeLast() }
            for label in labels where !["www", "m", "amp", "mobile", "edition", "news"].contains(label) {
                let name = Self.normalised(label)
                if name.utf8.count >= 3, !hostLabels.contains(name) { hostLabels.append(name) }
            }
        }
    }

    var isEmpty: Bool { names.isEmpty && hostLabels.isEmpty }

    /// Whether `part` (a piece of a title) is the site's name, or most of it, or a name plus a section word
    /// ("BBC News", "CNN Politics"). `closely` (for a title's first part, which may be a short headline
    /// that mentions the site): a name plus other words counts only for a part of two words.
    func named(by part: String, closely: Bool) -> Bool {
        let words = part.split(separator: " ").count
        guard words <= 6 else { return false }
        let key = Self.normalised(part)
        guard key.utf8.count >= 2 else { return false }
        for name in names + hostLabels {
            if key == name { return true }
            // Most of the name: "Guardian" for "The Guardian".
            if key.utf8.count >= 4, name.contains(key), 2 * key.utf8.count >= name.utf8.count { return true }
            if !closely || words <= 2, name.utf8.count >= 3, key.hasPrefix(name) || (name.utf8.count >= 4 && key.hasSuffix(name)) { return true }
        }
        return false
    }

    static func normalised(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.append(scalar)
        }
        return String(out)
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}

/// The first schema.org article object in a page's JSON-LD blocks (`@graph` and arrays searched).
struct JSONLDArticle {
    var headline: String?
    var datePublished: String?
    var author: String?
    var publisher: String?
    var url: String?
    var language: String?
    var articleBody: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
        "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting", "techarticle", "scholarlyarticle", "report",
        "webpage",
    ]

    init(_ blocks: [String]) {
        var best: JSONValue?
        var bestRank = Int.max
        for block in blocks {
            guard let value = try? JSONParser.parse(block) else { continue }
            for object in Self.objects(in: value) {
                guard let rank = Self.rank(object), rank < bestRank else { continue }
                best = object
                bestRank = rank
            }
        }
        guard let article = best else { return }
        headline = Self.text(article["headline"]) ?? Self.text(article["name"])
        datePublished = Self.text(article["datePublished"]) ?? Self.text(article["dateCreated"])
        author = Self.names(article["author"]) ?? Self.names(article["creator"])
        publisher = Self.names(article["publisher"])
        url = Self.text(article["url"]) ?? Self.text(article["mainEntityOfPage"]?["@id"])
        language = Self.text(article["inLanguage"])
        articleBody = Self.text(article["articleBody"])
    }

    /// Lower is better: news articles before other articles before web pages; others are not articles.
    static func rank(_ object: JSONValue) -> Int? {
        let types: [String]
        switch object["@type"] {
        case .string(let t)?: types = [t]
        case .array(let items)?: types = items.compactMap(\.stringValue)
        default: return nil
        }
        var best: Int?
        for type in types.map({ $0.lowercased() }) where articleTypes.contains(type) {
            let rank = type == "webpage" ? 2 : (type.hasSuffix("newsarticle") || type == "article" ? 0 : 1)
            best = min(best ?? rank, rank)
        }
        return best
    }

    static func objects(in value: JSONValue) -> [JSONValue] {
        var result: [JSONValue] = []
        var stack = [value]
        var visited = 0
        while let current = stack.popLast(), visited < 10_000 {
            visited += 1
            switch current {
            case .array(let items): stack.append(contentsOf: items.reversed())
            case .object:
                result.append(current)
                if let graph = current["@graph"] { stack.append(graph) }
                if let main = current["mainEntity"] { stack.append(main) }
            default: break
            }
        }
        return result
    }

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: return s.isEmpty ? nil : s
        case .array(let items)?: return items.lazy.compactMap { text($0) }.first
        case .object?: return text(value?["@value"]) ?? text(value?["name"])
        default: return nil
        }
    }

    /// A person or organisation name, or several joined with ", ".
    static func names(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: return s.isEmpty || s.hasPrefix("http") ? nil : s
        case .object?: return text(value?["name"])
        case .array(let items)?:
            let all = items.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        default: return nil
        }
    }
}
