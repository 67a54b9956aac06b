import ArgumentParser
import CopydeskCore
import Foundation
import Strip

/// `copydesk-bench strip-titles`: how many of strip's titles on the article-extraction benchmark still
/// carry the site's name as a suffix or prefix (" - Site", " | Site", "Site: …").
struct StripTitles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strip-titles",
        abstract: "Counts strip's titles that keep the site name beside a separator (\" - Site\", \" | Site\", \"Site: \"), on the article-extraction benchmark.")

    @Option(help: "The benchmark folder (html/*.html.gz and ground-truth.json).")
    var data = "../shared/data/article-extraction-benchmark"
    @Flag(help: "Print every title that keeps a site part.") var verbose = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: data + "/ground-truth.json") else {
            throw ValidationError("\(data)/ground-truth.json not found: this count needs ../shared/data/article-extraction-benchmark (pass --data PATH)")
        }
        let truth = try JSONParser.parse(try String(contentsOfFile: data + "/ground-truth.json", encoding: .utf8))
        guard case .object(let entries) = truth else { throw ValidationError("ground-truth.json is not an object") }
        let extractor = ArticleExtractor()
        var pages = 0, withTitle = 0, withSitePart = 0
        for (id, value) in entries.sorted(by: { $0.key < $1.key }) {
            guard let raw = FileManager.default.contents(atPath: data + "/html/\(id).html.gz") else { continue }
            let html = try Gzip.decompress([UInt8](raw), limit: 64 << 20)
            let decoded = try html.withUnsafeBufferPointer { try HTMLSniffing.decode($0) }
            let url = value["url"]?.stringValue
            pages += 1
            guard let page = try? extractor.extract(html: decoded.text, url: url), let title = page.metadata.title else { continue }
            withTitle += 1
            let names = Self.siteNames(site: page.metadata.site, url: url)
            if let part = Self.sitePart(of: title, names: names) {
                withSitePart += 1
                if verbose { print("\(id.prefix(12))  \(title)    [site part: \(part)]") }
            }
        }
        print("article-extraction benchmark: \(pages) pages, \(withTitle) with a title; \(withSitePart) titles keep a site part beside a separator")
    }

    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " • ", ": "]

    /// The page's site names, normalised: `og:site_name` (or what strip read as the site) and the URL's host labels.
    static func siteNames(site: String?, url: String?) -> [String] {
        var names: [String] = []
        if let site { names.append(normalised(site)) }
        if let url, let host = URL(string: url)?.host?.lowercased() {
            let labels = host.split(separator: ".").map(String.init).filter { !["www", "m", "amp", "mobile"].contains($0) }
            for label in labels.dropLast() where label.count >= 3 && !["com", "org", "net", "gov"].contains(label) { names.append(label) }
        }
        return names.filter { $0.count >= 3 }
    }

    /// The first or last separated part of `title` that names the site, or nil.
    static func sitePart(of title: String, names: [String]) -> String? {
        for separator in separators {
            let parts = title.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            for part in separator == ": " ? [parts.first!] : [parts.last!, parts.first!] {
                let key = normalised(part)
                guard key.count >= 3, part.split(separator: " ").count <= 6 else { continue }
                if names.contains(where: { key == $0 || key.hasPrefix($0) || key.hasSuffix($0) || $0.contains(key) }) { return part }
            }
        }
        return nil
    }

    /// Lowercased letters and digits only.
    static func normalised(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }
}
