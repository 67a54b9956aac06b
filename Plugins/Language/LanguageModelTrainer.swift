import Foundation

/// Builds a ``LanguageModel`` from character n-gram profiles in langdetect's JSON format (`{"name": …,
/// "freq": {n-gram: count}, "n_words": [1-grams, 2-grams, 3-grams]}`, one file per language, as shipped
/// in the Apache-2.0 `langdetect` package). Deterministic: the same profiles give the same bytes.
public enum LanguageModelTrainer {
    /// One language's n-gram counts.
    public struct Profile: Sendable {
        /// ISO 639-1 code of the language.
        public var code: String
        /// Total n-grams of each length (1, 2, 3) in the text the profile was counted on.
        public var totals: [Double]
        public var counts: [String: Int]

        public init(code: String, totals: [Double], counts: [String: Int]) {
            self.code = code
            self.totals = totals
            self.counts = counts
        }
    }

    /// The settings of a training run.
    public struct Settings: Sendable {
        /// Probability added to every n-gram's relative frequency (langdetect's alpha 0.5 / 10,000), so
        /// an n-gram a language never showed costs −log₂(floor).
        public var floor: Double = 5e-5
        /// Cost units per bit.
        public var scale: Int = 16
        /// What a function word of one language costs each language of its group whose list lacks it, in
        /// bits (a language that has it pays nothing; one with no list pays the mean of those that have one).
        public var wordPenalty: Double = 6
        public init() {}
    }

    /// Profiles that a script decides on its own (and Chinese, whose profiles fold Han characters).
    static let skipped: Set<String> = ["zh-cn", "zh-tw"]

    /// Reads every profile file of `directory` (file name = language code), in name order.
    public static func loadProfiles(directory: String) throws(LanguageModelError) -> [Profile] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw LanguageModelError("\(directory): cannot list the profile directory (\(error.localizedDescription)); "
                + "install langdetect (see Benchmarks/language-peers/README.md) and pass its profiles folder")
        }
        var profiles: [Profile] = []
        for name in names where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let freq = object["freq"] as? [String: Any], let totals = object["n_words"] as? [Any], totals.count == 3
            else { throw LanguageModelError("\(path): not a langdetect profile (needs 'freq' and three 'n_words')") }
            var counts: [String: Int] = [:]
            for (key, value) in freq { counts[key] = (value as? NSNumber)?.intValue ?? 0 }
            profiles.append(Profile(code: name, totals: totals.map { ($0 as? NSNumber)?.doubleValue ?? 0 }, counts: counts))
        }
        guard !profiles.isEmpty else { throw LanguageModelError("\(directory): no profiles found") }
        return profiles
    }

    /// Reads lists of function words ("stop words") per language from a JSON object `{code: [word, …]}`,
    /// as the MIT-licensed stopwords-iso collection ships them (`stopwords-iso.json`).
    public static func loadWordLists(path: String) throws(LanguageModelError) -> [String: [String]] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw LanguageModelError("\(path): cannot read a JSON object of word lists; download the stopwordsiso wheel "
                + "(see Benchmarks/language-peers/README.md) and pass its stopwords-iso.json")
        }
        var lists: [String: [String]] = [:]
        for (code, value) in object {
            guard let words = value as? [String] else { throw LanguageModelError("\(path): '\(code)' is not a list of words") }
            lists[code] = words
        }
        return lists
    }

    /// Rows for whole function words: each word of a language's list (folded; one word of letters of the
    /// group's script, else left out) costs 0 for every language of the group whose list has it, the
    /// penalty for every language whose list lacks it, and the rounded mean of those for a language that
    /// has no list (no bonus it could not earn, no penalty it would always pay).
    static func wordRows(_ lists: [String: [String]], groups: [LanguageGroup], settings: Settings) -> [NgramCosts] {
        let penalty = UInt8(min(255, max(0, (settings.wordPenalty * Double(settings.scale)).rounded())))
        var rows: [NgramCosts] = []
        for (index, group) in groups.enumerated() {
            let listed = group.languages.map { lists[$0].map { !$0.isEmpty } ?? false }
            guard listed.contains(true) else { continue }
            var members: [UInt64: Set<Int>] = [:]
            for (lane, code) in group.languages.enumerated() where listed[lane] {
                for word in lists[code]! {
                    var values: [UInt32] = []
                    var ok = true
                    for scalar in word.unicodeScalars {
                        let value = CharacterFold.fold(scalar)
                        if value == 0x20 || Script.of(scalar.value) != group.script { ok = false; break }
                        values.append(value)
                    }
                    guard ok, !values.isEmpty else { continue }
                    members[LanguageModel.wordKey(values), default: []].insert(lane)
                }
            }
            for key in members.keys.sorted() {
                let has = members[key]!
                var costs = group.languages.indices.map { lane -> UInt8 in listed[lane] ? (has.contains(lane) ? 0 : penalty) : 0 }
                let listedCosts = group.languages.indices.filter { listed[$0] }.map { Int(costs[$0]) }
                let mean = UInt8((Double(listedCosts.reduce(0, +)) / Double(listedCosts.count)).rounded())
                for lane in group.languages.indices where !listed[lane] { costs[lane] = mean }
                rows.append(NgramCosts(key: key, group: index, costs: costs))
            }
        }
        return rows
    }

    /// The model's groups and n-grams from `profiles`: each language joins the group of the script most of
    /// its letters are written in, unless that script decides a language alone; each 2- and 3-gram (keys
    /// lower-cased and folded by ``CharacterFold``, case variants added up) joins the group of its letters' script.
    /// With `wordLists`, the function words of each listed language are rows too (``wordRows(_:groups:settings:)``).
    public static func build(_ profiles: [Profile], wordLists: [String: [String]] = [:], settings: Settings = Settings())
        throws(LanguageModelError) -> (groups: [LanguageGroup], ngrams: [NgramCosts])
    {
        var members: [Script: [String]] = [:]
        var folded: [String: [UInt64: Int]] = [:]
        var totals: [String: [Double]] = [:]
        var scriptOfKey: [UInt64: Script] = [:]
        let sole = Set(Script.allCases.compactMap(\.soleLanguage))
        for profile in profiles where !skipped.contains(profile.code) && !sole.contains(profile.code) {
            var letters: [Script: Int] = [:]
            var merged: [UInt64: Int] = [:]
            for (ngram, count) in profile.counts {
                var values: [UInt32] = []
                var script = Script.none
                var mixed = false
                for scalar in ngram.unicodeScalars {
                    let value = CharacterFold.fold(scalar)
                    values.append(value)
                    guard value != 0x20 else { continue }
                    let s = Script.of(scalar.value)
                    if script == .none { script = s } else if script != s { mixed = true }
                }
                guard !mixed, script != .none, (1...3).contains(values.count) else { continue }
                // Single letters only tell the language's script; the model keeps 2- and 3-grams.
                if values.count == 1 {
                    letters[script, default: 0] += count
                    continue
                }
                let key = LanguageModel.key(values)
                merged[key, default: 0] += count
                scriptOfKey[key] = script
            }
            guard let main = letters.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) })?.key,
                  main.soleLanguage == nil, main != .other
            else { continue }
            members[main, default: []].append(profile.code)
            folded[profile.code] = merged
            totals[profile.code] = profile.totals
        }
        let groups = members.keys.sorted { $0.rawValue < $1.rawValue }.map { LanguageGroup(script: $0, languages: members[$0]!.sorted()) }
        guard !groups.isEmpty else { throw LanguageModelError("no profile gave a language for the n-gram model") }
        var ngrams: [NgramCosts] = []
        for (index, group) in groups.enumerated() {
            guard group.languages.count <= LanguageModel.lanes else {
                throw LanguageModelError("\(group.script) has \(group.languages.count) languages; at most \(LanguageModel.lanes) fit a group")
            }
            var keys = Set<UInt64>()
            for code in group.languages {
                for key in folded[code]!.keys where scriptOfKey[key] == group.script { keys.insert(key) }
            }
            for key in keys.sorted() {
                let length = key >= 1 << 42 ? 3 : 2
                let costs = group.languages.map { code -> UInt8 in
                    let total = max(totals[code]![length - 1], 1)
                    let p = Double(folded[code]![key] ?? 0) / total + settings.floor
                    return UInt8(min(255, max(0, (-log2(p) * Double(settings.scale)).rounded())))
                }
                ngrams.append(NgramCosts(key: key, group: index, costs: costs))
            }
        }
        ngrams += wordRows(wordLists, groups: groups, settings: settings)
        return (groups, ngrams)
    }
}
