/// Deterministic cues that override the tagger for PERSON and LOC: honorifics ("Ms Walker", "Sir Keir
/// Starmer"), a role word before a full name ("shadow health secretary Jon Ashworth", "MP Joan Ryan"), and
/// constituency patterns before "MP" ("the Derby North MP", "Leicester East MP Keith Vaz").
enum CueRules {
    static let compass: Set<String> = ["north", "south", "east", "west", "central", "northeast", "northwest", "southeast", "southwest"]

    static func apply(_ view: TokenView, labels: inout [UInt8]) {
        let n = view.count
        var i = 0
        while i < n {
            // A run of capitalised words after an honorific or role is a person.
            if view.has(i, .title), i + 1 < n, view.isCapitalised(i + 1), !view.text.tokens[i + 1].afterNewline {
                let honorific = view.isCapitalised(i) && CueWords.honorificSet.contains(view.text.string(i).lowercased())
                let run = capitalisedRun(view, from: i + 1, limit: 3)
                let firstNamed = view.has(i + 1, .firstName) || labels[i + 1] == EntityLabel.begin(0)
                let isMP = view.equals(i, "MP") || view.equals(i, "MEP")
                if !run.isEmpty, honorific || ((firstNamed || isMP) && run.count >= 2 && !view.has(i + 1, .place)) {
                    if !run.contains(where: { view.has($0, .orgWord) || view.has($0, .orgSuffix) }) {
                        set(&labels, run, type: 0)
                        i = run.upperBound
                        continue
                    }
                }
            }
            // "the Derby North MP", "Leicester East MP": a constituency.
            if view.equals(i, "MP") || view.equals(i, "MSP") || view.equals(i, "MEP"), i > 0, view.isCapitalised(i - 1) {
                var start = i - 1
                while start > 0, i - start < 3, view.isCapitalised(start - 1), !view.has(start - 1, .title) { start -= 1 }
                let run = start..<i
                let last = view.text.string(i - 1).lowercased()
                let afterThe = start > 0 && (view.equals(start - 1, "the") || view.equals(start - 1, "The"))
                if afterThe || compass.contains(last) || view.has(start, .place) && run.count <= 3 {
                    set(&labels, run, type: 2)
                }
            }
            i += 1
        }
    }

    static func capitalisedRun(_ view: TokenView, from start: Int, limit: Int) -> Range<Int> {
        var end = start
        while end < view.count, end - start < limit, view.isCapitalised(end), view.text.tokens[end].kind == .word,
              !view.has(end, .title) || end == start, !view.text.tokens[end].afterNewline || end == start {
            end += 1
        }
        return start..<end
    }

    /// Labels `range` as one entity of type index `type`, clearing partial overlaps.
    static func set(_ labels: inout [UInt8], _ range: Range<Int>, type: Int) {
        guard !range.isEmpty else { return }
        // Clear entities that overlap the range so no I- label dangles.
        var a = range.lowerBound
        while a > 0, labels[a] != 0, !EntityLabel.isBegin(labels[a]) { a -= 1 }
        var b = range.upperBound
        while b < labels.count, labels[b] != 0, !EntityLabel.isBegin(labels[b]) { b += 1 }
        for k in a..<b { labels[k] = 0 }
        labels[range.lowerBound] = EntityLabel.begin(type)
        for k in (range.lowerBound + 1)..<range.upperBound { labels[k] = EntityLabel.inside(type) }
    }
}
