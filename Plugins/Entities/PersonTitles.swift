extension EntityResolver {
    /// Words that qualify a title before a person's name: "Prime Minister", "Treasury Secretary", "Vice
    /// President", "Foreign Minister", "Secretary of State".
    static let titleModifiers = WordHashes([
        "prime", "vice", "deputy", "acting", "former", "first", "assistant", "under", "associate", "senior", "chief",
        "foreign", "finance", "treasury", "defense", "defence", "interior", "home", "trade", "agriculture", "energy",
        "commerce", "labor", "labour", "health", "education", "justice", "transport", "transportation", "economy",
        "economics", "industry", "oil", "petroleum", "budget", "fiscal", "state", "general", "attorney", "supreme",
        "federal", "central", "bank", "reserve", "managing", "executive", "party", "opposition", "house", "senate",
        "majority", "minority", "international", "trade", "representative", "u.s.", "us",
    ])

    /// The person's name without the title the tagger took into the span: "President Reagan" → "Reagan",
    /// "Treasury Secretary James Baker" → "James Baker", "Secretary of State George Shultz" → "George
    /// Shultz". Only capitalised title words and their qualifiers are removed, and a name word always remains.
    static func strippingTitles(_ name: Range<Int>, view: TokenView) -> Range<Int> {
        guard name.count >= 2 else { return name }
        // The last title word before the name's last word.
        var lastTitle: Int?
        for k in name.dropLast() where view.isCapitalised(k) && !view.has(k, .firstName) && (view.has(k, .title) || CueWords.honorificSet.contains(view.text.string(k).lowercased())) {
            lastTitle = k
        }
        guard let t = lastTitle else { return name }
        for k in name.lowerBound..<t where !(view.has(k, .title) || titleModifiers.contains(view, k) || view.equals(k, "of")) {
            return name
        }
        var start = t + 1
        // "Secretary of State George Shultz": the "of" phrase of the title.
        if start + 2 < name.upperBound, view.equals(start, "of"), titleModifiers.contains(view, start + 1) || view.isCapitalised(start + 1) { start += 2 }
        guard start < name.upperBound, view.isCapitalised(start) else { return name }
        return start..<name.upperBound
    }
}
