public import CopydeskCore

/// The dedupe stage's options: each setting is the pipeline option of the same name in snake case.
public struct DedupeOptions: DeclaredOptions {
    /// What happens to documents that are not their cluster's canonical member.
    public enum Action: String, Sendable, CaseIterable, OptionValueRepresentable {
        /// Every document passes, with `duplicate` filled in.
        case mark
        /// Non-canonical documents whose relation is in `drop_relations` (default: all) go to the drops
        /// output naming their canonical; the others pass, marked.
        case drop
        /// Every non-canonical document (exact, near or syndicated) goes to the drops output.
        case keepCanonicalOnly = "keep-canonical-only"
    }

    /// Each setting is the pipeline option of the same name in snake case (see `schema` for its meaning).
    /// `action`: what happens to non-canonical members.
    public var action: Action = .mark
    /// `near_threshold`: verified Jaccard for a near-duplicate.
    public var nearThreshold = 0.8
    /// `lsh_threshold`: the Jaccard the LSH bands and rows are tuned for.
    public var lshThreshold = 0.6
    /// `permutations`: MinHash signature length (a power of two).
    public var permutations = 128
    /// `shingle_size`: words per shingle.
    public var shingleSize = 5
    /// `min_containment`, `min_shared_shingles`, `min_passages`, `single_passage_containment`: the syndication rule.
    public var minContainment = 0.2
    public var minSharedShingles = 40
    public var minPassages = 2
    public var singlePassageContainment = 0.8
    /// `lead_passage_containment`: one passage opening one document suffices from this containment.
    public var leadPassageContainment = 0.5
    /// `templates`: keep templated reports (same wording, other figures, dates or names) out of a story's cluster.
    public var templates = true
    /// `lead_facts`: what the leads and headlines say outside the shared text lets a rewrite sharing one passage match.
    public var leadFacts = true
    /// `drop_relations`: the relations `action: drop` removes (`exact`, `near`, `syndicated`).
    public var dropRelations = Set(DuplicateInfo.Relation.allCases)
    /// `canonical` and `source_priority`: how the canonical member is chosen.
    public var canonical: CanonicalPolicy = .earliest
    public var sourcePriority: [String] = []
    /// `index` and `update_index`: the index file that persists between runs.
    public var index: String?
    public var updateIndex = true
    /// `boilerplate_lines`: more line beginnings left out of matching.
    public var boilerplateLines: [String] = []
    /// `passages`: also report the shared passages.
    public var passages = false
    /// `common_fingerprint_cap`: passage fingerprints in this many documents are ignored.
    public var commonFingerprintCap = 32
    /// `sample_cap`: shingles kept per document for verification.
    public var sampleCap = 160
    /// `memory_budget_mb` and `spill_directory`: where documents wait for `finish`.
    public var memoryBudgetMB = 256
    public var spillDirectory: String?

    /// The defaults.
    public init() {}

    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {
        if permutations & (permutations - 1) != 0 {
            throw check.error(\.permutations, "must be a power of two (64, 128, 256), not \(permutations)")
        }
        if lshThreshold > nearThreshold {
            throw check.error(\.lshThreshold, "must not exceed near_threshold (\(nearThreshold)), or near pairs are missed")
        }
    }

    public static let schema = OptionSchema<Self>([
        .choice("action", \.action, "mark: every document passes with 'duplicate'; drop: non-canonical documents whose relation is in drop_relations go to the drops output naming their canonical; keep-canonical-only: every non-canonical document goes to the drops output, whatever drop_relations says."),
        .field("drop_relations", \.dropRelations, .list(.choice(DuplicateInfo.Relation.allCases.map(\.rawValue))), "The relations 'action: drop' removes; e.g. [exact, near] keeps other outlets' syndicated versions, marked."),
        .number("near_threshold", \.nearThreshold, min: 0.5, max: 1, "Word-shingle Jaccard similarity (verified on the shingles, exact for documents up to sample_cap shingles) at or above which two documents are near-duplicates."),
        .number("lsh_threshold", \.lshThreshold, min: 0.3, max: 1, "Jaccard similarity the MinHash LSH candidate search is tuned for (bands × rows minimising false-positive + false-negative area); below near_threshold so near pairs are not missed."),
        .int("permutations", \.permutations, min: 16, max: 1024, "MinHash signature length (one-permutation MinHash with optimal densification); a power of two."),
        .int("shingle_size", \.shingleSize, min: 2, max: 16, "Words per shingle (word n-gram)."),
        .number("min_containment", \.minContainment, min: 0, max: 1, "Syndicated: at least this share of one document's shingles appears in the other."),
        .int("min_shared_shingles", \.minSharedShingles, min: 1, "Syndicated: at least this many shared shingles (estimated for long documents)."),
        .int("min_passages", \.minPassages, min: 1, "Syndicated: at least this many separate shared passages (runs of shared text of 12+ words, separated by text of its own), or one passage that opens both documents (the same lead); so one shared quote or background paragraph is not a copy."),
        .number("single_passage_containment", \.singlePassageContainment, min: 0, max: 1, "Syndicated with a single shared passage only when that passage is at least this share of one document (a shortened version)."),
        .number("lead_passage_containment", \.leadPassageContainment, min: 0, max: 1, "Syndicated with a single shared passage that opens one of the documents (a wire story run after a local introduction) when it is at least this share of one document."),
        .bool("templates", \.templates, "Keep templated reports apart: documents sharing passages whose figures, dates or names differ at the same places (another day's, another company's report) are not versions of one story (counted as 'template')."),
        .bool("lead_facts", \.leadFacts, "Rewrites: judged on what the leads and headlines say outside the shared text. Leads giving the same names and figures (5 or more, 70% of the smaller lead's; not when dated more than three days apart): one shared passage and half of min_shared_shingles and min_containment suffice. Within three days, a quarter suffices when 4 or more (60%) of one lead's names and figures appear in the other, or the lead is said in other words (6 or more of its words, half, and its names and figures kept), or the headlines agree (3 or more words, the same figures; 60% of the shorter over two shared passages, 80% of the longer over one)."),
        .choice("canonical", \.canonical, "Canonical member: earliest published, then longest, then input order; longest first; or first in input order. A cluster with documents of an earlier run keeps that run's canonical."),
        .strings("source_priority", \.sourcePriority, "Preferred sources for the canonical member, most preferred first: a site name or a URL host (suffix match, 'reuters.com'); applied before 'canonical'."),
        .path("index", \.index, role: .statePath, "Index file that persists between runs: documents of later runs are matched against earlier ones and name them. Written under a temporary name and renamed when the run succeeds; a corrupt, truncated or foreign file is refused, never overwritten."),
        .bool("update_index", \.updateIndex, "Add this run's documents to the index file (false: only match against it)."),
        .strings("boilerplate_lines", \.boilerplateLines, "More line beginnings to leave out of matching (case and punctuation ignored), besides the built-in ones ('Advertisement', 'Read more', 'Follow us on', copyright lines, …)."),
        .bool("passages", \.passages, "Also write the passages each document shares with its canonical member (duplicate.passages)."),
        .int("common_fingerprint_cap", \.commonFingerprintCap, min: 2, "Passage fingerprints found in this many documents are too common to suggest a copy and are ignored."),
        .int("sample_cap", \.sampleCap, min: 16, max: 4096, "Shingles kept per document for verification (a consistent sample of longer documents); sets the index size (6 bytes each: hash and word position)."),
        .int("memory_budget_mb", \.memoryBudgetMB, min: 1, "Documents are held in memory until finish up to this many MB, then in a temporary file."),
        .path("spill_directory", \.spillDirectory, "Where the temporary file goes (default: TMPDIR or /tmp)."),
    ])
}
