public import CopydeskCore

/// Turns decoded options into a ``Condition``, checking what the option decoder cannot: field names,
/// dates, bounds that contradict each other, conditions without a test. Errors name the condition by
/// its path (`conditions item 2 → any item 1`) at the `conditions` option's position.
public enum ConditionBuilder {
    /// The stage's whole condition: the shorthands, then every entry of `conditions`.
    public static func stageCondition(_ options: DecodedOptions<FilterOptions>) throws(ConfigError) -> Condition {
        var items: [Condition] = []
        if !options.language.isEmpty || options.minConfidence != nil {
            items.append(.test(.language(codes: options.language, minConfidence: options.minConfidence)))
        }
        if options.minWords != nil || options.maxWords != nil { items.append(.test(.words(min: options.minWords, max: options.maxWords))) }
        if !options.urlHosts.isEmpty {
            items.append(.test(.urlHosts(try normalisedHosts(options.urlHosts) { options.error(\.urlHosts, $0) })))
        }
        for (index, value) in options.conditions.enumerated() {
            items.append(try condition(value, path: "conditions item \(index + 1)") { options.error(\.conditions, $0) })
        }
        return .all(items)
    }

    /// Builds one condition mapping; `fail` makes a positioned error from a message.
    public static func condition(
        _ value: OptionValue, path: String, fail: (String) -> ConfigError
    ) throws(ConfigError) -> Condition {
        guard case .map(let entries) = value else { throw fail("\(path) must be a mapping") }
        func get(_ key: String) -> OptionValue? { KeyedOptionValue.lookup(key, in: entries) }
        func int(_ key: String) -> Int? { if case .int(let i)? = get(key) { i } else { nil } }
        func double(_ key: String) -> Double? {
            switch get(key) {
            case .double(let d)?: d
            case .int(let i)?: Double(i)
            default: nil
            }
        }
        func strings(_ key: String) -> [String]? {
            guard case .list(let items)? = get(key) else { return nil }
            return items.compactMap(\.stringValue)
        }
        var tests: [Condition] = []
        for key in ["all", "any"] {
            guard case .list(let items)? = get(key) else { continue }
            guard !items.isEmpty else { throw fail("\(path): '\(key)' needs at least one condition") }
            var children: [Condition] = []
            for (index, item) in items.enumerated() {
                children.append(try condition(item, path: "\(path) → \(key) item \(index + 1)", fail: fail))
            }
            tests.append(key == "all" ? .all(children) : .any(children))
        }
        if let inner = get("not") { tests.append(.not(try condition(inner, path: "\(path) → not", fail: fail))) }
        let minWords = int("min_words"), maxWords = int("max_words")
        if let lo = minWords, let hi = maxWords, lo > hi { throw fail("\(path): max_words \(hi) is below min_words \(lo)") }
        if minWords != nil || maxWords != nil { tests.append(.test(.words(min: minWords, max: maxWords))) }
        let minChars = int("min_chars"), maxChars = int("max_chars")
        if let lo = minChars, let hi = maxChars, lo > hi { throw fail("\(path): max_chars \(hi) is below min_chars \(lo)") }
        if minChars != nil || maxChars != nil { tests.append(.test(.characters(min: minChars, max: maxChars))) }
        let languages = strings("language"), minConfidence = double("min_confidence")
        if languages != nil || minConfidence != nil {
            tests.append(.test(.language(codes: languages ?? [], minConfidence: minConfidence)))
        }
        let include = get("include")?.stringValue, exclude = get("exclude")?.stringValue
        let fieldName = get("field")?.stringValue
        if fieldName != nil, include == nil, exclude == nil {
            throw fail("\(path): 'field' needs 'include' or 'exclude' (a regular expression)")
        }
        if include != nil || exclude != nil {
            let field: DocumentField
            switch DocumentField.lookup(fieldName ?? "text") {
            case .success(let found): field = found
            case .failure(let error): throw fail("\(path): \(error)")
            }
            for (source, keep) in [(include, true), (exclude, false)] {
                guard let source else { continue }
                do {
                    tests.append(.test(.pattern(field: field, pattern: try TextPattern(source), include: keep)))
                } catch {
                    throw fail("\(path): '\(source)' is not a valid regular expression")
                }
            }
        }
        if let hosts = strings("url_hosts") { tests.append(.test(.urlHosts(try normalisedHosts(hosts) { fail("\(path): \($0)") }))) }
        if let suffixes = strings("url_path_suffixes") {
            guard !suffixes.isEmpty, !suffixes.contains(where: \.isEmpty) else { throw fail("\(path): url_path_suffixes needs non-empty suffixes") }
            tests.append(.test(.urlPathSuffixes(suffixes.map { $0.lowercased() })))
        }
        let fromText = get("published_from")?.stringValue, toText = get("published_to")?.stringValue
        if fromText != nil || toText != nil {
            var from: Int?, to: Int?
            if let fromText {
                guard let seconds = PublishedTime.seconds(fromText) else { throw fail("\(path): published_from '\(fromText)' is not an ISO 8601 time (2024-01-31 or 2024-01-31T08:00:00Z)") }
                from = seconds
            }
            if let toText {
                guard let seconds = PublishedTime.seconds(toText) else { throw fail("\(path): published_to '\(toText)' is not an ISO 8601 time (2024-12-31 or 2024-12-31T18:00:00+01:00)") }
                to = PublishedTime.isDateOnly(toText) ? seconds + 86_399 : seconds
            }
            if let from, let to, from > to { throw fail("\(path): published_to \(toText!) is before published_from \(fromText!)") }
            let undatedPasses = get("undated")?.stringValue == "pass"
            tests.append(.test(.published(from: from, to: to, fromText: fromText, toText: toText, undatedPasses: undatedPasses)))
        } else if get("undated") != nil {
            throw fail("\(path): 'undated' goes with published_from or published_to")
        }
        if case .map(let entity)? = get("entity") {
            let type = KeyedOptionValue.lookup("type", in: entity)?.stringValue
            let name = KeyedOptionValue.lookup("name", in: entity)?.stringValue
            guard type != nil || name != nil else { throw fail("\(path): 'entity' needs a type, a name or both") }
            var minMentions = 1
            if case .int(let i)? = KeyedOptionValue.lookup("min_mentions", in: entity) { minMentions = i }
            tests.append(.test(.entity(type: type, name: name, minMentions: minMentions)))
        }
        if let relations = strings("drop_relations") { tests.append(.test(.dropRelations(relations))) }
        let quality: [(String, (Double) -> ConditionTest)] = [
            ("min_letter_share", ConditionTest.minLetterShare), ("min_mean_word_length", ConditionTest.minMeanWordLength),
            ("max_mean_word_length", ConditionTest.maxMeanWordLength), ("min_punctuated_lines", ConditionTest.minPunctuatedLines),
            ("max_repeated_lines", ConditionTest.maxRepeatedLines), ("max_digit_share", ConditionTest.maxDigitShare),
        ]
        for (key, make) in quality {
            if let threshold = double(key) { tests.append(.test(make(threshold))) }
        }
        guard !tests.isEmpty else {
            throw fail("\(path) has no test; give one of: " + FilterStage.conditionSpecs.map(\.name).filter { $0 != "reason" }.joined(separator: ", "))
        }
        let combined: Condition = tests.count == 1 ? tests[0] : .all(tests)
        if let reason = get("reason")?.stringValue {
            guard !reason.isEmpty else { throw fail("\(path): 'reason' is empty") }
            return .reasoned(combined, reason)
        }
        return combined
    }

    /// Lowercased hosts without a trailing dot; an empty host or one with a scheme or path is an error.
    static func normalisedHosts(_ hosts: [String], fail: (String) -> ConfigError) throws(ConfigError) -> [String] {
        var result: [String] = []
        for host in hosts {
            var h = host.lowercased()
            if h.hasSuffix(".") { h.removeLast() }
            if h.hasPrefix(".") { h.removeFirst() }
            guard !h.isEmpty, !h.contains("/"), !h.contains(":") else {
                throw fail("'\(host)' is not a host name; give hosts like reuters.com (no scheme or path)")
            }
            result.append(h)
        }
        return result
    }
}
