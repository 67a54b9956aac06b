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

    /// Results tables and score lines ("Barcelona 3 Real Madrid 2", "Leeds 10 4 3 3 12 11 15"): lines of
    /// names and numbers with few lower-case words. A name followed by a score is a team: an organisation,
    /// or the country itself for a national team; "Name (Country) result" in a ranked line is a person.
    /// Datelines: a place in capitals opening a line and followed by a date, "(Reuters)", a dash (known
    /// places only) or a comma and another place ("MADRID 1996-12-06", "LONDON (Reuters) -", "AL-AIN , United Arab Emirates 1996-12-06").
    static func applyDatelines(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        for sentence in view.text.sentences where sentence.count >= 2 {
            var i = sentence.lowerBound
            var places: [Range<Int>] = []
            while i < sentence.upperBound {
                var j = i
                while j < sentence.upperBound, tokens[j].kind == .word, view.facts[j].caps == .upper || view.facts[j].caps == .initial || (places.count > 0 && view.isCapitalised(j)) { j += 1 }
                guard j > i, j < sentence.upperBound, j - i <= 4 else { break }
                places.append(i..<j)
                let next = view.text.string(j)
                if next == ",", places.count == 1 { i = j + 1; continue }
                let dated = tokens[j].kind == .number && (PatternRules.isISODate(next) || view.has(j, .calendar))
                // A dash also follows a subject in headlines ("SOCCER - JAPAN WIN"): only a known place opens a dateline so.
                let dash = next == "-" || next == "–" || next == "—"
                let known = places.allSatisfy { view.isEntry($0, .place) }
                if dated || next == "(" || view.has(j, .calendar) || (dash && known) {
                    for run in places where !view.has(run.lowerBound, .calendar) { set(&labels, run, type: 2) }
                }
                break
            }
        }
    }

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

    @discardableResult
    static func applyResults(_ view: TokenView, labels: inout [UInt8]) -> Set<UInt64> {
        var teams: Set<UInt64> = []
        let tokens = view.text.tokens
        for sentence in view.text.sentences {
            var words = 0, lowerWords = 0, numbers = 0
            for i in sentence {
                switch tokens[i].kind {
                case .word:
                    words += 1
                    if view.isLowercase(i) { lowerWords += 1 }
                case .number, .percent: numbers += 1
                default: break
                }
            }
            guard numbers >= 1, words >= 1, lowerWords * 4 <= words else { continue }
            let ranked = tokens[sentence.lowerBound].kind == .number
            // Score lines name two teams; table rows give one name several numbers.
            var scored = 0
            for k in sentence where k + 1 < sentence.upperBound && tokens[k].kind == .word && view.isCapitalised(k) && tokens[k + 1].kind == .number {
                scored += 1
            }
            let table = scored >= 2 || numbers >= 3
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                guard tokens[i].kind == .word, view.isCapitalised(i) else { i += 1; continue }
                var j = i
                while j < sentence.upperBound, tokens[j].kind == .word, view.isCapitalised(j) || (j > i && isConnector(view, j)) { j += 1 }
                while j > i + 1, isConnector(view, j - 1) { j -= 1 }
                let run = i..<j
                defer { i = max(j, i + 1) }
                guard j < sentence.upperBound else { continue }
                let tagged = (table && !view.seenLowercase(i)) || run.contains { labels[$0] != 0 } || view.isEntry(run, .place)
                if tokens[j].kind == .number, tagged, !PatternRules.isISODate(view.text.string(j)), !view.has(i, .calendar) {
                    if view.isEntry(run, .country) {
                        set(&labels, run, type: 2)
                    } else if run.count >= 2, run.contains(where: { labels[$0] != 0 && EntityLabel.type(labels[$0]) == 0 }) {
                        continue
                    } else if run.count >= 2, view.has(i, .firstName), !view.has(i, .place) {
                        continue
                    } else {
                        set(&labels, run, type: 1)
                        teams.insert(view.key(run))
                    }
                } else if ranked, run.count >= 2, view.text.string(j) == "(", j + 2 < sentence.upperBound, view.isCapitalised(j + 1) {
                    set(&labels, run, type: 0)
                }
            }
        }
        return teams
    }

    /// An acronym in a normal sentence that is no place, title or common abbreviation is an organisation
    /// ("USDA", "NYMEX", "U.N.").
    static func applyAcronyms(_ view: TokenView, labels: inout [UInt8]) {
        let tokens = view.text.tokens
        for i in 0..<view.count where labels[i] == 0 && tokens[i].kind == .word && view.facts[i].caps == .upper && !view.facts[i].capsSentence {
            let length = tokens[i].byteEnd - tokens[i].byteStart
            guard length >= 2, length <= 6 else { continue }
            if view.text.bytes[tokens[i].byteStart..<tokens[i].byteEnd].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { continue }
            if i + 1 < view.count, view.isCapitalised(i + 1), labels[i + 1] != 0 { continue }
            if i > 0, view.isCapitalised(i - 1), labels[i - 1] != 0 { continue }
            if view.has(i, .place) || view.has(i, .title) || view.has(i, .calendar) || view.has(i, .orgSuffix) { continue }
            // Emphasis ("did NOT say") and words the document also writes in lower case are not acronyms.
            if view.seenLowercase(i) { continue }
            if i + 1 < view.count, view.facts[i + 1].caps == .upper { continue }
            if i > 0, view.facts[i - 1].caps == .upper { continue }
            let word = view.text.string(i).lowercased()
            if CueWords.commonAbbreviations.contains(word) || CueWords.demonymSet.contains(word) { continue }
            set(&labels, i..<(i + 1), type: 1)
        }
    }

    static func isConnector(_ view: TokenView, _ i: Int) -> Bool {
        view.equals(i, "de") || view.equals(i, "of") || view.equals(i, "and") || view.equals(i, "&")
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

extension CueWords {
    static let honorificSet = Set(honorifics)
    static let demonymSet = Set(demonyms)
    /// Lower-case words before an organisation's name: "campaign group Momentum".
    static let orgBefore: Set<String> = [
        "group", "party", "union", "organisation", "organization", "movement", "campaign", "company", "firm", "club",
        "team", "side", "charity", "broadcaster", "newspaper", "agency", "bank", "insurer", "retailer", "airline",
        "carrier", "manufacturer", "maker", "giant", "conglomerate", "network", "channel", "magazine",
    ]
    /// Lower-case words after an organisation's name (possibly after 's): "Momentum members", "Momentum's leadership".
    static let orgAfter: Set<String> = [
        "members", "member", "group", "spokesman", "spokeswoman", "spokesperson", "affiliate", "affiliates", "branch",
        "branches", "shares", "shareholders", "subsidiary", "subsidiaries", "executives", "headquarters", "officials",
        "employees", "steering", "officers", "members'", "website", "backed", "chapter", "chapters", "delegates",
    ]
    /// Lower-case words before a team's name: "against Porto", "beat Celtic".
    static let teamBefore: Set<String> = [
        "against", "beat", "beating", "v", "vs", "vs.", "defeated", "beaten", "host", "hosts", "hosted", "visit", "visiting",
        "face", "faces", "facing", "play", "plays", "playing", "played", "thrashed", "edged", "held", "overcame", "joined",
        "signed", "rivals",
    ]
    /// Lower-case words after a team's name: "Barcelona beat", "Porto striker".
    static let teamAfter: Set<String> = [
        "beat", "beats", "drew", "draw", "lost", "lose", "won", "win", "defeated", "thrashed", "edged", "hammered", "routed",
        "trailed", "scored", "striker", "coach", "manager", "midfielder", "defender", "goalkeeper", "keeper", "forward",
        "winger", "captain", "fans", "squad", "side", "team", "players", "player", "eleven", "xi", "boss", "leads",
    ]
    static let eventSet: Set<String> = [
        "cup", "series", "championship", "championships", "games", "olympics", "trophy", "prix", "tournament", "masters",
        "marathon", "festival", "awards", "rally", "regatta",
    ]
}
