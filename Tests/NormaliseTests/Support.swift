import Foundation
import Normalise
import Testing

/// Normalises `text` as paragraphs with the defaults changed by `configure`.
func normalise(_ text: String, _ configure: (inout NormaliseOptions) -> Void = { _ in }) -> String {
    var options = NormaliseOptions()
    configure(&options)
    return TextNormaliser(options: options).normaliseText(text)
}

/// Normalises `text` as one line (a title) with the defaults changed by `configure`.
func normaliseLine(_ text: String, _ configure: (inout NormaliseOptions) -> Void = { _ in }) -> String {
    var options = NormaliseOptions()
    configure(&options)
    return TextNormaliser(options: options).normaliseLine(text)
}

/// Expects `actual` to be `expected` scalar for scalar. Swift's `==` on strings is canonical
/// equivalence (it equates "e\u{301}" with "é"), which would hide exactly what normalisation changes.
func expectScalars(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        actual.unicodeScalars.elementsEqual(expected.unicodeScalars),
        "\(escaped(actual)) is not \(escaped(expected))", sourceLocation: sourceLocation)
}

/// `text` with every non-ASCII or control scalar written as \u{…}, for readable failure messages.
func escaped(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" && scalar != "\"" {
            result.unicodeScalars.append(scalar)
        } else if scalar == "\n" {
            result += "\\n"
        } else {
            result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }
    return result + "\""
}

/// Files the tests read: the seeds in the package and, when present, the Reuters corpus next to it.
enum Fixtures {
    /// The package root (this file is Tests/NormaliseTests/Support.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every seed text, by file name, in name order.
    static func seeds() throws -> [(name: String, text: String)] {
        let directory = packageRoot.appendingPathComponent("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The seed whose file name starts with `prefix`.
    static func seed(_ prefix: String) throws -> String {
        let matches = try seeds().filter { $0.name.hasPrefix(prefix) }
        guard let seed = matches.first else { throw FixtureError("no seed named \(prefix)* in \(packageRoot.path)/seeds") }
        return seed.text
    }

    /// Reuters-21578 as JSONL (research use only; not part of the repository).
    static let reutersPath = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/reuters21578/docs.jsonl").path

    static var hasReuters: Bool { FileManager.default.fileExists(atPath: reutersPath) }

    /// Every `stride`-th non-empty Reuters text.
    static func reutersSample(stride: Int) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: reutersPath))
        var texts: [String] = []
        var index = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            defer { index += 1 }
            guard index % stride == 0 else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            if let text = object?["text"] as? String, !text.isEmpty { texts.append(text) }
        }
        return texts
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
