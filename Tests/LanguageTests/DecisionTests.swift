import Foundation
@testable import Language
import Testing

/// ``LanguageDetector``'s decision sums the three sets of totals, takes a softmax of the costs and sorts the
/// candidates in place. These tests hold it to the plain computation from the sums (every lane's exp, all
/// candidates sorted by probability, then code): languages and probabilities must be equal to the bit, so
/// that a faster decision can be checked against them.
@Suite("the decision gives the plain answer")
struct DecisionTests {
    /// The candidates the plain computation gives for `text`, or nil when its script decides alone or has
    /// no group.
    static func plainCandidates(_ detector: LanguageDetector, _ text: String) -> [LanguageScore]? {
        let detection = detector.detect(text)
        let model = detector.model
        guard detection.script.soleLanguage == nil, detection.letters > 0 else { return nil }
        let groupIndex = model.groupOfScript[Int(detection.script.rawValue)]
        guard groupIndex >= 0 else { return nil }
        var copy = text
        let sums = copy.withUTF8 { detector.sums($0) }
        let groupCount = model.groups.count, lanes = LanguageModel.lanes
        func cost(_ set: Int, _ lane: Int) -> Double { Double(sums.costs[(set * groupCount + groupIndex) * lanes + lane]) }
        let withCapitals = sums.ngrams.text + sums.ngrams.titles < sums.ngrams.capitals
        let titleWeight = sums.ngrams.text >= LanguageDetector.runningText ? LanguageDetector.titleWeight : 1
        let group = model.groups[groupIndex]
        let lanesAllowed = group.languages.indices.filter { detector.allowedLanes[groupIndex][$0] }
        let costs = lanesAllowed.map { lane in
            let running = cost(0, lane) + titleWeight * cost(2, lane)
            return withCapitals ? running + cost(1, lane) : running
        }
        guard let lowest = costs.min() else { return [] }
        let factor = M_LN2 / Double(model.scale) / LanguageDetector.temperature
        let weights = costs.map { exp(-($0 - lowest) * factor) }
        let sum = weights.reduce(0, +)
        let scores = zip(lanesAllowed, weights).map { LanguageScore(language: group.languages[$0], probability: $1 / sum) }
        return scores.sorted { $0.probability > $1.probability || ($0.probability == $1.probability && $0.language < $1.language) }
    }

    /// Many distinct words of n-grams only Vietnamese has: the other languages' probabilities underflow to 0.
    static let vietnamese: String = {
        let consonants: [String] = "bcdghklmnstv".map { String($0) }
        let words: [String] = (0..<400).map { n in
            consonants[n % 12] + "ệ" + consonants[n / 12 % 12] + "ệ" + consonants[n / 144] + "ươ"
        }
        return words.joined(separator: " ")
    }()

    static let texts: [String] = [
        "the", "The quick brown fox jumps over the lazy dog.", "NYSE GIF IBM", "Caps Lock Shift Num Lock Windows",
        "Der schnelle braune Fuchs springt über den faulen Hund.", "Съешь же ещё этих мягких французских булок",
        "مرحبا بالعالم سلام دنیا", "नमस्ते दुनिया", "og ogiltig ogiltig ogiltig",
        String(repeating: "The central bank raised interest rates on Thursday, saying inflation stayed high. ", count: 3)
            + "Le gouvernement a présenté jeudi un projet de loi pour réduire la consommation d'énergie.",
        (0..<300).map { "w\($0 % 26)ord\($0)" }.joined(separator: " "), vietnamese,
    ] + DetectionTests.sentences.map(\.1)

    @Test("probabilities and order equal the plain computation's, to the bit, with and without a restriction")
    func sameAsPlain() {
        let restricted = LanguageDetector(model: builtInModel, languages: ["en", "de", "fr", "nl", "ru", "uk", "da", "no", "sv"])
        for (detector, all) in [(detector, true), (restricted, false)] {
            var compared = 0, zeros = 0
            for text in Self.texts {
                guard let plain = Self.plainCandidates(detector, text) else { continue }
                let fast = detector.detect(text).candidates
                #expect(fast == plain, "\(text.prefix(60).debugDescription)")
                compared += 1
                zeros += plain.count { $0.probability == 0 }
            }
            #expect(compared > 20)
            // (Vietnamese is not among the restricted detector's languages.)
            #expect(zeros > 0 || !all, "some texts have languages whose probability underflows to 0")
        }
    }
}
