/// A language and its probability among the candidates the script allowed.
public struct LanguageScore: Sendable, Equatable {
    public var language: String
    public var probability: Double

    public init(language: String, probability: Double) {
        self.language = language
        self.probability = probability
    }
}

/// What ``LanguageDetector`` found in one text.
public struct LanguageDetection: Sendable, Equatable {
    /// Letters seen (any script).
    public var letters: Int
    /// The script most letters are written in (`.none` without letters); kana and Han count together.
    public var script: Script
    /// Share of the letters written in ``script``.
    public var scriptShare: Double
    /// The candidate languages, most probable first (empty without letters or for an unknown script).
    public var candidates: [LanguageScore]

    /// The most probable language, ISO 639-1.
    public var language: String? { candidates.first?.language }

    /// The probability of ``language`` times the share of letters in its script, in 0…1.
    public var confidence: Double? { candidates.first.map { $0.probability * scriptShare } }

    /// The probability of `language` (times the script share), or 0 when it was not a candidate.
    public func confidence(of language: String) -> Double {
        (candidates.first { $0.language == language }?.probability ?? 0) * scriptShare
    }

    /// The detection of a text without letters.
    public static let empty = LanguageDetection(letters: 0, script: .none, scriptShare: 0, candidates: [])
}
