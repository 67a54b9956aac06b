/// Reads NER data in the CoNLL family of formats into documents with BIO labels for PERSON, ORG and LOC.
///
/// Handles space- or tab-separated columns (token first, label last: CoNLL-2003, wikigold, BTC), the
/// UNER/CoNLL-U layout (index, token, label …; `#` comments, `# newdoc` starts a document), IOB1 and IOB2,
/// and `-DOCSTART-` lines. MISC and other types become O. A file without document markers is read as one
/// document per sentence (tweets). Malformed lines (one column) are skipped and counted.
public enum ConllReader {
    /// The result of reading one file.
    public struct Result: Sendable {
        /// The documents read, in file order.
        public var documents: [LabeledDocument]
        /// Tokens read.
        public var tokens: Int
        /// Lines with too few columns, skipped.
        public var skippedLines: Int
    }

    /// Parses `content`.
    public static func parse(_ content: String) -> Result {
        var documents: [[[String]]] = []
        var documentLabels: [[[UInt8]]] = []
        var sentences: [[String]] = []
        var sentenceLabels: [[UInt8]] = []
        var words: [String] = []
        var types: [Int?] = []
        var prefixes: [Character] = []
        var sawMarker = false
        var skipped = 0
        var tokens = 0

        func endSentence() {
            guard !words.isEmpty else { return }
            // IOB1/IOB2 → BIO: I-X after anything but X begins an entity.
            var labels: [UInt8] = []
            for k in 0..<words.count {
                guard let t = types[k] else { labels.append(0); continue }
                let continues = k > 0 && types[k - 1] == t && prefixes[k] != "B"
                labels.append(continues ? EntityLabel.inside(t) : EntityLabel.begin(t))
            }
            sentences.append(words)
            sentenceLabels.append(labels)
            tokens += words.count
            words = []
            types = []
            prefixes = []
        }
        func endDocument() {
            endSentence()
            guard !sentences.isEmpty else { return }
            documents.append(sentences)
            documentLabels.append(sentenceLabels)
            sentences = []
            sentenceLabels = []
        }

        for line in content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { endSentence(); continue }
            if trimmed.hasPrefix("#") && trimmed.contains(" ") && !trimmed.hasPrefix("#\t") && !trimmed.contains("\t") {
                if trimmed.hasPrefix("# newdoc") { sawMarker = true; endDocument() }
                continue
            }
            let columns = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard columns.count >= 2 else { skipped += 1; continue }
            if columns[0] == "-DOCSTART-" { sawMarker = true; endDocument(); continue }
            var word = columns[0]
            var label = columns[columns.count - 1]
            if columns.count >= 5, columns[0].allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }), columns[3] == "-" || columns[3] == "_" {
                // CoNLL-U style: index, token, label, …
                if columns[0].contains("-") || columns[0].contains(".") { continue }
                word = columns[1]
                label = columns[2]
            }
            let parts = label.split(separator: "-", maxSplits: 1)
            if parts.count == 2, let t = EntityLabel.typeIndex(parts[1]), parts[0] == "B" || parts[0] == "I" {
                types.append(t)
                prefixes.append(parts[0].first!)
            } else {
                types.append(nil)
                prefixes.append("O")
            }
            words.append(String(word))
        }
        endDocument()
        if !sawMarker {
            // One document per sentence.
            var split: [[[String]]] = []
            var splitLabels: [[[UInt8]]] = []
            for (d, document) in documents.enumerated() {
                for (s, sentence) in document.enumerated() {
                    split.append([sentence])
                    splitLabels.append([documentLabels[d][s]])
                }
            }
            documents = split
            documentLabels = splitLabels
        }
        var out: [LabeledDocument] = []
        for (d, document) in documents.enumerated() {
            out.append(LabeledDocument(text: TokenizedText.fromTokens(document), labels: documentLabels[d].flatMap { $0 }))
        }
        return Result(documents: out, tokens: tokens, skippedLines: skipped)
    }
}
