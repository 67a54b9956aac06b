import Foundation

/// The gazetteer entries the model is built with: the generated lists in `Plugins/Entities/Gazetteers`
/// (GeoNames places, US Census first names and surnames; see NOTICE) and the project's ``CueWords``.
public enum GazetteerSources {
    /// The generated list files and what their entries are.
    public static let files: [(name: String, kind: GazetteerKind)] = [
        ("first-names.txt", .firstName),
        ("surnames.txt", .surname),
        ("places.txt", .place),
        ("countries.txt", [.place, .country]),
    ]

    /// Every entry with its kind; throws naming a missing file.
    public static func entries(directory: String) throws(ModelError) -> [(String, GazetteerKind)] {
        var entries: [(String, GazetteerKind)] = []
        for (name, kind) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ModelError("gazetteer \(path) not found: pass --gazetteers (default Plugins/Entities/Gazetteers, "
                    + "built by Benchmarks/entities-peers/build_gazetteers.py)")
            }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
                entries.append((String(line), kind))
            }
        }
        entries += CueWords.honorifics.map { ($0, .title) }
        entries += CueWords.titles.map { ($0, .title) }
        entries += CueWords.orgSuffixes.map { ($0, .orgSuffix) }
        entries += CueWords.orgWords.map { ($0, .orgWord) }
        entries += (CueWords.months + CueWords.weekdays).map { ($0, .calendar) }
        return entries
    }
}
