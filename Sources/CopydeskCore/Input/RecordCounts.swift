/// What decoding some records adds to the input stats (``InputStats``): documents and rejections, repaired
/// UTF-8, duplicate keys and missed field paths, with the first miss of each field as a message. Records
/// are counted in input order (a batch's in one value, batches added in turn), so the stats and the logged
/// messages are the same whichever thread decoded which record.
struct RecordCounts: Sendable {
    var documents = 0
    var rejected = 0
    var repairedDocuments = 0
    var repairedSequences = 0
    var duplicateKeys = 0
    var fieldMisses: [String: Int] = [:]
    /// The first miss of each field among these records, in input order, as the message to log.
    var firstMisses: [(field: String, message: String)] = []

    /// Counts a record with `repairs` invalid UTF-8 sequences replaced.
    mutating func noteRepairs(_ repairs: Int) {
        guard repairs > 0 else { return }
        repairedDocuments += 1
        repairedSequences += repairs
    }

    /// Counts a miss of remapped field `field`; `message` is called only for its first miss here.
    mutating func noteMiss(_ field: String, message: () -> String) {
        fieldMisses[field, default: 0] += 1
        if fieldMisses[field] == 1 { firstMisses.append((field, message())) }
    }

    /// Adds the counts of the records that follow these; returns the first misses of fields not missed
    /// before, in order (the messages to log now).
    @discardableResult
    mutating func add(_ later: RecordCounts) -> [String] {
        documents += later.documents
        rejected += later.rejected
        repairedDocuments += later.repairedDocuments
        repairedSequences += later.repairedSequences
        duplicateKeys += later.duplicateKeys
        var new: [String] = []
        for first in later.firstMisses where fieldMisses[first.field] == nil {
            firstMisses.append(first)
            new.append(first.message)
        }
        for (field, misses) in later.fieldMisses { fieldMisses[field, default: 0] += misses }
        return new
    }
}

extension InputStats {
    /// Adds the counts of records decoded after everything these stats count; the first miss of a field
    /// not missed before becomes a warning.
    mutating func add(_ counts: RecordCounts) {
        documents += counts.documents
        rejected += counts.rejected
        repairedDocuments += counts.repairedDocuments
        repairedSequences += counts.repairedSequences
        duplicateKeys += counts.duplicateKeys
        for (field, message) in counts.firstMisses where fieldMisses[field] == nil { warnings.append(message) }
        for (field, misses) in counts.fieldMisses { fieldMisses[field, default: 0] += misses }
    }
}
