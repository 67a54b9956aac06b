import ArgumentParser
import Foundation
import Language

/// `copydesk-train-language`: builds the language stage's model from langdetect's n-gram profiles,
/// deterministically (the same profiles give the same bytes), and writes the model file the stage ships with.
@main
struct TrainLanguageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk-train-language",
        abstract: "Build the language stage's n-gram model from langdetect's profiles (Apache-2.0); deterministic.",
        discussion: """
            Install the profiles outside the repository, then run from the package root:
              python3 -m venv ~/.cache/copydesk/lang-venv && ~/.cache/copydesk/lang-venv/bin/pip install langdetect==1.0.9
              ~/.cache/copydesk/lang-venv/bin/pip download --no-deps stopwordsiso==0.7.1 -d ~/.cache/copydesk/dl
              unzip -o ~/.cache/copydesk/dl/stopwordsiso-0.7.1-py3-none-any.whl -d ~/.cache/copydesk/stopwordsiso
              swift run -c release copydesk-train-language \\
                --profiles ~/.cache/copydesk/lang-venv/lib/python3.11/site-packages/langdetect/profiles \\
                --word-lists ~/.cache/copydesk/stopwordsiso/stopwordsiso/stopwords-iso.json
            """)

    @Option(help: "Directory of langdetect profile files (one JSON file per language).")
    var profiles: String
    @Option(help: "Where to write the model.")
    var output = "Plugins/Language/Resources/language.model"
    @Option(help: "Probability added to every n-gram's relative frequency.")
    var floor = 5e-5
    @Option(help: "Cost units per bit of -log2 P.")
    var scale = 16
    @Option(help: "Lists of function words per language (stopwords-iso.json from the MIT-licensed stopwordsiso wheel); none: n-grams only.")
    var wordLists: String?
    @Option(help: "Bits a function word costs a language whose list lacks it.")
    var wordPenalty = 6.0

    func run() throws {
        let loaded = try LanguageModelTrainer.loadProfiles(directory: (profiles as NSString).expandingTildeInPath)
        var settings = LanguageModelTrainer.Settings()
        settings.floor = floor
        settings.scale = scale
        settings.wordPenalty = wordPenalty
        let lists = try wordLists.map { path throws(LanguageModelError) in
            try LanguageModelTrainer.loadWordLists(path: (path as NSString).expandingTildeInPath)
        } ?? [:]
        let (groups, ngrams) = try LanguageModelTrainer.build(loaded, wordLists: lists, settings: settings)
        let bytes = LanguageModel.serialize(scale: scale, groups: groups, ngrams: ngrams)
        let model = try LanguageModel(bytes: bytes, source: output)
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        print("read \(loaded.count) profiles")
        for group in groups { print("\(group.script): \(group.languages.joined(separator: " "))") }
        print("\(model.languages.count) languages, \(ngrams.count - model.wordCount) n-grams, \(model.wordCount) function words, \(bytes.count) bytes → \(output)")
    }
}
