/// Class, id and role names that mark page furniture or article content, matched on the words of the
/// `class`/`id` attributes (split at spaces, hyphens, underscores and digits). General web conventions,
/// not any one site's names.
enum BoilerplateHints {
    /// Furniture even when a content word is also present ("article-comments", "post-share").
    static let strong: Set<String> = [
        "share", "sharing", "sharebar", "social", "comment", "comments", "disqus", "replies", "respond", "related", "recommended",
        "recommendations", "newsletter", "subscribe", "subscription", "signup", "promo", "promotion", "advert",
        "advertisement", "ads", "ad", "adslot", "advertising", "sponsor", "sponsored", "outbrain", "taboola", "cookie",
        "cookies", "consent", "gdpr", "popup", "breadcrumb", "breadcrumbs", "paywall", "trending", "sidebar",
        "nav", "navbar", "navigation", "menu", "footer", "masthead", "toolbar", "donate", "reactions",
    ]

    /// Furniture only when no content word is present ("byline", "caption"; but "entry author-x" is content).
    static let weak: Set<String> = [
        "byline", "author", "bio", "caption", "credit", "credits", "figcaption", "dateline", "timestamp", "tags", "topics",
        "embed", "video", "player", "gallery", "slideshow", "carousel", "teaser", "follow", "rating", "rail", "print",
        "popular", "readmore", "hidden", "modal", "pagination", "widget", "widgets", "banner", "screenreader", "offscreen", "feedback", "emoji", "jump", "skip",
    ]

    /// Content: an element named so keeps its place unless a strong furniture word is also there.
    static let positive: Set<String> = [
        "article", "articlebody", "content", "body", "entry", "main", "post", "story", "text", "prose", "blog", "richtext",
        "copy", "paragraph", "storytext", "storybody", "page",
    ]

    /// Words of reader discussion: furniture even when it holds most of a page's text.
    static let discussion: Set<String> = ["comment", "comments", "disqus", "replies", "reply", "respond", "discussion", "responses"]

    /// What a class/id string says about its element.
    struct Classification: Equatable {
        var furniture = false
        var discussion = false
        var content = false
    }

    /// Classifies a lowercased class/id string in one pass over its bytes (words are runs of ASCII letters;
    /// short words stay inline strings, so nothing is allocated per word).
    static func classify(_ classAndID: String) -> Classification {
        var strongWord = false, weakWord = false, contentWord = false, discussionWord = false
        let utf8 = classAndID.utf8
        var start = utf8.startIndex
        var index = start
        func finish(_ end: String.UTF8View.Index) {
            guard start < end, let text = String(utf8[start..<end]) else { return }
            if strong.contains(text) { strongWord = true }
            if weak.contains(text) { weakWord = true }
            if positive.contains(text) { contentWord = true }
            if discussion.contains(text) { discussionWord = true }
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            if !(byte >= 0x61 && byte <= 0x7A) {
                finish(index)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        finish(utf8.endIndex)
        return Classification(furniture: strongWord || (weakWord && !contentWord), discussion: discussionWord, content: contentWord)
    }

    /// Whether a lowercased class/id string names page furniture.
    static func isFurniture(_ classAndID: String) -> Bool { classify(classAndID).furniture }

    /// Whether a class/id string names reader comments.
    static func isDiscussion(_ classAndID: String) -> Bool { classify(classAndID).discussion }

    /// Whether a class/id string names article content.
    static func isContent(_ classAndID: String) -> Bool { classify(classAndID).content }

    /// schema.org `itemprop` values of metadata shown (or hidden) in a page, kept as fields instead.
    static let metadataProperties: Set<String> = [
        "datepublished", "datemodified", "datecreated", "keywords", "publisher", "author", "creator", "image", "thumbnailurl",
        "url", "inlanguage", "wordcount", "articlesection", "isaccessibleforfree", "copyrightholder", "copyrightyear", "genre",
        "sourceorganization", "provider",
    ]

    /// ARIA roles of page furniture.
    static let furnitureRoles: Set<String> = ["navigation", "complementary", "banner", "contentinfo", "dialog", "alertdialog", "menu", "menubar", "search", "toolbar"]
}
