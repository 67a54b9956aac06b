import CopydeskCore
import Foundation

/// Groups mentions into one entity per referent within a document and gives each its canonical name.
///
/// - PERSON: an honorific before a name joins the mention ("Ms Walker") but not the name; "Walker" or
///   "Ms Walker" joins the full name ("Jackie Walker") whose surname it is, a first name alone joins the one
///   full name it starts, and "Jeremy (Corbyn)" is read as "Jeremy Corbyn".
/// - An acronym joins the name whose capitalised words it abbreviates ("National Executive Committee" and
///   "NEC"); a name joins a longer one it starts when the rest is an organisation word ("Labour" and
///   "Labour Party").
/// - Every entity gets one type (the majority of its mentions') and the longest full form as its name,
///   in the case the document writes it in a normal sentence ("NEW YORK" and "New York" are one place,
///   "New York"; ``CanonicalCase``); a title before a person's name stays in the mention but not in the
///   name ("President Reagan" → "Reagan", "Treasury Secretary James Baker" → "James Baker"); a state
///   written as an abbreviation after a city is named in full ("Conn" → "Connecticut", ``StatePlaces``).
enum EntityResolver {
    static let connectors: Set<String> = ["of", "and", "the", "for", "&", "de", "du", "la", "le", "des", "in", "on", "to", "at"]

    struct Cluster {
        var mentions: [RawMention]
        var nameRanges: [Range<Int>]
        var canonical: String?
    }

    /// A word of a surface key: lower-cased, a typographic apostrophe written as "'" (Foundation's replace
    /// only for the rare word that has one: it dominated the stage's time when run on every word).
    static func keyWord(_ word: String) -> String {
        let lower = word.lowercased()
        guard lower.utf8.contains(0xE2) else { return lower }
        return lower.replacingOccurrences(of: "’", with: "'")
    }

    static func resolve(_ mentions: [RawMention], view: TokenView, userGazetteer: UserGazetteer) -> [Entity] {
        let text = view.text
        var clusters: [Cluster] = []
        var byKey: [String: Int] = [:]  // type-free surface key → cluster
        var items: [(mention: RawMention, name: Range<Int>)] = []
        // Honorifics and "Jeremy (Corbyn)".
        var k = 0
        while k < mentions.count {
            var m = mentions[k]
            var name = m.range
            if m.type == "PERSON" {
                let s = m.range.lowerBound
                if s > 0, view.isCapitalised(s - 1), CueWords.honorificSet.contains(text.string(s - 1).lowercased()) {
                    m.range = (s - 1)..<m.range.upperBound
                } else if view.isCapitalised(s), !view.has(s, .firstName), CueWords.honorificSet.contains(text.string(s).lowercased()), name.count > 1 {
                    name = (s + 1)..<name.upperBound
                }
                name = strippingTitles(name, view: view)
                let e = m.range.upperBound
                if name.count == 1, e + 2 < text.tokens.count, text.string(e) == "(", view.isCapitalised(e + 1), text.string(e + 2) == ")" {
                    m.range = m.range.lowerBound..<(e + 3)
                    m.canonical = m.canonical ?? (text.string(name.lowerBound) + " " + text.string(e + 1))
                    if k + 1 < mentions.count, mentions[k + 1].range.lowerBound == e + 1 { k += 1 }
                }
            }
            // "Conn", "N.J.", "PA" after a city: the state's full name, so that "N.Y." and "New York" are one place.
            if m.type == "LOC", m.canonical == nil, name.count <= 3, let state = StatePlaces.fullName(view, name) { m.canonical = state }
            items.append((m, name))
            k += 1
        }
        func key(_ r: Range<Int>) -> String { r.map { keyWord(text.string($0)) }.joined(separator: " ") }
        func nameString(_ r: Range<Int>) -> String { text.string(tokens: r) }

        // Full names first: multi-token mentions and fixed canonical names are cluster heads.
        let order = items.indices.sorted { a, b in
            let la = items[a].mention.canonical != nil ? 100 : items[a].name.count
            let lb = items[b].mention.canonical != nil ? 100 : items[b].name.count
            return la != lb ? la > lb : a < b
        }
        var assignment = [Int](repeating: -1, count: items.count)
        var surnameOf: [String: Set<Int>] = [:]
        var firstNameOf: [String: Set<Int>] = [:]
        var initialsOf: [String: Set<Int>] = [:]
        var orgPrefixOf: [String: Set<Int>] = [:]
        for index in order {
            let (m, name) = items[index]
            let surface = m.canonical.map { $0.lowercased() } ?? key(name)
            if let c = byKey[surface] {
                assignment[index] = c
                clusters[c].mentions.append(m)
                clusters[c].nameRanges.append(name)
                continue
            }
            let words = name.map { text.string($0) }
            var target: Int?
            if ["PERSON", "ORG", "LOC"].contains(m.type), name.count == 1 {
                let w = words[0].lowercased()
                if m.type == "PERSON" || !(view.isCapitalised(name.lowerBound) && words[0].uppercased() == words[0] && words[0].count >= 2) {
                    if let s = surnameOf[w], s.count == 1 { target = s.first }
                    else if let s = firstNameOf[w], s.count == 1, m.type == "PERSON" { target = s.first }
                    else if let s = orgPrefixOf[w] { target = s.max { clusters[$0].mentions.count != clusters[$1].mentions.count ? clusters[$0].mentions.count < clusters[$1].mentions.count : $0 > $1 } }
                }
                if target == nil, words[0].count >= 2, words[0].uppercased() == words[0], let s = initialsOf[words[0].lowercased()], s.count == 1 {
                    target = s.first
                }
            } else if m.type == "ORG", name.count == 2, let s = orgPrefixOf[key(name)] {
                target = s.max { clusters[$0].mentions.count != clusters[$1].mentions.count ? clusters[$0].mentions.count < clusters[$1].mentions.count : $0 > $1 }
            } else if m.type == "PERSON", name.count == 2, let s = surnameOf[words[1].lowercased()], s.count == 1,
                      let c = s.first, clusters[c].nameRanges.contains(where: { $0.count > 2 }) {
                target = c
            }
            if let c = target {
                assignment[index] = c
                clusters[c].mentions.append(m)
                clusters[c].nameRanges.append(name)
                byKey[surface] = c
                continue
            }
            let c = clusters.count
            clusters.append(Cluster(mentions: [m], nameRanges: [name], canonical: m.canonical))
            assignment[index] = c
            byKey[surface] = c
            if ["PERSON", "ORG", "LOC"].contains(m.type), name.count >= 2 || m.canonical != nil {
                let parts = m.canonical.map { $0.split(separator: " ").map(String.init) } ?? words
                if m.type == "PERSON" {
                    if let last = parts.last?.lowercased() { surnameOf[last, default: []].insert(c) }
                    if let first = parts.first?.lowercased() { firstNameOf[first, default: []].insert(c) }
                } else {
                    let capitals = parts.filter { !connectors.contains($0.lowercased()) }
                    let initials = String(capitals.compactMap(\.first)).lowercased()
                    if initials.count >= 2 { initialsOf[initials, default: []].insert(c) }
                    if m.type == "ORG", name.count >= 2, DocumentConsistency.isTail(view, name.upperBound - 1) {
                        var end = name.upperBound - 1
                        orgPrefixOf[key(name.lowerBound..<end), default: []].insert(c)
                        // "Merrill Lynch" of "Merrill Lynch and Co", "Moody" of "Moody's Investors Service Inc".
                        while end > name.lowerBound + 1, DocumentConsistency.isTail(view, end - 1) { end -= 1 }
                        orgPrefixOf[key(name.lowerBound..<end), default: []].insert(c)
                        orgPrefixOf[key(name.lowerBound..<(name.lowerBound + 1)), default: []].insert(c)
                    }
                }
            }
        }
        // Entities in order of first mention.
        var entities: [(first: Int, entity: Entity)] = []
        for cluster in clusters {
            var votes: [String: Int] = [:]
            for m in cluster.mentions { votes[m.type, default: 0] += 1 }
            let headType = cluster.mentions[0].type
            let type = votes.max { a, b in a.value != b.value ? a.value < b.value : (a.key == headType ? false : b.key == headType || a.key > b.key) }!.key
            // The longest form the document writes in normal case ("New York", not the dateline's "NEW YORK").
            let longest = cluster.nameRanges.max { a, b in
                let ca = CanonicalCase.isCapitals(view, a), cb = CanonicalCase.isCapitals(view, b)
                if ca != cb { return ca }
                return a.count != b.count ? a.count < b.count : a.lowerBound > b.lowerBound
            }!
            let name = cluster.canonical ?? CanonicalCase.name(view, longest, type: type)
            let sorted = cluster.mentions.sorted { $0.range.lowerBound < $1.range.lowerBound }
            let mentions = sorted.map { m in
                Mention(text: nameString(m.range), start: text.tokens[m.range.lowerBound].scalarStart,
                        end: text.tokens[m.range.upperBound - 1].scalarEnd)
            }
            entities.append((sorted[0].range.lowerBound, Entity(type: EntityType(rawValue: type), name: name, mentions: mentions)))
        }
        _ = userGazetteer
        return entities.sorted { $0.first < $1.first }.map(\.entity)
    }
}
