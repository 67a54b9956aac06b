import CopydeskCore
import Foundation

/// The `byline` stage: finds a byline in the first line of the text ("By Jane Doe, Reuters"), fills the
/// document's `author` when it has none, and removes the line from the text. Per-document, so it runs
/// on all workers wherever it stands; it never drops a document.
public struct BylineStage: DocumentStage {
    /// The stage as registered: id `byline`; per-document because it is a ``DocumentStage``.
    public static let descriptor = StageDescriptor(
        id: "byline",
        summary: "Fills author from a byline in the first line of the text (By Jane Doe, Reuters) and removes that line; "
            + "never drops a document.",
        options: BylineOptions.self,
        make: { options, _ throws(ConfigError) in BylineStage(options: options.value) })

    let options: BylineOptions
    let prefixes: [String]

    public init(options: BylineOptions) {
        self.options = options
        prefixes = options.prefixes.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    public func process(_ document: inout Document) throws(DocumentRejection) -> Verdict {
        var counters: [String: Int] = [:]
        return try process(&document, counters: &counters)
    }

    /// Counts `bylines` found and `author_kept` (the document named its author already).
    public func process(_ document: inout Document, counters: inout [String: Int]) throws(DocumentRejection) -> Verdict {
        let text = document.text
        let lineEnd = text.firstIndex(of: "\n") ?? text.endIndex
        guard let names = authors(in: text[..<lineEnd]) else { return .keep }
        counters["bylines", default: 0] += 1
        if document.author == nil || document.author?.isEmpty == true {
            document.author = names
        } else {
            counters["author_kept", default: 0] += 1
        }
        if options.remove {
            document.text = String(text[lineEnd...].drop { $0 == "\n" })
        }
        return .keep
    }

    /// The names of a byline line (`"Jane Doe and John Roe"` from `"By Jane Doe and John Roe, Reuters"`), or
    /// `nil` when the line is no byline: it must open with a prefix and name at least two capitalised words
    /// before a comma, so "By Friday, prices had…" and "By the end of the year" stay text.
    func authors(in line: Substring) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 100 else { return nil }
        // The prefix as a whole word: "By Jane Doe", not "Bystanders said".
        guard let prefix = prefixes.first(where: { trimmed.prefix($0.count).lowercased() == $0 && trimmed.dropFirst($0.count).first == " " })
        else { return nil }
        let rest = trimmed.dropFirst(prefix.count)
        let names = rest.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let words = names.split(separator: " ")
        let joiners: Set<Substring> = ["and", "&", "de", "van", "von", "der", "da", "di", "le", "la", "bin"]
        let capitalised = words.filter { $0.first?.isUppercase == true }
        guard capitalised.count >= 2, words.allSatisfy({ $0.first?.isUppercase == true || joiners.contains($0) }) else { return nil }
        return names
    }
}
