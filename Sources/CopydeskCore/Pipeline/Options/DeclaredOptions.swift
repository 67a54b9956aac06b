/// A stage's options, declared once: a struct whose default value (`init()`) holds every default, and a
/// schema of key paths that gives each field its pipeline name, type, range or choices and one-line doc.
/// Strict decoding of pipeline files, `copydesk stages`, `validate` and the docs' option tables all come
/// from it.
///
/// ```swift
/// public struct ShoutOptions: DeclaredOptions {
///     public var times = 1
///     public var suffix: String?
///     public init() {}
///     public static let schema = OptionSchema<Self>([
///         .int("times", \.times, min: 1, max: 10, "How many exclamation marks to add."),
///         .string("suffix", \.suffix, "Text added after them."),
///     ])
/// }
/// ```
public protocol DeclaredOptions: Sendable {
    /// Every option at its default.
    init()
    /// The options in `copydesk stages` order.
    static var schema: OptionSchema<Self> { get }
    /// Checks rules that involve several options (or values a type cannot express), after every value has
    /// been decoded; `check.error(\.field, "…")` positions the error at that option in the pipeline file.
    func validate(_ check: OptionCheck<Self>) throws(ConfigError)
}

extension DeclaredOptions {
    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {}
}
