public import CopydeskCore

/// The `filter` stage: keeps the documents that satisfy every condition of the pipeline file and
/// sends the others to the drops output with the reason of the first condition they fail.
public enum FilterStage {
    /// The fields of one condition (a mapping in `conditions:`, `all:`, `any:` or `not:`). A condition
    /// with several tests holds when all of them do.
    public static let conditionSpecs: [OptionSpec] = [
        OptionSpec("reason", .string, default: nil, "The drop reason when this condition fails (default: generated from the test and the document's value, e.g. '42 words, fewer than 80')."),
        OptionSpec("all", .list(.recursive), default: nil, "Holds when every condition in the list holds."),
        OptionSpec("any", .list(.recursive), default: nil, "Holds when at least one condition in the list holds."),
        OptionSpec("not", .recursive, default: nil, "Holds when the condition given does not."),
        OptionSpec("min_words", .int(min: 0, max: nil), default: nil, "At least this many words in the text (runs of non-space characters holding a letter or digit)."),
        OptionSpec("max_words", .int(min: 0, max: nil), default: nil, "At most this many words in the text."),
        OptionSpec("min_chars", .int(min: 0, max: nil), default: nil, "At least this many characters (code points) in the text."),
        OptionSpec("max_chars", .int(min: 0, max: nil), default: nil, "At most this many characters in the text."),
        OptionSpec("language", .list(.string), default: nil, "The document's language is one of these codes ('en' matches en, en-GB; 'en-GB' only en-GB); a document without a language fails."),
        OptionSpec("min_confidence", .double(min: 0, max: 1), default: nil, "The language stage's confidence is at least this (0…1); unknown confidence fails, so this needs the language stage before filter."),
        OptionSpec("field", .string, default: nil, "The field include/exclude read: title, text (default), url, site, id, author, language, published, crawled."),
        OptionSpec("include", .regex, default: nil, "The field matches this regular expression somewhere (ICU syntax; (?i) ignores case); a document without the field fails."),
        OptionSpec("exclude", .regex, default: nil, "The field does not match this regular expression; a document without the field passes."),
        OptionSpec("url_hosts", .list(.string), default: nil, "The URL's host is one of these or a subdomain of one ('bbc.co.uk' takes news.bbc.co.uk); a document without a URL fails."),
        OptionSpec("url_path_suffixes", .list(.string), default: nil, "The URL's path (before ? and #) ends with one of these, ASCII case ignored ('.html', '/index.php')."),
        OptionSpec("published_from", .string, default: nil, "Published at or after this ISO 8601 time (2024-01-01, 2024-01-01T06:00:00Z, …+02:00)."),
        OptionSpec("published_to", .string, default: nil, "Published at or before this ISO 8601 time; a date alone includes its whole day (UTC)."),
        OptionSpec("undated", .choice(["fail", "pass"]), default: nil, "What published_from/published_to do with a document without a readable date: fail (default) or pass."),
        OptionSpec("entity", .record([
            OptionSpec("type", .string, default: nil, "Entity type: PERSON, ORG, LOC, DATE, TIME, MONEY, PERCENT, URL, EMAIL, HASHTAG, HANDLE (any when absent)."),
            OptionSpec("name", .string, default: nil, "Canonical name or a mention, ignoring case (any when absent)."),
            OptionSpec("min_mentions", .int(min: 1, max: nil), default: .int(1), "At least this many mentions in all."),
        ]), default: nil, "An entity of this type and/or name is present (needs the entities stage before filter; without it the condition fails)."),
        OptionSpec("drop_relations", .list(.string), default: nil, "The duplicate relation (from dedupe) is none of these, e.g. [near, template]; canonical members and documents without a relation pass."),
        OptionSpec("min_letter_share", .double(min: 0, max: 1), default: nil, "At least this share of the visible characters are letters (tables, code and symbol runs have few)."),
        OptionSpec("min_mean_word_length", .double(min: 0, max: nil), default: nil, "Mean word length (characters) at least this (gopher: 3)."),
        OptionSpec("max_mean_word_length", .double(min: 0, max: nil), default: nil, "Mean word length at most this (gopher: 10; long runs of URLs, hashes)."),
        OptionSpec("min_punctuated_lines", .double(min: 0, max: 1), default: nil, "At least this share of non-empty lines ends in terminal punctuation (. ! ? … quotes, closing parenthesis)."),
        OptionSpec("max_repeated_lines", .double(min: 0, max: 1), default: nil, "At most this share of non-empty lines repeats an earlier line (templates, navigation)."),
        OptionSpec("max_digit_share", .double(min: 0, max: 1), default: nil, "At most this share of the visible characters are digits (wire tables, stock lists, results)."),
    ]

    /// The stage as registered: id `filter`, per-document.
    public static let descriptor = StageDescriptor(
        id: "filter",
        summary: "Keeps documents that satisfy declarative conditions (words, characters, language, regular expressions on "
            + "fields, URL hosts and paths, publication dates, entities, duplicate relations, text quality), combined "
            + "with all/any/not; every other document goes to the drops output with a readable reason.",
        options: FilterOptions.self,
        make: { options, context throws(ConfigError) in
            let condition = try ConditionBuilder.stageCondition(options)
            return FilterDocumentStage(condition: condition, logger: context.logger)
        })
}
