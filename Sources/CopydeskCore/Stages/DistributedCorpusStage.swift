/// A corpus-wide stage whose work can be split across machines (the `copydesk engine` modes that
/// `spark/copydesk-spark` runs), with the same result as one machine's run: each document's
/// ``signature(of:)`` is computed where the document is; documents sharing a ``SignatureKeys`` key are
/// brought together and their pairs judged (``judge(_:against:)``); one ``DistributedClustering`` replays
/// the judgments in input order; ``apply(_:signature:assignment:canonical:)`` fills each document in.
///
/// Signatures are JSON objects (the engine moves them as text), opaque to the engine but for the keys
/// ``SignatureKeys`` names.
public protocol DistributedCorpusStage: CorpusStage {
    /// How many documents per key candidate search keeps, which a distributed run must reproduce.
    var candidateRules: CandidateRules { get }
    /// The settings every signature depends on, as `name=value` words separated by spaces: signatures
    /// (and an index of earlier runs' signatures) written with other settings cannot be compared.
    var signatureSettings: String { get }
    /// Everything the later steps need of `document`.
    func signature(of document: Document) -> JSONValue
    /// The part of `signature` that ``DistributedClustering/add(_:judgments:)`` reads (moved to one task).
    func summary(of signature: JSONValue) -> JSONValue
    /// The relation of a document to an earlier one, from their signatures (`later` is the one that comes
    /// later in input order); `nil` when they are unrelated. Throws for a signature this stage did not write.
    func judge(_ later: JSONValue, against earlier: JSONValue) throws(DocumentRejection) -> String?
    /// A new in-order replay of the judgments.
    func makeClustering() -> any DistributedClustering
    /// `document` with its cluster assignment applied (its `duplicate` field), and the reason when the stage
    /// drops it; `canonical` is the signature of the assignment's canonical member.
    func apply(_ document: Document, signature: JSONValue, assignment: ClusterAssignment, canonical: JSONValue)
        throws(DocumentRejection) -> (document: Document, dropReason: String?)
}

/// The keys of a signature object that a distributed run reads (the rest is the stage's own).
public enum SignatureKeys {
    /// Matching words (0: nothing to match on).
    public static let words = "words"
    /// Hash of the whole matching content, as a signed 64-bit integer: equal for exact copies.
    public static let contentHash = "hash"
    /// Keys whose sharing makes two documents candidates at once (LSH bands), array of integers.
    public static let bandKeys = "bands"
    /// Keys of which two shared make two documents candidates (passage fingerprints), array of integers.
    public static let anchors = "anchors"
}

/// How candidate search bounds its lookups, so a distributed run finds the same candidates: a document
/// meets the first `bandCap` earlier documents with each of its band keys, and, while fewer than
/// `anchorCap` earlier documents have one of its anchors, all of them (else none for that anchor).
public struct CandidateRules: Sendable, Equatable {
    public var bandCap: Int
    public var anchorCap: Int
    /// Documents with band keys that are not exact copies of an earlier one take part; exact copies join
    /// their original without a search.
    public init(bandCap: Int, anchorCap: Int) {
        self.bandCap = bandCap
        self.anchorCap = anchorCap
    }
}

/// The in-order part of a distributed corpus-wide stage: documents of earlier runs first, as their
/// index holds them (``addEarlier(_:root:canonical:bandless:)``), then this run's in input order (numbers
/// continue 0, 1, …) with the judgments verified against earlier ones; ``finish()`` assigns every cluster.
public protocol DistributedClustering {
    /// Adds a document of an earlier run, before any of this run: its summary, the number of its
    /// cluster's first member (at most its own) and of its cluster's canonical member then, and whether
    /// it had no band keys in the lookup tables (an exact copy, or too short).
    mutating func addEarlier(_ summary: JSONValue, root: Int, canonical: Int, bandless: Bool) throws(DocumentRejection)
    /// Adds the next document: its signature, its relations to earlier documents by number, and the
    /// earlier run's document it replaces (the same id with other content), if any.
    mutating func add(_ signature: JSONValue, judgments: [(earlier: Int, relation: String)], replacing: Int?) throws(DocumentRejection)
    /// Every document's assignment, by number.
    mutating func finish() -> [ClusterAssignment]
    /// Counts for the run report.
    var counters: [String: Int] { get }
}

extension DistributedClustering {
    /// Adds the next document of this run that replaces no earlier one.
    public mutating func add(_ signature: JSONValue, judgments: [(earlier: Int, relation: String)]) throws(DocumentRejection) {
        try add(signature, judgments: judgments, replacing: nil)
    }
}

/// Where one document landed: its cluster, the cluster's canonical member, and what applying needs.
public struct ClusterAssignment: Sendable, Equatable {
    /// The document's own number (input order).
    public var number: Int
    /// The cluster's id (its first member's id), and that member's number.
    public var cluster: String
    public var root: Int
    /// The canonical member's number and id.
    public var canonical: Int
    public var canonicalID: String
    /// The document is an exact copy found without search, or has no band keys.
    public var bandless: Bool
    /// The cluster has more than one member.
    public var clustered: Bool

    public init(number: Int, cluster: String, root: Int, canonical: Int, canonicalID: String, bandless: Bool, clustered: Bool) {
        self.number = number
        self.cluster = cluster
        self.root = root
        self.canonical = canonical
        self.canonicalID = canonicalID
        self.bandless = bandless
        self.clustered = clustered
    }
}
