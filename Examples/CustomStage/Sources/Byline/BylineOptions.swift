import CopydeskCore
import Foundation

/// The `byline` stage's options, declared once: the properties' initial values are the defaults, and the
/// schema gives each its pipeline name, type and one line for `copydesk stages`.
public struct BylineOptions: DeclaredOptions {
    /// Words that open a byline line, matched ignoring case.
    public var prefixes = ["By"]
    /// Whether the byline line leaves the text once it is recognised.
    public var remove = true

    public init() {}

    public static let schema = OptionSchema<Self>([
        .strings("prefixes", \.prefixes, "Words that open a byline line, ignoring case (By, Von, Par, Por, Door)."),
        .bool("remove", \.remove, "Remove the byline line from the text (false: keep it and only fill author)."),
    ])

    /// An empty prefix would make every first line a byline.
    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {
        if prefixes.isEmpty { throw check.error(\.prefixes, "give at least one prefix (e.g. [By])") }
        if prefixes.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw check.error(\.prefixes, "an empty prefix would take every first line for a byline; remove it")
        }
    }
}
