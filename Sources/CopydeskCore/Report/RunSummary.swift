/// The end-of-run summary for people: one line per stage with its counts, times and rate, the
/// accounting, each stage's counters in the order the stage gives (zeros left out), then what the
/// inputs held that was not a document.
extension RunReport {
    public func summary() -> String {
        func seconds(_ value: Double) -> String {
            let rounded = (value * 1000).rounded() / 1000
            return "\(rounded)s"
        }
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        var lines = ["\(pad("stage", 12)) \(pad("in", 9)) \(pad("out", 9)) \(pad("dropped", 8)) \(pad("rejected", 9)) \(pad("wall", 9)) \(pad("cpu", 9)) docs/s"]
        lines.append("\(pad("input", 12)) \(pad(String(documentsIn), 9)) \(pad(String(input.documents), 9)) \(pad("0", 8)) \(pad(String(input.rejected), 9))")
        for stage in stages {
            lines.append("\(pad(stage.id, 12)) \(pad(String(stage.documentsIn), 9)) \(pad(String(stage.documentsOut), 9)) \(pad(String(stage.dropped), 8)) \(pad(String(stage.rejected), 9)) \(pad(seconds(stage.wallSeconds), 9)) \(pad(seconds(stage.cpuSeconds), 9)) \(stage.documentsPerSecond.map(String.init) ?? "-")")
        }
        let overall = wallSeconds > 0.0005 ? ", \(Int((Double(documentsIn) / wallSeconds).rounded())) docs/s" : ""
        lines.append("documents: \(documentsIn) in = \(documentsOut) out + \(dropped) dropped + \(rejected) rejected"
            + (balanced ? "" : "  (UNBALANCED: this is a bug, please report it)")
            + "; \(seconds(wallSeconds)) wall, \(seconds(cpuSeconds)) cpu\(overall), \(workers) worker\(workers == 1 ? "" : "s")")
        for stage in stages where !stage.counters.isEmpty {
            lines.append("\(stage.id): " + stage.readableCounters.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        if input.repairedDocuments > 0 {
            lines.append("invalid UTF-8 repaired in \(input.repairedDocuments) document(s) (\(input.repairedSequences) sequences)")
        }
        if !input.skippedRecords.isEmpty {
            let kinds = input.skippedRecords.keys.sorted().map { "\($0) \(input.skippedRecords[$0]!)" }.joined(separator: ", ")
            lines.append("WARC records that are not documents, skipped: \(kinds)")
        }
        if input.duplicateKeys > 0 {
            lines.append("\(input.duplicateKeys) JSON key(s) given twice in an input record; the last value was kept")
        }
        if !input.fieldMisses.isEmpty {
            let misses = input.fieldMisses.keys.sorted().map { "\($0) \(input.fieldMisses[$0]!)" }.joined(separator: ", ")
            lines.append("input.fields paths missing from records: \(misses)")
        }
        if !input.skippedFiles.isEmpty {
            lines.append("\(input.skippedFiles.count) file(s) skipped while reading directories (listed in the report)")
        }
        return lines.joined(separator: "\n")
    }
}

extension StageStats {
    /// Documents in per wall-clock second, when the stage took long enough to say.
    public var documentsPerSecond: Int? {
        wallSeconds > 0.0005 ? Int((Double(documentsIn) / wallSeconds).rounded()) : nil
    }

    /// The counters in ``counterOrder`` (then by name), leaving out those that are zero unless all are.
    public var readableCounters: [(key: String, value: Int)] {
        let rank = Dictionary(counterOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = counters.sorted { a, b in
            switch (rank[a.key], rank[b.key]) {
            case let (x?, y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.key < b.key
            }
        }.map { (key: $0.key, value: $0.value) }
        let nonZero = ordered.filter { $0.value != 0 }
        return nonZero.isEmpty ? ordered : nonZero
    }
}
