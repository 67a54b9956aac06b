import Foundation

/// Finds the main article text of a page: removes furniture, scores blocks by text density, link
/// density, paragraph structure, punctuation and semantic hints, picks the best container plus related
/// siblings, and returns its paragraphs in page order.
struct ContentExtractor {
    let tree: PageTree
    /// Per node: removed as furniture (or inside removed furniture).
    private(set) var removed: [Bool]
    /// Per node: text bytes in the subtree (removed nodes excluded), and the part inside links.
    private(set) var textLength: [Int32]
    private(set) var linkLength: [Int32]
    private(set) var commas: [Int32]

    /// Per node, computed once: class/id names furniture, reader comments, or content.
    private let namedFurniture: [Bool]
    private let namedDiscussion: [Bool]
    private let namedContent: [Bool]
    /// Per node: removed only as a figure or its caption (or inside one). Such text is left out of scoring but
    /// written out where it stands inside the chosen article.
    private var captionOnly: [Bool]
    /// How the article's blocks are written.
    let format: TextFormat

    init(tree: PageTree, format: TextFormat = .plain) {
        self.tree = tree
        self.format = format
        let count = tree.nodes.count
        var furniture = [Bool](repeating: false, count: count)
        var discussion = [Bool](repeating: false, count: count)
        var content = [Bool](repeating: false, count: count)
        var classifier = BoilerplateHints.Classifier()
        for index in 0..<count where !tree.nodes[index].classAndID.isEmpty {
            let hints = classifier.classify(tree.nodes[index].classAndID)
            furniture[index] = hints.furniture
            discussion[index] = hints.discussion
            content[index] = hints.content
        }
        namedFurniture = furniture
        namedDiscussion = discussion
        namedContent = content
        removed = [Bool](repeating: false, count: count)
        captionOnly = [Bool](repeating: false, count: count)
        textLength = [Int32](repeating: 0, count: count)
        linkLength = [Int32](repeating: 0, count: count)
        commas = [Int32](repeating: 0, count: count)
    }

    /// How hard furniture is looked for. Like readability, a page whose article comes out too short is
    /// tried again with fewer removal rules: a class name that usually marks furniture can wrap an article.
    enum Strictness: CaseIterable {
        case full, noClassNames, tagsOnly
    }

    /// The article's paragraphs, or an empty list when the page has no article text.
    mutating func extract() -> [String] {
        guard !tree.nodes.isEmpty else { return [] }
        var best: [String] = []
        var bestLength = 0
        for strictness in Strictness.allCases {
            let paragraphs = extract(strictness)
            let length = paragraphs.reduce(0) { $0 + $1.utf8.count }
            // A looser attempt replaces a stricter one only when it finds much more text: a short article
            // must not be traded for the comments or teasers the stricter rules removed.
            if bestLength == 0 || length >= max(2 * bestLength, bestLength + 250) {
                best = paragraphs
                bestLength = length
            }
            if bestLength >= Self.minimumArticleBytes { break }
        }
        return best
    }

    /// Below this many bytes of text, extraction is retried with fewer removal rules.
    static let minimumArticleBytes = 500

    private mutating func extract(_ strictness: Strictness) -> [String] {
        for index in removed.indices {
            removed[index] = false
            captionOnly[index] = false
            textLength[index] = 0
            linkLength[index] = 0
            commas[index] = 0
        }
        let raw = aggregateRawText()
        markFurniture(raw: raw, strictness: strictness)
        aggregate()
        let scores = candidateScores()
        guard let candidate = bestCandidate(scores) else { return shortPage() }
        let prose = proseLengths()
        let best = widened(candidate, prose: prose)
        let containers = best == candidate ? withSiblings(best, scores: scores) : [best]
        // Containers are disjoint subtrees; in index order they are in page order.
        var blocks: [ArticleBlock] = []
        for container in extended(containers, best: best, prose: prose).sorted() {
            collectBlocks(container, into: &blocks)
        }
        // Every block is written, repeated ones too: a page that says a thing twice says it twice.
        return ArticleBlock.render(blocks, as: format)
    }

    /// A page too short for any block to score (a line or two of text) is its own article, unless its text
    /// is mostly links (a page of navigation).
    private func shortPage() -> [String] {
        guard let body = tree.nodes.indices.first(where: { tree.nodes[$0].tag == .body }),
              textLength[body] > 0, linkDensity(body) < 0.3 else { return [] }
        var blocks: [ArticleBlock] = []
        collectBlocks(body, into: &blocks)
        // Bytes that are not text (replacement characters, control codes) are a broken page, not an article.
        let broken = blocks.contains { block in
            block.text.unicodeScalars.contains { $0 == "\u{FFFD}" || ($0.value < 0x20 && $0 != "\n" && $0 != "\t") }
        }
        return broken ? [] : ArticleBlock.render(blocks, as: format)
    }

    // MARK: - Furniture

    /// Text bytes per subtree before any removal (nodes are in pre-order, so children follow parents),
    /// and the number of long paragraphs (`<p>` of at least 150 bytes) per subtree.
    private func aggregateRawText() -> (length: [Int32], longParagraphs: [Int32]) {
        var lengths = [Int32](repeating: 0, count: tree.nodes.count)
        var long = [Int32](repeating: 0, count: tree.nodes.count)
        for index in stride(from: tree.nodes.count - 1, through: 0, by: -1) {
            let node = tree.nodes[index]
            if node.tag == .text { lengths[index] += nonSpaceLength(node) }
            if node.tag == .p, lengths[index] >= 150 { long[index] += 1 }
            if node.parent >= 0 {
                lengths[Int(node.parent)] += lengths[index]
                long[Int(node.parent)] += long[index]
            }
        }
        return (lengths, long)
    }

    private func nonSpaceLength(_ node: PageNode) -> Int32 {
        var count: Int32 = 0
        var i = Int(node.textStart)
        let end = i + Int(node.textLength)
        while i < end {
            let byte = tree.text[i]
            if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D { count += 1 }
            i += 1
        }
        return count
    }

    private mutating func markFurniture(raw: (length: [Int32], longParagraphs: [Int32]), strictness: Strictness) {
        let total = max(1, raw.length[0])
        // Ancestors of an element marked as the article body (schema.org) are never furniture.
        var protected = Set<Int>()
        for index in tree.nodes.indices where tree.nodes[index].attributes["itemprop"]?.lowercased() == "articlebody" {
            var ancestor = tree.nodes[index].parent
            while ancestor >= 0, protected.insert(Int(ancestor)).inserted { ancestor = tree.nodes[Int(ancestor)].parent }
        }
        for index in tree.nodes.indices {
            let node = tree.nodes[index]
            if node.parent >= 0, removed[Int(node.parent)] {
                removed[index] = true
                // Inside a figure, what is not furniture in its own right stays caption text.
                captionOnly[index] = captionOnly[Int(node.parent)] && node.tag != .text
                    ? !isFurniture(node, index: index, strictness: strictness, tagItself: false) : captionOnly[Int(node.parent)]
                continue
            }
            guard node.tag != .text else { continue }
            if protected.contains(index) { continue }
            if namedDiscussion[index], node.tag != .body, node.tag != .html {
                removed[index] = true
                continue
            }
            // Never remove what holds most of the page's text: a wrapper named oddly is still the page. What the
            // page itself hides from readers (hidden, aria-hidden, display:none, visibility:hidden) is not read.
            if raw.length[index] * 2 > total, !isHidden(node) { continue }
            guard isFurniture(node, index: index, strictness: strictness) else { continue }
            // A furniture-named element holding several long paragraphs is article text in an odd wrapper
            // ("paywall", "modal-enabled"), unless named for reader comments.
            if raw.longParagraphs[index] >= 2, !node.tag.isStructuralFurniture, !namedDiscussion[index] { continue }
            removed[index] = true
            captionOnly[index] = (node.tag == .figure || node.tag == .figcaption) && !isFurniture(node, index: index, strictness: strictness, tagItself: false)
        }
    }

    /// Whether the page hides an element from readers.
    private func isHidden(_ node: PageNode) -> Bool {
        let attributes = node.attributes
        if attributes["hidden"] != nil || attributes["aria-hidden"]?.lowercased() == "true" { return true }
        if let style = attributes["style"]?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        return false
    }

    private func isFurniture(_ node: PageNode, index: Int, strictness: Strictness, tagItself: Bool = true) -> Bool {
        let attributes = node.attributes
        if isHidden(node) { return true }
        if !tagItself && (node.tag == .figure || node.tag == .figcaption) { return namedFurniture[index] && strictness == .full }
        if node.tag.isStructuralFurniture { return true }
        if strictness == .tagsOnly { return false }
        if let role = attributes["role"]?.lowercased(), BoilerplateHints.furnitureRoles.contains(role) { return true }
        // schema.org properties that are metadata, not prose (dates, keywords, publisher, byline).
        if let itemprop = attributes["itemprop"]?.lowercased(), BoilerplateHints.metadataProperties.contains(itemprop) { return true }
        if attributes["itemprop"]?.lowercased() == "articlebody" { return false }
        return strictness == .full && namedFurniture[index]
    }

    // MARK: - Scoring

    private mutating func aggregate() {
        for index in stride(from: tree.nodes.count - 1, through: 0, by: -1) {
            let node = tree.nodes[index]
            guard !removed[index] else { continue }
            if node.tag == .text {
                textLength[index] = nonSpaceLength(node)
                var c: Int32 = 0
                for i in Int(node.textStart)..<Int(node.textStart + node.textLength) where tree.text[i] == UInt8(ascii: ",") { c += 1 }
                commas[index] = c
            }
            if node.tag == .a, isLink(node) { linkLength[index] = textLength[index] }
            if node.parent >= 0 {
                let parent = Int(node.parent)
                textLength[parent] += textLength[index]
                linkLength[parent] += linkLength[index]
                commas[parent] += commas[index]
            }
        }
    }

    /// Whether an `<a>` leads somewhere: one whose target is a script (`javascript:…`) is a button or inline
    /// text to the reader, not a link to other pages, and does not count towards link density.
    private func isLink(_ node: PageNode) -> Bool {
        guard let href = node.attributes["href"] else { return true }
        return !href.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("javascript:")
    }

    func linkDensity(_ index: Int) -> Double {
        textLength[index] == 0 ? 0 : Double(linkLength[index]) / Double(textLength[index])
    }

    /// Whether an element is a paragraph-like text block for scoring.
    private func isTextBlock(_ node: PageNode, index: Int) -> Bool {
        switch node.tag {
        case .p, .pre, .td, .blockquote: return true
        case .div, .section, .article, .li, .dd:
            // A block whose own (direct) text is substantial, e.g. <div>text<br>text</div>.
            var child = node.firstChild
            var direct: Int32 = 0
            while child >= 0 {
                let c = tree.nodes[Int(child)]
                if !removed[Int(child)], c.tag == .text || !c.tag.isBlock { direct += textLength[Int(child)] }
                child = c.nextSibling
            }
            return direct >= 80
        default: return false
        }
    }

    private func baseScore(_ node: PageNode, index: Int) -> Double {
        var score = 0.0
        switch node.tag {
        case .article: score += 10
        case .main: score += 8
        case .div, .section: score += 5
        case .pre, .td, .blockquote: score += 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score -= 3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score -= 5
        default: break
        }
        if namedContent[index] { score += 25 }
        if namedFurniture[index] { score -= 25 }
        if let itemprop = node.attributes["itemprop"]?.lowercased() {
            if itemprop.contains("articlebody") || itemprop == "text" { score += 60 }
        }
        if node.attributes["role"]?.lowercased() == "main" { score += 10 }
        return score
    }

    /// Readability-style scores: each paragraph-like block adds to its ancestors, less with distance.
    private func candidateScores() -> [Double?] {
        var scores = [Double?](repeating: nil, count: tree.nodes.count)
        for index in tree.nodes.indices where !removed[index] {
            let node = tree.nodes[index]
            guard node.tag != .text, isTextBlock(node, index: index) else { continue }
            let length = textLength[index]
            guard length >= 25, linkDensity(index) < 0.5 else { continue }
            let contentScore = 1.0 + Double(commas[index]) + min(Double(length) / 100.0, 3.0)
            // Text written straight into a <div> (between <br>s) is that div's own paragraph: like
            // readability, which wraps such text in a <p>, the div itself is the first to score.
            let ownsText = !(node.tag == .p || node.tag == .pre || node.tag == .td || node.tag == .blockquote)
            var ancestor = ownsText ? Int32(index) : node.parent
            var level = 0
            while ancestor >= 0, level < 5 {
                let a = Int(ancestor)
                if scores[a] == nil { scores[a] = baseScore(tree.nodes[a], index: a) }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3.0)
                scores[a]! += contentScore / divider
                ancestor = tree.nodes[a].parent
                level += 1
            }
        }
        return scores
    }

    /// The highest-scoring container after the link-density penalty. When the page's headline is known, a
    /// container near it is preferred over a higher-scoring one elsewhere if it scores at least a quarter as
    /// much: a short article must not lose to a long cookie notice or a teaser far from its headline.
    private func bestCandidate(_ scores: [Double?]) -> Int? {
        var best: (Int, Double)?
        var near: (Int, Double)?
        let scope = headlineScope()
        for (index, score) in scores.enumerated() {
            guard let score else { continue }
            let adjusted = score * (1 - linkDensity(index))
            if best == nil || adjusted > best!.1 || (adjusted == best!.1 && index < best!.0) { best = (index, adjusted) }
            if let scope, index > scope.lowerBound, index < scope.upperBound, near == nil || adjusted > near!.1 { near = (index, adjusted) }
        }
        if let best, let near, near.0 != best.0, let scope, !(best.0 > scope.lowerBound && best.0 < scope.upperBound),
           near.1 >= 0.25 * best.1, textLength[near.0] >= 200 {
            return near.0
        }
        return best?.0
    }

    /// The nodes around the page's headline: the subtree of its ancestor up to three levels up (below
    /// `<body>`), as a node range. The headline is the page's only `<h1>`, or the `<h1>` the `<title>` repeats.
    private func headlineScope() -> Range<Int>? {
        var headlines: [Int] = []
        for index in tree.nodes.indices where tree.nodes[index].tag == .h1 && !removed[index] && textLength[index] > 0 {
            headlines.append(index)
            if headlines.count > 8 { break }
        }
        var headline: Int?
        if headlines.count == 1 {
            headline = headlines[0]
        } else if let title = tree.title?.lowercased() {
            headline = headlines.first { index in
                let text = tree.textContent(of: index).lowercased()
                return text.count >= 10 && title.contains(text)
            }
        }
        guard var scope = headline else { return nil }
        for _ in 0..<3 {
            let parent = Int(tree.nodes[scope].parent)
            guard parent >= 0, tree.nodes[parent].tag != .body, tree.nodes[parent].tag != .html else { break }
            scope = parent
        }
        return scope..<subtreeEnd(scope)
    }

    /// Prose per subtree: bytes of paragraph-like blocks (`p`, `blockquote`, `pre`, `li`) of at least 40 bytes
    /// whose link density is below 0.3 — the text an article is made of, as opposed to teasers and menus.
    private func proseLengths() -> [Int32] {
        var prose = [Int32](repeating: 0, count: tree.nodes.count)
        var isProseBlock = [Bool](repeating: false, count: tree.nodes.count)
        for index in stride(from: tree.nodes.count - 1, through: 0, by: -1) where !removed[index] {
            let node = tree.nodes[index]
            guard node.tag != .text else { continue }
            // Paragraph elements, or blocks of direct text named as content ("zn-body__paragraph").
            let block = node.tag == .p || node.tag == .blockquote || node.tag == .pre
                || (namedContent[index] && node.tag != .td && node.tag != .li && isTextBlock(node, index: index))
            if block, textLength[index] >= 40, linkDensity(index) < 0.3, prose[index] == 0 {
                // A paragraph counts once, as a whole (nested blocks already counted are kept as they are).
                prose[index] = textLength[index]
                isProseBlock[index] = true
            }
            if node.parent >= 0 { prose[Int(node.parent)] += prose[index] }
        }
        return prose
    }

    /// Articles split into chunks (sections between pull quotes, ads or images) have their best block in
    /// one chunk: climb to the ancestor that holds substantially more prose, while links stay rare.
    private func widened(_ candidate: Int, prose: [Int32]) -> Int {
        var current = candidate
        while true {
            let parent = Int(tree.nodes[current].parent)
            guard parent >= 0, tree.nodes[parent].tag != .body, tree.nodes[parent].tag != .html else { return current }
            let gain = prose[parent] - prose[current]
            let addedText = textLength[parent] - textLength[current]
            let addedLinks = linkLength[parent] - linkLength[current]
            // The added part must itself read like the article: mostly prose, few links.
            let addedIsProse = addedText > 0 && Double(gain) >= 0.6 * Double(addedText) && Double(addedLinks) <= 0.2 * Double(addedText)
            guard gain >= 200, Double(prose[parent]) >= 1.25 * Double(prose[current]), addedIsProse else {
                // A wrapper with no extra prose of its own is climbed through; anything else stops the climb.
                if gain == 0, linkDensity(parent) <= 0.35, textLength[parent] - textLength[current] < 100 {
                    current = parent
                    continue
                }
                return current
            }
            current = parent
        }
    }

    /// The best candidate plus siblings that look like more of the article (readability's rule).
    private func withSiblings(_ best: Int, scores: [Double?]) -> [Int] {
        let node = tree.nodes[best]
        guard node.parent >= 0 else { return [best] }
        let bestScore = (scores[best] ?? 0) * (1 - linkDensity(best))
        let threshold = max(10, bestScore * 0.2)
        var result: [Int] = []
        var sibling = tree.nodes[Int(node.parent)].firstChild
        while sibling >= 0 {
            let index = Int(sibling)
            defer { sibling = tree.nodes[index].nextSibling }
            if index == best { result.append(index); continue }
            guard !removed[index], tree.nodes[index].tag != .text else { continue }
            var append = false
            if let score = scores[index], score * (1 - linkDensity(index)) >= threshold { append = true }
            if tree.nodes[index].tag == .p {
                let length = textLength[index]
                let density = linkDensity(index)
                if length > 80 && density < 0.25 { append = true }
                if length > 0 && length <= 80 && density == 0 && endsSentence(index) { append = true }
            }
            if append { result.append(index) }
        }
        return result
    }

    private func endsSentence(_ index: Int) -> Bool {
        let text = tree.textContent(of: index)
        guard let last = text.unicodeScalars.last else { return false }
        return ".!?\"”’)".unicodeScalars.contains(last)
    }

    // MARK: - Relatives

    /// The article often continues outside the chosen container: in the next column of a page builder, after
    /// an ad, an image or a table that splits it, in a sibling `<section>`. From the containers outward,
    /// level by level (up to three ancestors), neighbouring blocks that read like the same article join it:
    /// prose blocks with few links, and the headings, lists and tables that stand between or next to them.
    /// Each direction stops at the first substantial block that is not such prose (a teaser list, a menu,
    /// a header or footer), so furniture beyond it never joins.
    private func extended(_ containers: [Int], best: Int, prose: [Int32]) -> [Int] {
        var chosen = containers
        var chosenSet = Set(containers)
        var child = best
        var stoppedBefore = false, stoppedAfter = false
        for _ in 0..<3 {
            let parent = Int(tree.nodes[child].parent)
            // The children of <body> are the page's regions (header, main, overlays, footer), not parts of one article.
            guard parent >= 0, tree.nodes[parent].tag != .html, tree.nodes[parent].tag != .body else { break }
            var siblings: [Int] = []
            var next = tree.nodes[parent].firstChild
            while next >= 0 {
                siblings.append(Int(next))
                next = tree.nodes[Int(next)].nextSibling
            }
            guard let position = siblings.firstIndex(of: child) else { break }
            if !stoppedBefore {
                stoppedBefore = extend(from: position, step: -1, siblings: siblings, prose: prose, chosen: &chosen, chosenSet: &chosenSet)
            }
            if !stoppedAfter {
                stoppedAfter = extend(from: position, step: 1, siblings: siblings, prose: prose, chosen: &chosen, chosenSet: &chosenSet)
            }
            if stoppedBefore && stoppedAfter { break }
            child = parent
        }
        return chosen
    }

    /// Walks the siblings from `position` in one direction, choosing what continues the article. Returns
    /// whether the walk met a boundary (furniture), as opposed to running out of siblings.
    private func extend(from position: Int, step: Int, siblings: [Int], prose: [Int32], chosen: inout [Int], chosenSet: inout Set<Int>) -> Bool {
        var pending: [Int] = []        // headings and short passages waiting for more of the article beyond them
        var bridged = 0                // text of the small blocks passed over since the last chosen one
        // Short blocks sharing one class name three times or more are cards (teasers), not article parts.
        var cards: [String: Int] = [:]
        for sibling in siblings where tree.nodes[sibling].tag != .text && !removed[sibling] && textLength[sibling] < Self.cardBytes {
            let name = tree.nodes[sibling].classAndID
            if !name.isEmpty { cards[name, default: 0] += 1 }
        }
        var at = position + step
        while at >= 0, at < siblings.count {
            let index = siblings[at]
            at += step
            let node = tree.nodes[index]
            if node.tag == .text { continue }
            if chosenSet.contains(index) {
                for item in pending where chosenSet.insert(item).inserted { chosen.append(item) }
                pending.removeAll()
                continue
            }
            if removed[index] {
                // Page regions by tag end the article; an ad slot or share bar inside it does not.
                if node.tag == .header || node.tag == .footer || node.tag == .nav { return true }
                continue
            }
            let length = textLength[index]
            if length == 0 { continue }
            var relation = relation(index, prose: prose, after: step > 0)
            if relation == .prose, length < Self.cardBytes, !node.classAndID.isEmpty, cards[node.classAndID, default: 0] >= 3 {
                relation = .boundary
            }
            switch relation {
            case .prose where length < Self.lonePassage:
                // A short passage on its own (an author's note, a caption, a teaser) joins only when more of
                // the article lies beyond it.
                pending.append(index)
            case .prose:
                for item in pending + [index] where chosenSet.insert(item).inserted { chosen.append(item) }
                pending.removeAll()
                bridged = 0
            case .attachable:
                // Before the article (walking backwards) a heading, list or table next to it belongs to it.
                // After it, a list or table does (with the headings before it); a heading alone only when
                // prose follows, so a trailing "Related" heading is not taken.
                if step < 0 || isListOrTable(node.tag) {
                    for item in pending + [index] where chosenSet.insert(item).inserted { chosen.append(item) }
                    pending.removeAll()
                } else {
                    pending.append(index)
                }
            case .small:
                // Bridged (an image, an ad label, a byline), but a run of small things is a region of its own.
                bridged += Int(length)
                if bridged >= 300 { return true }
                continue
            case .boundary:
                return true
            }
        }
        return false
    }

    private enum Relation { case prose, attachable, small, boundary }

    /// Below this many bytes of text, a neighbouring passage joins the article only between parts of it.
    static let lonePassage: Int32 = 250
    /// Below this many bytes of text, a block repeated under one class name is a card.
    static let cardBytes: Int32 = 600

    private func isListOrTable(_ tag: Tag) -> Bool {
        tag == .ul || tag == .ol || tag == .dl || tag == .table
    }

    /// What a neighbouring block is to the article: more of its prose, a heading/list/table that goes with
    /// prose, something too small to matter, or a boundary.
    private func relation(_ index: Int, prose: [Int32], after: Bool) -> Relation {
        let node = tree.nodes[index]
        let length = textLength[index]
        let links = linkDensity(index)
        if node.tag.isHeading {
            return length <= 200 && links < 0.5 && node.tag != .h1 ? .attachable : .boundary
        }
        if isListOrTable(node.tag) {
            if links < 0.2 { return .attachable }
            return length >= 150 ? .boundary : .small
        }
        // Prose: a real paragraph or more, mostly paragraphs, few links. After the article, not a story of its
        // own (its own headline or <article>, as teasers have); before it, a headline is the article's own.
        if after, holdsOwnStory(index) { return length >= 150 ? .boundary : .small }
        if prose[index] >= 80, links <= 0.25, Double(prose[index]) >= 0.6 * Double(length) { return .prose }
        if node.tag == .p, length >= 40, links < 0.25 { return .prose }
        if length >= 80, links < 0.25, isTextBlock(node, index: index) { return .prose }
        return length >= 150 ? .boundary : .small
    }

    /// Whether a block holds a headline (`<h1>`) or an `<article>` of its own.
    private func holdsOwnStory(_ index: Int) -> Bool {
        if tree.nodes[index].tag == .article { return true }
        let end = subtreeEnd(index)
        var at = index + 1
        while at < end {
            let tag = tree.nodes[at].tag
            if !removed[at], tag == .h1 || tag == .article { return true }
            at += 1
        }
        return false
    }

    // MARK: - Blocks

    /// Whether `index` has an `<article>` ancestor up to and including `root`.
    private func insideArticle(_ index: Int, root: Int) -> Bool {
        var ancestor = tree.nodes[index].parent
        while ancestor >= 0 {
            if tree.nodes[Int(ancestor)].tag == .article { return true }
            if Int(ancestor) == root { return false }
            ancestor = tree.nodes[Int(ancestor)].parent
        }
        return false
    }

    /// Whether a table row holds inline text only (no paragraphs, lists or nested tables in its cells):
    /// such a row is written as one line of cells.
    private func isSimpleRow(_ row: Int) -> Bool {
        var index = row + 1
        let end = subtreeEnd(row)
        while index < end {
            let tag = tree.nodes[index].tag
            if tag.isBlock, tag != .td, tag != .th, tag != .br { return false }
            index += 1
        }
        return true
    }

    /// One past the last node of `index`'s subtree (nodes are in pre-order).
    private func subtreeEnd(_ index: Int) -> Int {
        var current = index
        while current >= 0 {
            let next = tree.nodes[current].nextSibling
            if next >= 0 { return Int(next) }
            current = Int(tree.nodes[current].parent)
        }
        return tree.nodes.count
    }

    /// A link target worth writing in Markdown (not a fragment or script).
    private func markdownHref(_ node: PageNode) -> String? {
        guard format == .markdown, let href = node.attributes["href"]?.trimmingCharacters(in: .whitespaces), !href.isEmpty,
              !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") else { return nil }
        return href.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ")", with: "%29")
    }

    /// The blocks under `root` in page order: block elements start new blocks, inline text joins, link-heavy
    /// and furniture blocks are left out; headings, list items and table rows keep what they are.
    private func collectBlocks(_ root: Int, into blocks: inout [ArticleBlock]) {
        var current: [UInt8] = []
        var currentLinks = 0
        var currentText = 0
        var kind = ArticleBlock.Kind.paragraph
        var linkOpen: Int?          // where the "[" of an open Markdown link stands in `current`
        var lists: [(ordered: Bool, count: Int)] = []
        var row: Int?               // the simple table row being read, its cells, and its link share
        var cells: [String] = []
        var rowHeader = true
        var rowLinks = 0, rowText = 0
        func flush() {
            let text = TextBytes.collapse(current)
            if !text.isEmpty, !(currentText > 0 && Double(currentLinks) / Double(currentText) > 0.5) {
                blocks.append(ArticleBlock(text: text, kind: kind))
            }
            if !text.isEmpty { kind = .paragraph }
            current.removeAll(keepingCapacity: true)
            currentLinks = 0
            currentText = 0
            linkOpen = nil
        }
        func endCell() {
            cells.append(TextBytes.collapse(current))
            rowLinks += currentLinks
            rowText += currentText
            current.removeAll(keepingCapacity: true)
            currentLinks = 0
            currentText = 0
            linkOpen = nil
        }
        // A threaded walk (first child, next sibling, back up through parents): no stack, no allocation.
        var linkDepth = 0
        var index = root
        var descend = true
        while true {
            let node = tree.nodes[index]
            if descend {
                if removed[index] && !(captionOnly[index] && index != root) {
                    descend = false
                    continue
                }
                if node.tag == .text {
                    current.append(contentsOf: tree.text[Int(node.textStart)..<Int(node.textStart + node.textLength)])
                    let length = Int(removed[index] ? nonSpaceLength(node) : textLength[index])
                    currentText += length
                    if linkDepth > 0 { currentLinks += length }
                    descend = false
                    continue
                }
                if row != nil {
                    if node.tag == .br { current.append(0x20) }
                    if node.tag == .td { rowHeader = false }
                } else if node.tag.isBlock {
                    flush()
                }
                // The headline is metadata (the title field), not body text; a small <article> inside the
                // article is another story (a teaser or a related post), a large one is how the page nests text.
                let skip = node.tag == .h1
                    || (node.tag == .article && index != root && textLength[index] * 5 < textLength[root] * 2 && insideArticle(index, root: root))
                if skip {
                    descend = false
                    continue
                }
                switch node.tag {
                case .h2, .h3, .h4, .h5, .h6: kind = .heading(level: Int(node.tag.rawValue - Tag.h1.rawValue) + 1)
                case .ul, .ol: lists.append((node.tag == .ol, 0))
                case .li:
                    if !lists.isEmpty { lists[lists.count - 1].count += 1 }
                    let top = lists.last ?? (false, 1)
                    kind = .listItem(ordered: top.ordered, number: top.count, depth: max(0, lists.count - 1))
                case .tr where row == nil && isSimpleRow(index):
                    row = index
                    cells.removeAll()
                    rowHeader = true
                    rowLinks = 0
                    rowText = 0
                default: break
                }
                if node.tag == .a, isLink(node) {
                    linkDepth += 1
                    if markdownHref(node) != nil {
                        linkOpen = current.count
                        current.append(UInt8(ascii: "["))
                    }
                }
                if node.firstChild >= 0 {
                    index = Int(node.firstChild)
                    continue
                }
                descend = false
                continue
            }
            // Leaving `index`: close it, then go to its next sibling or further up.
            if !(removed[index] && !(captionOnly[index] && index != root)), node.tag != .text, node.tag != .h1 {
                if node.tag == .a, isLink(node) {
                    linkDepth -= 1
                    if let href = markdownHref(node), let open = linkOpen {
                        if current.count == open + 1 || current[(open + 1)...].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
                            current.removeSubrange(open...)      // a link without text (an image link)
                        } else {
                            current.append(contentsOf: Array("](\(href))".utf8))
                        }
                        linkOpen = nil
                    }
                }
                if node.tag == .ul || node.tag == .ol, !lists.isEmpty { lists.removeLast() }
                if let open = row {
                    if node.tag == .td || node.tag == .th {
                        endCell()
                    } else if index == open {
                        row = nil
                        if cells.contains(where: { !$0.isEmpty }), !(rowText > 0 && Double(rowLinks) / Double(rowText) > 0.5) {
                            let table = Int(tree.nodes[index].parent)
                            blocks.append(ArticleBlock(text: cells.filter { !$0.isEmpty }.joined(separator: " "),
                                                       kind: .tableRow(cells: cells, header: rowHeader, table: tableOf(table))))
                        }
                        kind = .paragraph
                    }
                } else if node.tag.isBlock {
                    flush()
                }
            }
            if index == root { break }
            if node.nextSibling >= 0 {
                index = Int(node.nextSibling)
                descend = true
            } else {
                index = Int(node.parent)
            }
        }
        flush()
    }

    /// The `<table>` a row belongs to (through `<thead>`/`<tbody>`), as an id for grouping rows.
    private func tableOf(_ index: Int) -> Int {
        var current = index
        while current >= 0, tree.nodes[current].tag != .table {
            current = Int(tree.nodes[current].parent)
        }
        return current
    }
}
