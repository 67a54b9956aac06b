import Foundation

/// The training data: the openly licensed files in `../shared/data/ner-train` (see NOTICE), read with
/// ``ConllReader``, plus capitalised copies of some sentences so the tagger learns headline case.
public enum TrainingCorpus {
    /// The files used, in a fixed order, with their licences.
    public static let files: [(name: String, licence: String)] = [
        ("wikigold.conll", "CC BY 4.0"),
        ("btc.conll", "CC BY 4.0"),
        ("uner-en-ewt-dev.iob2", "CC BY-SA 4.0"),
        ("uner-en-ewt-test.iob2", "CC BY-SA 4.0"),
        ("uner-en-pud-test.iob2", "CC BY-SA 3.0"),
    ]

    /// Reads every file of ``files`` from `directory`; throws naming the missing file.
    public static func load(directory: String, repeats: [String: Int] = [:], log: (String) -> Void = { _ in }) throws(ModelError) -> [LabeledDocument] {
        var documents: [LabeledDocument] = []
        for (name, licence) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ModelError("training file \(path) not found: pass --data with the directory of the openly licensed NER files (../shared/data/ner-train)")
            }
            let result = ConllReader.parse(String(decoding: data, as: UTF8.self))
            log("\(name) (\(licence)): \(result.documents.count) documents, \(result.tokens) tokens, \(result.skippedLines) malformed lines skipped")
            for _ in 0..<(repeats[name] ?? 1) { documents.append(contentsOf: result.documents) }
        }
        return documents
    }

    /// Adds, deterministically, an upper-case copy of the first sentence of about half the multi-sentence
    /// documents as a headline, and turns about 4% of other sentences into capitals in place.
    public static func augmentCapitals(_ documents: [LabeledDocument], seed: UInt64) -> [LabeledDocument] {
        var rng = SplitMix64(seed: seed)
        return documents.map { document in
            var sentences = document.text.sentences.map { range in range.map { document.text.string($0) } }
            var labels = document.text.sentences.map { range in range.map { document.labels[$0] } }
            for s in sentences.indices where rng.next() % 25 == 0 {
                sentences[s] = sentences[s].map { $0.uppercased() }
            }
            if sentences.count > 1, rng.next() % 2 == 0 {
                sentences.insert(sentences[0].map { $0.uppercased() }, at: 0)
                labels.insert(labels[0], at: 0)
            }
            return LabeledDocument(text: TokenizedText.fromTokens(sentences), labels: labels.flatMap { $0 })
        }
    }
}
