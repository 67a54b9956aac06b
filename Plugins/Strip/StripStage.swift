public import CopydeskCore
import Foundation

/// The `strip` stage: HTML documents become their article text plus metadata (title, published, author,
/// site, canonical URL, language); plain-text documents lose their boilerplate lines. Both get the line
/// filter as a last pass (bare URLs to `links`, a dateline to `published`).
public struct StripStage: DocumentStage {
    public var extractor: ArticleExtractor
    public var lines: LineFilter
    public var keepHTML: Bool
    public var dropEmpty: Bool

    public init(extractor: ArticleExtractor = ArticleExtractor(), lines: LineFilter = LineFilter(), keepHTML: Bool = false, dropEmpty: Bool = true) {
        self.extractor = extractor
        self.lines = lines
        self.keepHTML = keepHTML
        self.dropEmpty = dropEmpty
    }

    /// The stage as registered: id `strip`, per-document.
    public static let descriptor = StageDescriptor(
        id: "strip",
        summary: "HTML to the article's text and metadata (libxml2, offline, size and depth limits); boilerplate lines removed from HTML output and plain text.",
        options: StripOptions.self,
        make: { options, context throws(ConfigError) in
            let patterns: [NSRegularExpression]
            switch LineFilter.compile(options.boilerplateLines) {
            case .success(let compiled): patterns = compiled
            case .failure(let error): throw options.error(\.boilerplateLines, error.text)
            }
            return StripStage(
                extractor: ArticleExtractor(limits: HTMLLimits(maxBytes: options.maxHTMLBytes, maxDepth: options.maxDepth), cancellation: context.cancellation, format: options.format),
                lines: LineFilter(userPatterns: patterns, builtIn: options.builtinBoilerplate),
                keepHTML: options.keepHTML, dropEmpty: options.empty == .drop)
        })

    public func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        let paragraphs: [String]
        let isPage = document.html != nil
        if let html = document.html {
            let page: ExtractedPage
            do {
                page = try extractor.extract(html: html, url: document.url)
            } catch {
                throw DocumentRejection("HTML could not be parsed: \(error.description)")
            }
            let metadata = page.metadata
            if let title = metadata.title { document.title = title }
            document.url = document.url ?? metadata.url
            document.published = document.published ?? metadata.published
            document.author = document.author ?? metadata.author
            document.site = document.site ?? metadata.site
            document.language = document.language ?? metadata.language
            paragraphs = page.paragraphs
            if !keepHTML { document.html = nil }
        } else {
            paragraphs = Self.splitParagraphs(document.text)
        }
        let filtered = lines.filter(paragraphs, plainText: !isPage, language: document.language)
        document.text = filtered.paragraphs.joined(separator: "\n\n")
        for link in filtered.links where !document.links.contains(link) { document.links.append(link) }
        if document.published == nil { document.published = filtered.published }
        if document.published == nil, let crawled = document.crawled {
            // The page gives no date: the crawl time is the best bound there is, and the record says so.
            document.published = crawled
            document.publishedSource = "warc-date"
        }
        if document.text.isEmpty, dropEmpty {
            let reason: String
            if !paragraphs.isEmpty {
                reason = "no article text left after removing boilerplate"
            } else if isPage {
                reason = "no article text found: the page holds only navigation or furniture"
            } else {
                reason = "empty text: the document has nothing to keep"
            }
            return .drop(reason: reason)
        }
        return .keep
    }

    /// Paragraphs of plain text as their shape shows them (``PlainTextParagraphs``): blank lines,
    /// indentation, lists and table rows separate them; hard-wrapped lines are joined back into their
    /// sentence first, so a line filter never sees a piece of a sentence.
    static func splitParagraphs(_ text: String) -> [String] {
        PlainTextParagraphs.split(text).map(\.text)
    }
}
