public import CopydeskCore

/// What strip found in one page: the article's paragraphs and the page's metadata.
public struct ExtractedPage: Sendable, Equatable {
    public var paragraphs: [String]
    public var metadata: PageMetadata
}

/// HTML to main text and metadata, usable on its own (the stage and the benchmarks call it).
public struct ArticleExtractor: Sendable {
    public var limits: HTMLLimits
    /// The run's interrupt request: a page still parsing shortly after it is abandoned with an error.
    public var cancellation: CancellationFlag?
    /// How the article is written: plain paragraphs (the default) or Markdown.
    public var format: TextFormat

    public init(limits: HTMLLimits = HTMLLimits(), cancellation: CancellationFlag? = nil, format: TextFormat = .plain) {
        self.limits = limits
        self.cancellation = cancellation
        self.format = format
    }

    /// Parses `html` and extracts the article.
    public func extract(html: String, url: String? = nil) throws(HTMLParseError) -> ExtractedPage {
        let tree = try HTMLParser.parse(html, limits: limits, cancellation: cancellation)
        var extractor = ContentExtractor(tree: tree, format: format)
        var paragraphs = extractor.extract()
        let metadata = PageMetadata(tree: tree, url: url)
        // The headline is the title field, not body text: drop it where it opens the extracted text.
        if let title = metadata.title.map({ LineFilter.key($0) }), !title.isEmpty {
            while let first = paragraphs.first, LineFilter.key(first) == title { paragraphs.removeFirst() }
        }
        // Pages that render the article with scripts often still carry it as schema.org articleBody.
        if let body = metadata.articleBody {
            let extracted = paragraphs.reduce(0) { $0 + $1.utf8.count }
            if body.utf8.count >= 300, body.utf8.count > extracted * 2 {
                paragraphs = body.split(whereSeparator: \.isNewline).map { TextBytes.collapse(Array($0.utf8)) }.filter { !$0.isEmpty }
            }
        }
        return ExtractedPage(paragraphs: paragraphs, metadata: metadata)
    }
}
