public import CopydeskCore

/// Finds the entities of a text: the statistical tagger for PERSON, ORG and LOC, cue rules, the user's
/// gazetteer, the document-level pass, the pattern rules for DATE … HANDLE, and one canonical name per
/// referent. Immutable and `Sendable`: one instance serves every worker thread.
public struct EntityRecogniser: Sendable {
    /// The tagger model (shared, immutable).
    public let model: TaggerModel
    /// Entities from the pipeline file, taking precedence.
    public let userGazetteer: UserGazetteer
    /// The entity types kept in the output.
    public let types: Set<String>
    /// The tagger's window in tokens (whole sentences; see ``TaggerModel/windowTokens``): it bounds the
    /// tagger's scratch memory and does not change the result.
    public let windowTokens: Int

    /// Every type the recogniser can emit.
    public static let allTypes = EntityType.builtIn.map(\.rawValue)

    /// A recogniser with `model`, the user's entries, the types to keep and the tagger's window.
    public init(
        model: TaggerModel, userGazetteer: UserGazetteer = .empty, types: Set<String> = Set(allTypes),
        windowTokens: Int = TaggerModel.windowTokens
    ) {
        self.model = model
        self.userGazetteer = userGazetteer
        self.types = types
        self.windowTokens = max(1, windowTokens)
    }

    /// BIO labels for PERSON/ORG/LOC after the cue rules, the user gazetteer and (unless turned off) the
    /// document-level pass: what the CoNLL evaluation scores.
    public func labels(for text: TokenizedText, consistency: Bool = true, cues: Bool = true) -> [UInt8] {
        labels(TokenView(text, gazetteer: model.gazetteer), consistency: consistency, cues: cues)
    }

    func labels(_ view: TokenView, consistency: Bool = true, cues: Bool = true) -> [UInt8] {
        var labels = model.tag(view, windowTokens: windowTokens)
        var teams: Set<UInt64> = []
        if cues {
            CueRules.dropLowercase(view, labels: &labels)
            // Agency style: lines in capitals, company names, a state after its city, countries, wrapped names.
            CueRules.dropCapitalLines(view, labels: &labels)
            CueRules.apply(view, labels: &labels)
            teams = CueRules.applyResults(view, labels: &labels)
            CueRules.applyAcronyms(view, labels: &labels)
            CueRules.dropEvents(view, labels: &labels)
            CueRules.dropDemonyms(view, labels: &labels)
            CueRules.applyCompanyNames(view, labels: &labels)
            CueRules.applyStatePlaces(view, labels: &labels)
            CueRules.applyCountries(view, labels: &labels)
            CueRules.applyPlaceLists(view, labels: &labels)
            CueRules.dropMonthPersons(view, labels: &labels)
            CueRules.applyDatelines(view, labels: &labels)
            CueRules.dropTableValues(view, labels: &labels)
            CueRules.applyFirmCues(view, labels: &labels)
            CueRules.applyPartnerships(view, labels: &labels)
        }
        userGazetteer.apply(view, labels: &labels)
        if consistency { DocumentConsistency.apply(view, labels: &labels, teams: teams) }
        if cues { CueRules.dropSignOff(view, labels: &labels) }
        return labels
    }

    /// The entities of `text`, each with a canonical name and every mention (code-point offsets into `text`).
    /// `text` must be at most ``Token/maxTextBytes`` UTF-8 bytes (the stage rejects longer documents). Working
    /// memory is about 46 bytes a token plus the text's bytes, whatever the tagging window (see docs/limits.md).
    public func entities(in text: String) -> [Entity] {
        let tokenized = TokenizedText(text: text)
        guard !tokenized.tokens.isEmpty else { return [] }
        let view = TokenView(tokenized, gazetteer: model.gazetteer)
        let labels = labels(view)
        var mentions: [RawMention] = []
        var covered = [Bool](repeating: false, count: tokenized.tokens.count)
        func add(_ m: RawMention) {
            guard !m.range.contains(where: { covered[$0] }) else { return }
            mentions.append(m)
            for k in m.range { covered[k] = true }
        }
        for (range, e) in userGazetteer.matches(view) {
            let entry = userGazetteer.entries[e]
            add(RawMention(range: range, type: entry.type, canonical: entry.name))
        }
        for m in PatternRules.mentions(view) { add(m) }
        // A name has a word in it: the tagger learnt from tweets, where "@" alone may sit in a name span.
        for span in EntityLabel.spans(labels) where span.range.contains(where: { tokenized.tokens[$0].kind == .word }) {
            add(RawMention(range: span.range, type: EntityLabel.types[span.type]))
        }
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
        let entities = EntityResolver.resolve(mentions, view: view, userGazetteer: userGazetteer)
        return entities.filter { types.contains($0.type.rawValue) }
    }
}

/// A typed token span before canonicalisation.
struct RawMention {
    var range: Range<Int>
    var type: String
    /// A canonical name fixed by a rule or the user gazetteer.
    var canonical: String?
}
