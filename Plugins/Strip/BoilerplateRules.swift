import Foundation

/// The line rules and class/id words of one or more languages, read from the per-language data files
/// (`Plugins/Strip/Boilerplate/<code>.txt`, embedded as ``BoilerplateData``). Immutable and shared.
///
/// Which rules a page gets (``forLanguage(_:)``): English plus the page's language when the page is
/// declared in a language with a file; every file's whole-line and line-start rules when the page is
/// declared English (the default of most templates, so weak evidence), undeclared, or declared in a
/// language without a file. Date and byline words, which are single words and so less precise, are used
/// only for a page declared in their language (English ones always).
final class BoilerplateRules: Sendable {
    /// Whole lines, as ``LineFilter/key(_:)`` forms.
    let exactKeys: Set<String>
    /// Headings that introduce a list of other stories, as key forms.
    let relatedKeys: Set<String>
    /// Line beginnings (lowercased), grouped by their first byte.
    let prefixesByFirstByte: [[(bytes: [UInt8], text: String)]]
    /// Words a share bar is made of.
    let shareWords: Set<String>
    let readingUnits: Set<String>
    let readingWords: Set<String>
    /// Month and weekday names (a date), and words that may stand in a date line.
    let dateWords: Set<String>
    let dateFillers: Set<String>
    /// First words of a byline ("by", "von", "par").
    let bylineStarts: Set<String>
    /// Words that mark a byline or date line ("aktualisiert", "publié").
    let bylineMarkers: Set<String>
    /// Class/id words of furniture and of content in these languages.
    let classFurniture: Set<String>
    let classDiscussion: Set<String>
    let classContent: Set<String>
    /// The languages merged, sorted (for tests and messages).
    let languages: [String]

    init(_ files: [(code: String, data: LanguageFile)], dateLanguages: Set<String>) {
        var exact = Set<String>(), related = Set<String>(), prefixes = [String](), share = Set<String>()
        var units = Set<String>(), reading = Set<String>(), dates = Set<String>(), fillers = Set<String>()
        var starts = Set<String>(), markers = Set<String>(), furniture = Set<String>(), content = Set<String>()
        var discussion = Set<String>()
        for (code, file) in files {
            exact.formUnion(file["exact"].map { LineFilter.key($0) })
            related.formUnion(file["related"].map { LineFilter.key($0) })
            for prefix in file["prefix"].map({ $0.lowercased() }) where !prefixes.contains(prefix) { prefixes.append(prefix) }
            share.formUnion(file["share"].map { LineFilter.key($0) })
            units.formUnion(file["reading-units"])
            reading.formUnion(file["reading-words"])
            furniture.formUnion(file["class-furniture"])
            discussion.formUnion(file["class-discussion"])
            content.formUnion(file["class-content"])
            guard dateLanguages.contains(code) else { continue }
            dates.formUnion(file["date-words"])
            fillers.formUnion(file["date-fillers"])
            starts.formUnion(file["byline-start"])
            markers.formUnion(file["byline-markers"])
        }
        exactKeys = exact
        relatedKeys = related
        var table = [[(bytes: [UInt8], text: String)]](repeating: [], count: 256)
        for prefix in prefixes {
            let bytes = Array(prefix.utf8)
            table[Int(bytes[0])].append((bytes, prefix))
        }
        prefixesByFirstByte = table
        shareWords = share
        readingUnits = units
        readingWords = reading
        dateWords = dates
        dateFillers = fillers
        bylineStarts = starts
        bylineMarkers = markers
        classFurniture = furniture
        classDiscussion = discussion
        classContent = content
        languages = files.map(\.code).sorted()
    }

    /// The rules for a page declared in `language` (a BCP 47 tag such as `de-DE`, `pt_BR`; nil when unknown).
    static func forLanguage(_ language: String?) -> BoilerplateRules {
        guard let code = language.map(primaryCode), code != "en", let rules = byLanguage[code] else { return all }
        return rules
    }

    /// `de-DE` → `de`, `PT_br` → `pt`.
    static func primaryCode(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// Every language file, parsed.
    static let files: [(code: String, data: LanguageFile)] = BoilerplateData.files.keys.sorted().map { ($0, LanguageFile(BoilerplateData.files[$0]!)) }

    /// English plus one other language, for each language with a file.
    static let byLanguage: [String: BoilerplateRules] = {
        var result: [String: BoilerplateRules] = [:]
        let english = files.filter { $0.code == "en" }
        for file in files where file.code != "en" {
            result[file.code] = BoilerplateRules(english + [file], dateLanguages: ["en", file.code])
        }
        return result
    }()

    /// Every language's rules; date and byline words of English only.
    static let all = BoilerplateRules(files, dateLanguages: ["en"])
}

/// One parsed data file: entries by section. Lines are trimmed; `#` starts a comment line; an entry in
/// double quotes keeps its surrounding spaces (`"follow the "`).
struct LanguageFile: Sendable {
    private(set) var sections: [String: [String]] = [:]

    /// The sections a file may have.
    static let knownSections: Set<String> = [
        "exact", "related", "prefix", "share", "reading-units", "reading-words", "date-words", "date-fillers", "byline-start",
        "byline-markers", "class-furniture", "class-discussion", "class-content",
    ]

    init(_ text: String) {
        var section = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
                continue
            }
            var entry = line
            if entry.count >= 2, entry.hasPrefix("\""), entry.hasSuffix("\"") { entry = String(entry.dropFirst().dropLast()) }
            sections[section, default: []].append(entry)
        }
    }

    subscript(section: String) -> [String] { sections[section] ?? [] }
}
