import CopydeskCore
import Entities
import Foundation

/// The built-in model, loaded once for all tests.
let sharedModel: TaggerModel = {
    do { return try TaggerModel.builtIn() } catch { fatalError("built-in entities model: \(error)") }
}()

/// A recogniser with the built-in model.
let recogniser = EntityRecogniser(model: sharedModel)

/// The package root (for seeds/).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The tokens of `text` as strings.
func tokenStrings(_ text: String) -> [String] {
    let t = TokenizedText(text: text)
    return t.tokens.indices.map { t.string($0) }
}

/// The entity named `name`, if any.
func entity(_ entities: [Entity], _ name: String) -> Entity? { entities.first { $0.name == name } }

/// Mentions of type `type` as (text, type) for compact assertions.
func mentions(_ entities: [Entity], type: EntityType) -> [String] {
    entities.filter { $0.type == type }.flatMap { $0.mentions.map(\.text) }
}

/// Whether every mention's offsets select exactly its text (code points, end exclusive).
func offsetsAreExact(_ entities: [Entity], in text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    for e in entities {
        for m in e.mentions {
            guard m.start >= 0, m.end <= scalars.count, m.start < m.end else { return false }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[m.start..<m.end])
            if String(s) != m.text { return false }
        }
    }
    return true
}
