import CopydeskCore

/// What matching needs to know about one document, computed in parallel before the in-order part:
/// the exact content hash, a consistent sample of its shingle hashes (sorted, for verification, with the
/// word position of each, for finding shared passages), and its LSH band keys.
public struct DocumentSketch: Sendable {
    /// Matching words (after boilerplate lines are left out).
    var words: Int
    /// Hash of the whole matching word sequence: equal for exact copies.
    var contentHash: UInt64
    /// Sample rate 2^-shift: a shingle is sampled when its value's low `shift` bits are zero.
    var shift: UInt8
    /// Every array of the sketch in one allocation: the sorted distinct sample, the word position of
    /// each sample value's first occurrence, and the band keys (see the slices below).
    var storage: [UInt32]
    var sampleCount = 0

    /// Distinct sampled shingle values, sorted.
    var sample: ArraySlice<UInt32> { storage[0..<sampleCount] }
    /// The word position where each value of `sample` first occurs.
    var samplePositions: ArraySlice<UInt32> { storage[sampleCount..<(2 * sampleCount)] }
    /// One key per LSH band; empty for documents too short to shingle.
    var bandKeys: ArraySlice<UInt32> { storage[(2 * sampleCount)...] }
    /// Publication time in seconds since 1970, when known.
    var published: Int64?
    /// Rank in the source-priority list (lower wins); `Int32.max` when not listed.
    var priority: Int32
    /// The document's facts in their slots, for telling templated reports apart (see ``TemplateFacts``).
    var facts: [UInt32] = []
    /// The document's names, figures and dates word by word, its lead's words and its headline's, for
    /// corroborating a match on little shared text (see ``StoryFacts``).
    var storyFacts: [UInt32] = []

    /// Words at the start of a document that make its lead, for "the shared passage includes the lead".
    static let leadWords = 8

    /// Whether the document has shingles (at least `shingleSize` words).
    var hasShingles: Bool { !bandKeys.isEmpty }
}
