import ArgumentParser
import CopydeskCore
import CopydeskStages
import Foundation
import Normalise

/// `copydesk-bench paragraphs`: what a pipeline's per-document stages keep of each plain-text document,
/// against `normalise` alone (the reference: every word, paragraphs found by shape).
///
/// Words are whitespace-separated tokens. The pipeline's words are aligned with the reference's in order
/// (a Myers diff over the two word sequences), so a word counts as lost when no word of the pipeline's
/// output lines up with it — a figure cut from the middle of a sentence is lost even if the same figure
/// appears elsewhere in the story. A lost word is *inside a paragraph* when other words of its reference
/// paragraph survive; a reference paragraph of which no word survives was removed whole (boilerplate
/// removal does exactly that, and those are counted and listed separately, never hidden).
struct ParagraphsEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paragraphs",
        abstract: "Words lost from inside paragraphs and paragraph counts: a pipeline's per-document stages vs normalise alone, over a JSONL dump.")

    @Option(help: "The pipeline whose per-document stages run (corpus stages such as dedupe and export are skipped).")
    var pipeline = "pipelines/news.yaml"
    @Option(help: "JSONL with a 'text' field.") var input = defaultReuters
    @Flag(help: "Run normalise before strip (the other stage order), whatever the pipeline file says.")
    var normaliseFirst = false
    @Flag(help: "Print one line per document that loses words or paragraphs, with the words lost.") var verbose = false
    @Option(help: "Write one tab-separated line per document here (id, words lost inside paragraphs, paragraphs removed whole, paragraphs, reference paragraphs).")
    var perDocument: String?
    @Option(help: "Read at most this many documents.") var limit: Int?

    func run() throws {
        let documents = try loadTexts(input, limit: limit)
        let loaded: Pipeline
        do {
            loaded = try Pipeline.load(path: pipeline, registry: BuiltInStages.registry)
        } catch {
            throw ValidationError("\(pipeline): \(error)")
        }
        var configured = loaded.stages.filter { $0.descriptor.kind == .document }
        if normaliseFirst, let n = configured.firstIndex(where: { $0.descriptor.id == "normalise" }),
           let s = configured.firstIndex(where: { $0.descriptor.id == "strip" }), s < n {
            configured.swapAt(s, n)
        }
        var stages: [any DocumentStage] = []
        for stage in configured {
            guard case .document(let instance) = try stage.descriptor.make(stage.options, StageContext(pipelineFile: pipeline)) else { continue }
            stages.append(instance)
        }
        let reference = TextNormaliser()
        let order = configured.map(\.descriptor.id).joined(separator: " → ")

        var table = ""
        var dropped = 0
        var losing = 0
        var losingTwo = 0
        var wordsLost = 0
        var removedWhole = 0
        var docsRemovingWhole = 0
        var referenceWords = 0
        var ratios: [Double] = []
        for original in documents {
            var document = original
            var verdict = Verdict.keep
            for stage in stages where verdict == .keep {
                do {
                    verdict = try stage.process(&document)
                } catch {
                    verdict = .drop(reason: error.reason)
                }
            }
            guard verdict == .keep else {
                dropped += 1
                if verbose { print("\(original.id)\tdropped\t\(verdict)") }
                continue
            }
            let expected = reference.normaliseText(original.text)
            let comparison = ParagraphComparison(reference: expected, output: document.text)
            referenceWords += comparison.referenceWords
            wordsLost += comparison.lostInside.count
            removedWhole += comparison.removedParagraphs.count
            if !comparison.removedParagraphs.isEmpty { docsRemovingWhole += 1 }
            if !comparison.lostInside.isEmpty { losing += 1 }
            if comparison.lostInside.count >= 2 { losingTwo += 1 }
            if comparison.referenceParagraphs > 0 {
                ratios.append(Double(comparison.paragraphs) / Double(comparison.referenceParagraphs))
            }
            if perDocument != nil {
                table += "\(original.id)\t\(comparison.lostInside.count)\t\(comparison.removedParagraphs.count)\t\(comparison.paragraphs)\t\(comparison.referenceParagraphs)\n"
            }
            if verbose, !comparison.lostInside.isEmpty || !comparison.removedParagraphs.isEmpty || comparison.paragraphs != comparison.referenceParagraphs {
                print("\(original.id)\tlost inside: \(comparison.lostInside.count) \(comparison.lostInside.prefix(12).joined(separator: " "))\tparagraphs: \(comparison.paragraphs) vs \(comparison.referenceParagraphs)")
                for paragraph in comparison.removedParagraphs.prefix(5) { print("\t\tremoved whole: \(paragraph.prefix(100))") }
            }
        }
        if let perDocument {
            try ("id\twords_lost_inside\tparagraphs_removed_whole\tparagraphs\treference_paragraphs\n" + table)
                .write(toFile: perDocument, atomically: true, encoding: .utf8)
        }
        ratios.sort()
        let median = ratios.isEmpty ? 0 : ratios.count % 2 == 1 ? ratios[ratios.count / 2] : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2
        let kept = documents.count - dropped
        print("paragraphs: \(pipeline) (\(order)) vs normalise alone over \(documents.count) documents of \(input)")
        print("documents kept \(kept), dropped \(dropped); documents losing words from inside a paragraph: \(losing) (≥2 words: \(losingTwo)); words lost inside paragraphs: \(wordsLost) of \(referenceWords)")
        print("paragraphs removed whole: \(removedWhole) in \(docsRemovingWhole) documents; median paragraph ratio vs normalise alone: \(format(median, 2)) (min \(format(ratios.first ?? 0, 2)), max \(format(ratios.last ?? 0, 2)))")
    }
}

/// One document's output against its reference text, word by word and paragraph by paragraph.
struct ParagraphComparison {
    /// Reference words with no counterpart in the output, from paragraphs of which other words survive.
    var lostInside: [String] = []
    /// Reference paragraphs of which no word survives.
    var removedParagraphs: [String] = []
    var paragraphs: Int
    var referenceParagraphs: Int
    var referenceWords = 0

    init(reference: String, output: String) {
        let referenceBlocks = reference.isEmpty ? [] : reference.components(separatedBy: "\n\n")
        referenceParagraphs = referenceBlocks.count
        paragraphs = output.isEmpty ? 0 : output.components(separatedBy: "\n\n").count
        var words: [Substring] = []
        var paragraphOf: [Int] = []
        var sizes: [Int] = []
        for (index, block) in referenceBlocks.enumerated() {
            let blockWords = block.split(whereSeparator: \.isWhitespace)
            words.append(contentsOf: blockWords)
            paragraphOf.append(contentsOf: repeatElement(index, count: blockWords.count))
            sizes.append(blockWords.count)
        }
        referenceWords = words.count
        let outputWords = output.split(whereSeparator: \.isWhitespace)
        var removedIn = [Int](repeating: 0, count: referenceBlocks.count)
        var removedOffsets: [Int] = []
        for change in outputWords.difference(from: words) {
            if case .remove(let offset, _, _) = change {
                removedIn[paragraphOf[offset]] += 1
                removedOffsets.append(offset)
            }
        }
        for offset in removedOffsets.sorted() {
            let paragraph = paragraphOf[offset]
            if removedIn[paragraph] < sizes[paragraph] { lostInside.append(String(words[offset])) }
        }
        for (index, block) in referenceBlocks.enumerated() where sizes[index] > 0 && removedIn[index] == sizes[index] {
            removedParagraphs.append(block)
        }
    }
}
