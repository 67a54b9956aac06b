import Foundation

/// One document of an output as `copydesk clusters` sees it: the fields that name it and its
/// `duplicate` object.
public struct ClusterMember: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var published: String?
    /// `site`, or the URL's host when the record has no site.
    public var site: String?
    public var cluster: String
    public var canonical: String
    /// `exact`, `near`, `syndicated`; `nil` for the canonical member and documents alone.
    public var relation: String?
    public var similarity: Double?

    public init(
        id: String, title: String? = nil, published: String? = nil, site: String? = nil, cluster: String, canonical: String,
        relation: String? = nil, similarity: Double? = nil
    ) {
        self.id = id
        self.title = title
        self.published = published
        self.site = site
        self.cluster = cluster
        self.canonical = canonical
        self.relation = relation
        self.similarity = similarity
    }

    /// The host of `url` (`https://www.example.com/a` → `www.example.com`), or `nil`.
    static func host(_ url: String?) -> String? {
        guard let url, let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }
}
