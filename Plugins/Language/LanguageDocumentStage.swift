public import CopydeskCore

/// The per-document half of the `language` stage. Counters (run report): `detected`, `declared_agrees`,
/// `declared_overridden`, `declared_kept`, `from_title`, `no_letters`, `unknown_script`, `mixed_scripts`,
/// `low_confidence`.
public struct LanguageDocumentStage: DocumentStage {
    public let detector: LanguageDetector
    public let options: LanguageOptions
    /// Below this share of letters in the main script a document counts as `mixed_scripts`.
    static let mixedScriptShare = 0.8

    public init(detector: LanguageDetector, options: LanguageOptions) {
        self.detector = detector
        self.options = options
    }

    public func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        var counters: [String: Int] = [:]
        return try process(&document, counters: &counters)
    }

    public func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict {
        var detection = detector.detect(document.text)
        if detection.letters < options.minLetters, let title = document.title {
            let combined = detector.detect(title + "\n" + document.text)
            if combined.letters > detection.letters {
                detection = combined
                counters["from_title", default: 0] += 1
            }
        }
        if options.paragraphs { document.paragraphLanguages = paragraphLanguages(document.text) }
        document.languageConfidence = nil
        guard detection.letters > 0 else {
            counters["no_letters", default: 0] += 1
            return .keep
        }
        if detection.scriptShare < Self.mixedScriptShare { counters["mixed_scripts", default: 0] += 1 }
        guard let detected = detection.language, let confidence = detection.confidence else {
            counters["unknown_script", default: 0] += 1
            return .keep
        }
        guard confidence >= options.minConfidence else {
            counters["low_confidence", default: 0] += 1
            return .keep
        }
        switch document.language.flatMap(LanguageTags.primary) {
        case nil:
            counters["detected", default: 0] += 1
            document.language = detected
            document.languageConfidence = Self.rounded(confidence)
        case detected?:
            counters["declared_agrees", default: 0] += 1
            document.language = detected
            document.languageConfidence = Self.rounded(confidence)
        case let declared?:
            switch options.prefer {
            case .text:
                counters["declared_overridden", default: 0] += 1
                document.language = detected
                document.languageConfidence = Self.rounded(confidence)
            case .declared:
                counters["declared_kept", default: 0] += 1
                document.language = declared
                document.languageConfidence = Self.rounded(detection.confidence(of: declared))
            }
        }
        return .keep
    }

    /// The language of each paragraph (`nil` without letters or below `min_confidence`).
    func paragraphLanguages(_ text: String) -> [String?] {
        var text = text
        return text.withUTF8 { bytes in
            Paragraphs.ranges(bytes).map { range -> String? in
                let detection = detector.detect(bytes: UnsafeBufferPointer(rebasing: bytes[range]))
                guard let confidence = detection.confidence, confidence >= options.minConfidence else { return nil }
                return detection.language
            }
        }
    }

    /// Three decimals are all a confidence means; shorter records.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
