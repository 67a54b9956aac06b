public import CopydeskCore

/// The `normalise` stage: cleans `Document.text` (as paragraphs) and `Document.title` (as one line)
/// with a ``TextNormaliser``. It never drops a document and leaves `Document.html` untouched.
public enum NormaliseStage {
    /// The stage as registered: id `normalise`, per-document.
    public static let descriptor = StageDescriptor(
        id: "normalise",
        summary: "Cleans text and title: line endings, control and invisible characters, HTML entities, mojibake, "
            + "whitespace, paragraphs (one blank line between them), Unicode form; never drops a document.",
        options: [
            OptionSpec(
                "unicode", .choice(NormaliseOptions.UnicodeForm.allCases.map(\.rawValue)), default: .string("nfc"),
                "Unicode normalisation form: nfc composes (e + U+0301 → é); nfkc also folds compatibility characters "
                    + "(ﬁ → fi, ² → 2, full-width letters → ASCII, … → ...); none leaves the form as it is."),
            OptionSpec(
                "paragraphs", .choice(NormaliseOptions.ParagraphMode.allCases.map(\.rawValue)), default: .string("auto"),
                "How paragraph breaks are found (output: paragraphs separated by one blank line, lines of a paragraph "
                    + "joined by a space): auto decides per document (blank lines and indented lines start paragraphs, "
                    + "hard-wrapped lines are joined, list items and headings stay separate, otherwise one paragraph per "
                    + "line); blank-lines joins every single newline; lines makes every non-empty line a paragraph; keep "
                    + "keeps line breaks and only trims and collapses runs of blank lines into one."),
            OptionSpec(
                "whitespace", .bool, default: .bool(true),
                "Turn tabs, no-break and other Unicode spaces (U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000) "
                    + "into a plain space, collapse runs of spaces inside a line and trim every line."),
            OptionSpec(
                "invisible", .bool, default: .bool(true),
                "Remove invisible characters: U+200B zero-width space, U+2060 word joiner, U+2061–U+2064, U+FEFF byte "
                    + "order mark (anywhere), U+00AD soft hyphen, U+200E/U+200F direction marks and bidi controls "
                    + "U+202A–U+202E, U+2066–U+2069; ZWNJ/ZWJ (U+200C/U+200D) are kept: Persian, Indic scripts and emoji need them."),
            OptionSpec(
                "control", .bool, default: .bool(true),
                "Remove C0 controls except tab and newline, DEL and C1 controls (U+0080–U+009F); form feed, vertical "
                    + "tab and U+2028 become a newline, U+2029 a paragraph break. CR and CRLF always become LF."),
            OptionSpec(
                "entities", .bool, default: .bool(true),
                "Decode HTML entities left in the text, once (&amp;amp; → &amp;): numeric with a semicolon (&#8217; "
                    + "&#x2019;; &#128;–&#159; as Windows-1252; 0, surrogates and out-of-range → U+FFFD) and named HTML 4 / "
                    + "common HTML5 ones with a semicolon (&amp; &nbsp; &eacute; &mdash; &hellip; &euro; Greek …); "
                    + "unknown names, AT&T, &c and entities without a semicolon stay as they are."),
            OptionSpec(
                "mojibake", .bool, default: .bool(true),
                "Repair UTF-8 that was decoded as Windows-1252 or Latin-1 (â€™ → ’, â€œ → “, Ã© → é, Â + no-break "
                    + "space → no-break space), only where the characters map back to valid UTF-8 of a plausible "
                    + "character, repeated for doubly broken text; lone C1 controls become their Windows-1252 "
                    + "characters (U+0092 → ’). Legitimate accented text is left alone."),
            OptionSpec(
                "punctuation", .choice(NormaliseOptions.PunctuationStyle.allCases.map(\.rawValue)), default: .string("keep"),
                "keep leaves typography as it is; ascii folds ‘ ’ ‚ ‛ ′ ‹ › to ', “ ” „ ‟ ″ « » to \", hyphens and "
                    + "en/em dashes (‐ ‑ ‒ – — ―) to a single - (surrounding spaces kept as given), and … to ..."),
        ],
        make: { (options: StageOptions, _: StageContext) throws(ConfigError) -> NormaliseDocumentStage in
            let normaliser = TextNormaliser(options: try NormaliseOptions(options))
            return NormaliseDocumentStage(normaliser: normaliser)
        })
}
