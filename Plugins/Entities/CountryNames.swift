extension CueRules {
    /// Names of states that no longer exist but fill the archives — a closed list, the ones a gazetteer of
    /// today's countries lacks.
    static let formerCountries = WordHashes([
        "Soviet Union", "USSR", "U.S.S.R.", "West Germany", "East Germany", "Yugoslavia", "Czechoslovakia", "Zaire", "Burma",
        "Rhodesia", "Ceylon", "Dahomey", "Upper Volta", "Kampuchea", "North Yemen", "South Yemen",
    ])

    /// A country's name on its own is a place, not an organisation ("Brazil", "the Soviet Union" — where the
    /// tagger reads "Union" as an organisation word). Teams are left to the document pass, which keeps a
    /// national team its country.
    static func applyCountries(_ view: TokenView, labels: inout [UInt8]) {
        for span in EntityLabel.spans(labels) where span.type == 1 && span.range.count <= 3 {
            let r = span.range
            if view.isEntry(r, .country) || formerCountries.contains(view, r) { set(&labels, r, type: 2) }
        }
    }
}
