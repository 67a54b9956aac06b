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

    init(tree: PageTree) {
        self.tree = tree
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
            textLength[index] = 0
            linkLength[index] = 0
            commas[index] = 0
        }
        let raw = aggregateRawText()
        markFurniture(raw: raw, strictness: strictness)
        aggregate()
        let scores = candidateScores()
        guard let candidate = bestCandidate(scores) else { return [] }
        let best = widened(candidate)
        let containers = best == candidate ? withSiblings(best, scores: scores) : [best]
        var paragraphs: [String] = []
        var seen = Set<String>()
        for container in containers {
            for paragraph in collectParagraphs(container) where seen.insert(paragraph).inserted {
                paragraphs.append(paragraph)
            }
        }
        return paragraphs
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
                continue
            }
            guard node.tag != .text else { continue }
            if protected.contains(index) { continue }
            if namedDiscussion[index], node.tag != .body, node.tag != .html {
                removed[index] = true
                continue
            }
            // Never remove what holds most of the page's text: a wrapper named oddly is still the page.
            if raw.length[index] * 2 > total { continue }
            guard isFurniture(node, index: index, strictness: strictness) else { continue }
            // A furniture-named element holding several long paragraphs is article text in an odd wrapper
            // ("paywall", "modal-enabled"), unless named for reader comments.
            if raw.longParagraphs[index] >= 2, !node.tag.isStructuralFurniture, !namedDiscussion[index] { continue }
            removed[index] = true
        }
    }

    private func isFurniture(_ node: PageNode, index: Int, strictness: Strictness) -> Bool {
        let attributes = node.attributes
        if attributes["hidden"] != nil || attributes["aria-hidden"]?.lowercased() == "true" { return true }
        if let style = attributes["style"]?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
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
            if node.tag == .a { linkLength[index] = textLength[index] }
            if node.parent >= 0 {
                let parent = Int(node.parent)
                textLength[parent] += textLength[index]
                linkLength[parent] += linkLength[index]
                commas[parent] += commas[index]
            }
        }
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

    /// The highest-scoring container after the link-density penalty.
    private func bestCandidate(_ scores: [Double?]) -> Int? {
        var best: (Int, Double)?
        for (index, score) in scores.enumerated() {
            guard let score else { continue }
            let adjusted = score * (1 - linkDensity(index))
            if best == nil || adjusted > best!.1 || (adjusted == best!.1 && index < best!.0) { best = (index, adjusted) }
        }
        return best?.0
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
    private func widened(_ candidate: Int) -> Int {
        let prose = proseLengths()
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

    // MARK: - Paragraphs

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

    /// The paragraphs under `root` in page order: block elements start new paragraphs, inline text joins,
    /// link-heavy and furniture blocks are left out.
    private func collectParagraphs(_ root: Int) -> [String] {
        var paragraphs: [String] = []
        var current: [UInt8] = []
        var currentLinks = 0
        var currentText = 0
        func flush() {
            let text = TextBytes.collapse(current)
            if !text.isEmpty, !(currentText > 0 && Double(currentLinks) / Double(currentText) > 0.5) {
                paragraphs.append(text)
            }
            current.removeAll(keepingCapacity: true)
            currentLinks = 0
            currentText = 0
        }
        // A threaded walk (first child, next sibling, back up through parents): no stack, no allocation.
        var linkDepth = 0
        var index = root
        var descend = true
        while true {
            let node = tree.nodes[index]
            if descend {
                if removed[index] {
                    descend = false
                    continue
                }
                if node.tag == .text {
                    current.append(contentsOf: tree.text[Int(node.textStart)..<Int(node.textStart + node.textLength)])
                    let length = Int(textLength[index])
                    currentText += length
                    if linkDepth > 0 { currentLinks += length }
                    descend = false
                    continue
                }
                if node.tag.isBlock { flush() }
                // The headline is metadata (the title field), not body text; a small <article> inside the
                // article is another story (a teaser or a related post), a large one is how the page nests text.
                let skip = node.tag == .h1
                    || (node.tag == .article && index != root && textLength[index] * 5 < textLength[root] * 2 && insideArticle(index, root: root))
                if skip {
                    descend = false
                    continue
                }
                if node.tag == .a { linkDepth += 1 }
                if node.firstChild >= 0 {
                    index = Int(node.firstChild)
                    continue
                }
                descend = false
                continue
            }
            // Leaving `index`: close it, then go to its next sibling or further up.
            if !removed[index], node.tag != .text, !(node.tag == .h1) {
                if node.tag == .a { linkDepth -= 1 }
                if node.tag.isBlock { flush() }
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
        return paragraphs
    }
}

