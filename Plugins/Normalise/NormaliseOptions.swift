public import CopydeskCore

/// The settings of the `normalise` stage, decoded from its pipeline options or built in code.
/// Every switch defaults to the value the stage uses when the pipeline file omits it.
public struct NormaliseOptions: DeclaredOptions, Hashable {
    /// The Unicode normalisation form applied after cleaning.
    public enum UnicodeForm: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// Canonical composition: `e` + U+0301 becomes `é`; nothing else changes meaning.
        case nfc
        /// Compatibility composition: also folds `ﬁ` → `fi`, `²` → `2`, full-width forms, no-break space → space.
        case nfkc
        /// Leave the form as it is.
        case none
    }

    /// How paragraph breaks are recognised in `Document.text`.
    public enum ParagraphMode: String, Sendable, CaseIterable, OptionValueRepresentable {
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
    public enum PunctuationStyle: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// Keep curly quotes, dashes and the ellipsis.
        case keep
        /// Fold quotes to `'`/`"`, hyphens and dashes to `-`, the ellipsis to `...`.
        case ascii
    }

    /// The Unicode normalisation form (default NFC).
    public var unicode: UnicodeForm = .nfc
    /// How paragraph breaks are recognised in `Document.text` (default auto; titles are always one line).
    public var paragraphs: ParagraphMode = .auto
    /// Fold tabs and Unicode spaces to a space, collapse runs of spaces, trim lines.
    public var whitespace = true
    /// Remove zero-width and other invisible characters (ZWNJ and ZWJ are kept).
    public var invisible = true
    /// Remove control characters; turn form feed, vertical tab, U+2028 and U+2029 into line breaks.
    public var control = true
    /// Decode HTML entities left in the text.
    public var entities = true
    /// Repair UTF-8 that was decoded as Windows-1252 or Latin-1.
    public var mojibake = true
    /// Whether typographic punctuation is kept (default) or folded to ASCII.
    public var punctuation: PunctuationStyle = .keep

    /// Every option at its default.
    public init() {}

    /// The defaults, with the settings given changed (for code and tests).
    public init(
        unicode: UnicodeForm = NormaliseOptions().unicode,
        paragraphs: ParagraphMode = NormaliseOptions().paragraphs,
        whitespace: Bool = NormaliseOptions().whitespace,
        invisible: Bool = NormaliseOptions().invisible,
        control: Bool = NormaliseOptions().control,
        entities: Bool = NormaliseOptions().entities,
        mojibake: Bool = NormaliseOptions().mojibake,
        punctuation: PunctuationStyle = NormaliseOptions().punctuation
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

    public static let schema = OptionSchema<Self>([
        .choice("unicode", \.unicode,
                "Unicode normalisation form: nfc composes (e + U+0301 → é); nfkc also folds compatibility characters "
                    + "(ﬁ → fi, ² → 2, full-width letters → ASCII, … → ...); none leaves the form as it is."),
        .choice("paragraphs", \.paragraphs,
                "How paragraph breaks are found (output: paragraphs separated by one blank line, lines of a paragraph "
                    + "joined by a space): auto decides per document (blank lines and indented lines start paragraphs, "
                    + "hard-wrapped lines are joined, list items and headings stay separate, otherwise one paragraph per "
                    + "line); blank-lines joins every single newline; lines makes every non-empty line a paragraph; keep "
                    + "keeps line breaks and only trims and collapses runs of blank lines into one."),
        .bool("whitespace", \.whitespace,
              "Turn tabs, no-break and other Unicode spaces (U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000) "
                + "into a plain space, collapse runs of spaces inside a line and trim every line."),
        .bool("invisible", \.invisible,
              "Remove invisible characters: U+200B zero-width space, U+2060 word joiner, U+2061–U+2064, U+FEFF byte "
                + "order mark (anywhere), U+00AD soft hyphen, U+200E/U+200F direction marks and bidi controls "
                + "U+202A–U+202E, U+2066–U+2069; ZWNJ/ZWJ (U+200C/U+200D) are kept: Persian, Indic scripts and emoji need them."),
        .bool("control", \.control,
              "Remove C0 controls except tab and newline, DEL and C1 controls (U+0080–U+009F); form feed, vertical "
                + "tab and U+2028 become a newline, U+2029 a paragraph break. CR and CRLF always become LF."),
        .bool("entities", \.entities,
              "Decode HTML entities left in the text, once (&amp;amp; → &amp;): numeric with a semicolon (&#8217; "
                + "&#x2019;; &#128;–&#159; as Windows-1252; 0, surrogates and out-of-range → U+FFFD) and named HTML 4 / "
                + "common HTML5 ones with a semicolon (&amp; &nbsp; &eacute; &mdash; &hellip; &euro; Greek …); "
                + "unknown names, AT&T, &c and entities without a semicolon stay as they are."),
        .bool("mojibake", \.mojibake,
              "Repair UTF-8 that was decoded as Windows-1252 or Latin-1 (â€™ → ’, â€œ → “, Ã© → é, Â + no-break "
                + "space → no-break space), only where the characters map back to valid UTF-8 of a plausible "
                + "character, repeated for doubly broken text; lone C1 controls become their Windows-1252 "
                + "characters (U+0092 → ’). Legitimate accented text is left alone."),
        .choice("punctuation", \.punctuation,
                "keep leaves typography as it is; ascii folds ‘ ’ ‚ ‛ ′ ‹ › to ', “ ” „ ‟ ″ « » to \", hyphens and "
                    + "en/em dashes (‐ ‑ ‒ – — ―) to a single - (surrounding spaces kept as given), and … to ..."),
    ])
}
