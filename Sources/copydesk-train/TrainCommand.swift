import ArgumentParser
import Entities
import Foundation

/// `copydesk-train`: trains the entities model from the openly licensed NER data and the gazetteers,
/// deterministically, and writes the compact model file the entities stage ships with.
@main
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copydesk-train",
        abstract: "Train the entities stage's tagger (averaged perceptron) on openly licensed data; deterministic.",
        discussion: """
            Run from the package root in release mode:
              swift build -c release --product copydesk-train && .build/release/copydesk-train
            Never train on CoNLL-2003 (research-only licence); it is for evaluation only.
            """)

    @Option(help: "Directory of the openly licensed NER files (see its README and NOTICE).")
    var data = "../shared/data/ner-train"
    @Option(help: "Directory of the generated gazetteer lists.")
    var gazetteers = "Plugins/Entities/Gazetteers"
    @Option(help: "Where to write the model.")
    var output = "Plugins/Entities/Resources/entities.model"
    @Option(help: "Training passes over the data.")
    var epochs = 12
    @Option(help: "log2 of the number of hashed feature rows (20 → 14.7 MB model).")
    var bucketBits = 20
    @Option(help: "Seed for shuffling and augmentation.")
    var seed: UInt64 = 20_261_201
    @Option(help: "Weight a training file by repeating it: NAME=COUNT (repeatable), e.g. wikigold.conll=2.")
    var `repeat`: [String] = []
    @Option(help: "Further openly licensed CoNLL-format files to train on (state their licence in NOTICE).")
    var extra: [String] = []
    @Option(help: "Use only the first N documents (quick runs, tests).")
    var limit: Int?

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        var repeats: [String: Int] = [:]
        for item in `repeat` {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let count = Int(parts[1]), count >= 0 else { throw ValidationError("--repeat wants NAME=COUNT, not \(item)") }
            repeats[String(parts[0])] = count
        }
        var documents = try TrainingCorpus.load(directory: data, repeats: repeats) { print($0) }
        for path in extra {
            guard let content = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path) not found") }
            let result = ConllReader.parse(String(decoding: content, as: UTF8.self))
            print("\(path): \(result.documents.count) documents, \(result.tokens) tokens, \(result.skippedLines) malformed lines skipped")
            documents += result.documents
        }
        if let limit { documents = Array(documents.prefix(limit)) }
        documents = TrainingCorpus.augmentCapitals(documents, seed: seed)
        let tokens = documents.reduce(0) { $0 + $1.labels.count }
        print("training on \(documents.count) documents, \(tokens) tokens (with capitalised copies)")
        let table = GazetteerTable.build(try GazetteerSources.entries(directory: gazetteers))
        print("gazetteer: \(table.count) keys, longest entry \(table.maxTokens) tokens")
        let trainer = PerceptronTrainer(settings: .init(epochs: epochs, bucketBits: bucketBits, seed: seed))
        let model = trainer.train(documents, gazetteer: table) { epoch, accuracy in
            print("epoch \(epoch): training token accuracy \(String(format: "%.4f", accuracy))")
        }
        let bytes = model.serialized()
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
        print("wrote \(output): \(bytes.count) bytes in \(String(format: "%.1f", seconds)) s")
    }
}
