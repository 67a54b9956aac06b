import Logging

/// Where dropped and rejected documents go, so that none disappears: JSONL files next to the output
/// (each line the document record, or its id and source, plus the stage and reason), or warnings on
/// stderr when the run has no file output.
final class OutcomeLog {
    private let drops: AtomicFile?
    private let rejects: AtomicFile?
    private let logger: Logger

    init(dropsPath: String?, rejectsPath: String?, logger: Logger) throws(StageError) {
        self.logger = logger
        drops = try dropsPath.map { (path) throws(StageError) in try AtomicFile(path: path) }
        rejects = try rejectsPath.map { (path) throws(StageError) in try AtomicFile(path: path) }
    }

    func drop(_ document: Document, stage: String, reason: String) throws(StageError) {
        guard let drops else {
            logger.warning("dropped \(document.id) (\(document.source)) by \(stage): \(reason)")
            return
        }
        var writer = JSONWriter(reservingCapacity: document.text.utf8.count + 512)
        DocumentRecord.write(document, into: &writer, includeHTML: document.html != nil) { w in
            w.beginObject("dropped")
            w.string("stage", stage)
            w.string("reason", reason)
            w.endObject()
        }
        var line = writer.bytes
        line.append(0x0A)
        try drops.write(line)
    }

    func reject(_ rejection: Rejection, document: Document?) throws(StageError) {
        guard let rejects else {
            logger.warning("rejected \(rejection.source)\(rejection.id.map { " (\($0))" } ?? "") by \(rejection.stage): \(rejection.reason)")
            return
        }
        var writer = JSONWriter()
        let annotate: (inout JSONWriter) -> Void = { w in
            w.beginObject("rejected")
            w.string("stage", rejection.stage)
            w.string("reason", rejection.reason)
            w.endObject()
        }
        if let document {
            DocumentRecord.write(document, into: &writer, includeHTML: document.html != nil, extra: annotate)
        } else {
            writer.beginObject()
            writer.string("id", rejection.id)
            DocumentRecord.writeSource(rejection.source, into: &writer)
            annotate(&writer)
            writer.endObject()
        }
        var line = writer.bytes
        line.append(0x0A)
        try rejects.write(line)
    }

    /// Flushes and syncs both files, so that only their renames are left for the commit.
    func seal() throws(StageError) {
        try drops?.seal()
        try rejects?.seal()
    }

    func commit() throws(StageError) {
        try drops?.commit()
        try rejects?.commit()
    }

    func abort() {
        drops?.abort()
        rejects?.abort()
    }
}
