import CopydeskCore
import CopydeskTesting
import Foundation
import Language
import Testing

@Suite("model and training")
struct ModelTests {
    /// Two tiny langdetect-style profiles and a Cyrillic one, written for this test.
    static let profiles: [String: String] = [
        "aa": #"{"name":"aa","n_words":[100,100,100],"freq":{"a":50,"b":10," a":30,"ab":20,"ba":5," ab":12,"ab ":9}}"#,
        "bb": #"{"name":"bb","n_words":[100,100,100],"freq":{"b":50,"a":10," b":30,"ba":20,"ab":5," ba":12,"ba ":9,"BA":4}}"#,
        "cc": #"{"name":"cc","n_words":[100,100,100],"freq":{"д":50,"а":40," д":30,"да":20}}"#,
        "dd": #"{"name":"dd","n_words":[100,100,100],"freq":{"ж":50,"а":40," ж":30,"жа":20}}"#,
    ]

    func writeProfiles() throws -> String {
        let directory = TestDirectory.make("language-profiles")
        for (name, json) in Self.profiles {
            try Data(json.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        return directory
    }

    @Test("training is deterministic and its model reads back to the same answers")
    func deterministic() throws {
        let directory = try writeProfiles()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try LanguageModelTrainer.build(LanguageModelTrainer.loadProfiles(directory: directory))
        let second = try LanguageModelTrainer.build(LanguageModelTrainer.loadProfiles(directory: directory))
        let bytes = LanguageModel.serialize(scale: 16, groups: first.groups, ngrams: first.ngrams)
        #expect(bytes == LanguageModel.serialize(scale: 16, groups: second.groups, ngrams: second.ngrams))
        #expect(first.groups == [LanguageGroup(script: .latin, languages: ["aa", "bb"]), LanguageGroup(script: .cyrillic, languages: ["cc", "dd"])])
        #expect(first.ngrams.contains { $0.key == LanguageModel.key([0x62, 0x61]) }, "'BA' is folded into 'ba'")
        let model = try LanguageModel(bytes: bytes, source: "test.model")
        let tiny = LanguageDetector(model: model)
        #expect(tiny.detect("ab ab abab").language == "aa")
        #expect(tiny.detect("ba ba baba").language == "bb")
        #expect(tiny.detect("жа жажа").language == "dd")
    }

    @Test("the shipped model is at most 5 MB and is what the trainer writes (same format, reads back)")
    func shipped() throws {
        let path = try #require(LanguageModel.builtInResource.path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size <= 5_000_000)
        #expect(builtInModel.ngramCount > 20_000)
        #expect(builtInModel.wordCount > 10_000, "function words of the languages stopwords-iso lists")
        #expect(builtInModel.groups.map(\.script) == [.latin, .cyrillic, .arabic, .devanagari])
    }

    @Test("a function word costs nothing to the languages that list it, the penalty to those that do not, the mean to one with no list")
    func functionWords() throws {
        let directory = try writeProfiles()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = LanguageModelTrainer.Settings()
        settings.wordPenalty = 5
        // "ee" has a Latin profile and no list; "ab d" is two words (left out); "дa" mixes scripts (left out).
        try Data(#"{"name":"ee","n_words":[100,100,100],"freq":{"e":50,"a":10," e":30,"ea":20}}"#.utf8)
            .write(to: URL(fileURLWithPath: directory + "/ee"))
        let lists = ["aa": ["ab", "Aba", "ab d"], "bb": ["ab", "bab", "дa"]]
        let (groups, ngrams) = try LanguageModelTrainer.build(
            LanguageModelTrainer.loadProfiles(directory: directory), wordLists: lists, settings: settings)
        #expect(groups[0] == LanguageGroup(script: .latin, languages: ["aa", "bb", "ee"]))
        func costs(_ word: String) -> [UInt8]? {
            ngrams.first { $0.key == LanguageModel.wordKey(word.unicodeScalars.map(\.value)) }?.costs
        }
        #expect(costs("ab") == [0, 0, 0], "listed by both: no language pays")
        #expect(costs("aba") == [0, 80, 40], "folded to small letters; 5 bits × 16 for bb, the mean for ee")
        #expect(costs("bab") == [80, 0, 40])
        #expect(ngrams.count { $0.key & LanguageModel.wordBit != 0 } == 3)
        let bytes = LanguageModel.serialize(scale: 16, groups: groups, ngrams: ngrams)
        let model = try LanguageModel(bytes: bytes, source: "test.model")
        #expect(model.wordCount == 3)
        // Running text whose n-grams favour aa is read as bb when it is made of bb's function words.
        let tiny = LanguageDetector(model: model, languages: ["aa", "bb"])
        #expect(tiny.detect("bab bab bab").language == "bb")
        #expect(tiny.detect("aba aba aba").language == "aa")
    }

    @Test("the shipped model is rebuilt byte for byte from langdetect's profiles and stopwords-iso's lists",
          .enabled(if: ModelTests.profileDirectory != nil && ModelTests.wordLists != nil,
                   "langdetect's profiles or stopwords-iso are not installed (see Benchmarks/language-peers/README.md)"))
    func rebuild() throws {
        let directory = try #require(Self.profileDirectory)
        let lists = try LanguageModelTrainer.loadWordLists(path: try #require(Self.wordLists))
        let (groups, ngrams) = try LanguageModelTrainer.build(LanguageModelTrainer.loadProfiles(directory: directory), wordLists: lists)
        let path = try #require(LanguageModel.builtInResource.path)
        let shipped = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(LanguageModel.serialize(scale: 16, groups: groups, ngrams: ngrams) == [UInt8](shipped))
    }

    /// stopwords-iso's lists where Benchmarks/language-peers/compare.sh unpacks them, when it has.
    static var wordLists: String? {
        let path = NSString(string: "~/.cache/copydesk/stopwordsiso/stopwordsiso/stopwords-iso.json").expandingTildeInPath
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// langdetect's profiles in the benchmark virtual environment, when installed.
    static var profileDirectory: String? {
        let venv = NSString(string: "~/.cache/copydesk/lang-venv/lib").expandingTildeInPath
        guard let pythons = try? FileManager.default.contentsOfDirectory(atPath: venv) else { return nil }
        return pythons.sorted().map { "\(venv)/\($0)/site-packages/langdetect/profiles" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }
}
