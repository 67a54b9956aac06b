public import CopydeskCore

/// The settings of the `normalise` stage, decoded from its pipeline options or built in code.
/// Every switch defaults to the value the stage uses when the pipeline file omits it.
public struct NormaliseOptions: Sendable, Hashable {
    /// The Unicode normalisation form applied after cleaning.
    public enum UnicodeForm: String, Sendable, CaseIterable {
        /// Canonical composition: `e` + U+0301 becomes `é`; nothing else changes meaning.
        case nfc
        /// Compatibility composition: also folds `ﬁ` → `fi`, `²` → `2`, full-width forms, no-break space → space.
        case nfkc
        /// Leave the form as it is.
        case none
    }

    /// How paragraph breaks are recognised in `Document.text`.
    public enum ParagraphMode: String, Sendable, CaseIterable {
        /// Decide per document from its shape: blank lines separate paragraphs; a line indented deeper than
        /// the text's margin starts one (Reuters' four spaces); list items and `#` headings stand alone;
        /// other line breaks are joined when the text looks hard-wrapped (most lines of similar width,
        /// at most ~100 columns, going on mid-sentence) unless the next word would have fitted on the
        /// line, and otherwise only when the next line goes on in lower case.
        case auto
        /// Blank lines separate paragraphs; single newlines are hard wraps and are joined.
        case blankLines = "blank-lines"
        /// Every non-empty line is a paragraph.
        case lines
        /// Keep the line structure; only trim and collapse runs of blank lines into one.
        case keep
    }

    /// What to do with typographic punctuation.
    public enum PunctuationStyle: String, Sendable, CaseIterable {
        /// Keep curly quotes, dashes and the ellipsis.
        case keep
        /// Fold quotes to `'`/`"`, hyphens and dashes to `-`, the ellipsis to `...`.
        case ascii
    }

    /// The Unicode normalisation form (default NFC).
    public var unicode: UnicodeForm
    /// How paragraph breaks are recognised in `Document.text` (default auto; titles are always one line).
    public var paragraphs: ParagraphMode
    /// Fold tabs and Unicode spaces to a space, collapse runs of spaces, trim lines.
    public var whitespace: Bool
    /// Remove zero-width and other invisible characters (ZWNJ and ZWJ are kept).
    public var invisible: Bool
    /// Remove control characters; turn form feed, vertical tab, U+2028 and U+2029 into line breaks.
    public var control: Bool
    /// Decode HTML entities left in the text.
    public var entities: Bool
    /// Repair UTF-8 that was decoded as Windows-1252 or Latin-1.
    public var mojibake: Bool
    /// Whether typographic punctuation is kept (default) or folded to ASCII.
    public var punctuation: PunctuationStyle

    /// Options with the stage's defaults unless given.
    public init(
        unicode: UnicodeForm = .nfc, paragraphs: ParagraphMode = .auto, whitespace: Bool = true, invisible: Bool = true,
        control: Bool = true, entities: Bool = true, mojibake: Bool = true, punctuation: PunctuationStyle = .keep
    ) {
        self.unicode = unicode
        self.paragraphs = paragraphs
        self.whitespace = whitespace
        self.invisible = invisible
        self.control = control
        self.entities = entities
        self.mojibake = mojibake
        self.punctuation = punctuation
    }

    /// Reads the options the runner decoded for the stage (every option present, defaults applied).
    /// Throws a positioned error for a value outside an option's choices.
    public init(_ options: StageOptions) throws(ConfigError) {
        func choice<T: RawRepresentable<String>>(_ name: String, _: T.Type) throws(ConfigError) -> T {
            let raw = options.string(name)
            guard let value = T(rawValue: raw) else { throw options.error(name, "unknown value '\(raw)'") }
            return value
        }
        self.init(
            unicode: try choice("unicode", UnicodeForm.self),
            paragraphs: try choice("paragraphs", ParagraphMode.self),
            whitespace: options.bool("whitespace"),
            invisible: options.bool("invisible"),
            control: options.bool("control"),
            entities: options.bool("entities"),
            mojibake: options.bool("mojibake"),
            punctuation: try choice("punctuation", PunctuationStyle.self))
    }
}
