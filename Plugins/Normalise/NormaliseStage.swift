public import CopydeskCore

/// The `normalise` stage: cleans `Document.text` (as paragraphs) and `Document.title` (as one line)
/// with a ``TextNormaliser``. It never drops a document and leaves `Document.html` untouched.
public enum NormaliseStage {
    /// The stage as registered: id `normalise`, per-document.
    public static let descriptor = StageDescriptor(
        id: "normalise",
        summary: "Cleans text and title: line endings, control and invisible characters, HTML entities, mojibake, "
            + "whitespace, paragraphs (one blank line between them), Unicode form; never drops a document.",
        options: NormaliseOptions.self,
        make: { options, _ throws(ConfigError) in NormaliseDocumentStage(normaliser: TextNormaliser(options: options.value)) })
}
