extension CueRules {
    /// Nationalities and other adjectives of places ("Swiss", "Italian"): not PERSON, ORG or LOC on their own.
    static func dropDemonyms(_ view: TokenView, labels: inout [UInt8]) {
        for span in EntityLabel.spans(labels) where span.range.count == 1 {
            let i = span.range.lowerBound
            guard view.text.tokens[i].byteEnd - view.text.tokens[i].byteStart <= 16 else { continue }
            if CueWords.demonymSet.contains(view.text.string(i).lowercased()) { labels[i] = 0 }
        }
    }

    /// Names of events end in these words ("World Cup", "World Series", "Olympic Games"): not PERSON, ORG or LOC.
    static func dropEvents(_ view: TokenView, labels: inout [UInt8]) {
        for span in EntityLabel.spans(labels) {
            let last = view.text.string(span.range.upperBound - 1).lowercased()
            if span.range.count >= 2, CueWords.eventSet.contains(last), view.isCapitalised(span.range.upperBound - 1) {
                for k in span.range { labels[k] = 0 }
            }
        }
    }
}
