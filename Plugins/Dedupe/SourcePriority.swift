public import CopydeskCore
import Foundation

/// An ordered list of preferred sources for the canonical member: a document whose `site` equals an
/// entry (case-insensitive), or whose URL host is an entry or ends with "." + entry, ranks by the
/// entry's position; unlisted sources rank after every listed one.
public struct SourcePriority: Sendable {
    /// Entries, lowercased, most preferred first.
    public let entries: [String]

    /// A priority list; empty means no preference.
    public init(_ entries: [String]) { self.entries = entries.map { $0.lowercased() } }

    /// The rank of `document` (0 = most preferred), `Int32.max` when no entry matches.
    public func rank(of document: Document) -> Int32 { rank(site: document.site, url: document.url) }

    /// The rank of a source given by site name and URL.
    public func rank(site: String?, url: String?) -> Int32 {
        min(rank(name: site), rank(name: url.flatMap(Self.host)))
    }

    /// The rank of a source name: a site name or host, equal to an entry or ending with "." + entry.
    public func rank(name: String?) -> Int32 {
        guard !entries.isEmpty, let name = name?.lowercased() else { return .max }
        for (index, entry) in entries.enumerated() where name == entry || name.hasSuffix("." + entry) {
            return Int32(index)
        }
        return .max
    }

    /// The name a document's source is known by in the index: its site, else its URL host.
    public static func name(of document: Document) -> String? { document.site ?? document.url.flatMap(host) }

    static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0 == ":" } ?? rest.endIndex
        return rest[..<end].lowercased()
    }
}
