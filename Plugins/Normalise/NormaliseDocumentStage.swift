import CopydeskCore

/// The per-document half of the `normalise` stage: text as paragraphs, title as one line, nothing dropped.
struct NormaliseDocumentStage: DocumentStage {
    let normaliser: TextNormaliser

    func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        document.text = normaliser.normaliseText(document.text)
        if let title = document.title {
            document.title = normaliser.normaliseLine(title)
        }
        return .keep
    }
}
