import ArgumentParser
import CopydeskCore
import Foundation

extension CopydeskCommand {
    /// `copydesk engine signatures PIPELINE`
    struct EngineSignatures: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "signatures",
            abstract: "Each document's dedupe signature: 'FILE<TAB>POSITION<TAB>RECORD' in, 'FILE<TAB>POSITION<TAB>WORDS<TAB>HASH<TAB>BANDS<TAB>ANCHORS<TAB>SUMMARY<TAB>SIGNATURE' out.",
            discussion: """
                BANDS and ANCHORS are comma-separated keys; HASH is the content hash (signed 64-bit); SIGNATURE is a
                JSON object; SUMMARY is the small part of it that 'engine cluster' reads.
                """)

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        func run(registry: StageRegistry) throws {
            do throws(CopydeskError) {
                let stage = try EnginePipeline(path: pipeline, registry: registry).distributedStage()
                var input = EngineInput()
                var output = EngineOutput()
                var count = 0
                try input.forEach { (line, number) throws(CopydeskError) in
                    let fields = try EngineInput.fields(line, 3, line: number)
                    let value = try EngineInput.json(fields[2], line: number)
                    let document: Document
                    do throws(DocumentRejection) {
                        document = try DocumentRecord.read(value, source: SourceLocation(path: "-", line: number))
                    } catch {
                        throw EngineInput.malformed(number, error.reason)
                    }
                    let signature = stage.signature(of: document)
                    try output.write(fields[0])
                    try output.write([0x09])
                    try output.write(fields[1])
                    var writer = JSONWriter()
                    writer.value(nil, signature)
                    let words = signature[SignatureKeys.words]?.intValue ?? 0
                    let hash = signature[SignatureKeys.contentHash]?.int64Value ?? 0
                    try output.write("\t\(words)\t\(hash)\t\(Self.keys(signature[SignatureKeys.bandKeys]))\t\(Self.keys(signature[SignatureKeys.anchors]))\t")
                    var summary = JSONWriter()
                    summary.value(nil, stage.summary(of: signature))
                    try output.write(summary.bytes)
                    try output.write([0x09])
                    try output.write(writer.bytes)
                    try output.write([0x0A])
                    count += 1
                }
                try output.flush()
                EngineStats.write(mode: "signatures", [("documents", .number(JSONNumber(count)))])
            } catch {
                fail(error)
            }
        }

        static func keys(_ value: JSONValue?) -> String {
            guard case .array(let items)? = value else { return "" }
            return items.compactMap { $0.int64Value.map(String.init) }.joined(separator: ",")
        }
    }

    /// `copydesk engine verify PIPELINE`
    struct EngineVerify: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Judge candidate pairs: 'LATER<TAB>EARLIER<TAB>SIGNATURE<TAB>SIGNATURE' in, 'LATER<TAB>EARLIER<TAB>RELATION' out for related pairs.",
            discussion: "LATER and EARLIER are document numbers in input order; RELATION is exact, near, syndicated, template or strong-template.")

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        func run(registry: StageRegistry) throws {
            do throws(CopydeskError) {
                let stage = try EnginePipeline(path: pipeline, registry: registry).distributedStage()
                var input = EngineInput()
                var output = EngineOutput()
                var pairs = 0, related = 0
                try input.forEach { (line, number) throws(CopydeskError) in
                    let fields = try EngineInput.fields(line, 4, line: number)
                    let later = try EngineInput.int(fields[0], line: number), earlier = try EngineInput.int(fields[1], line: number)
                    let relation: String?
                    let mine = try EngineInput.json(fields[2], line: number), theirs = try EngineInput.json(fields[3], line: number)
                    do throws(DocumentRejection) {
                        relation = try stage.judge(mine, against: theirs)
                    } catch {
                        throw EngineInput.malformed(number, error.reason)
                    }
                    pairs += 1
                    if let relation {
                        related += 1
                        try output.write("\(later)\t\(earlier)\t\(relation)\n")
                    }
                }
                try output.flush()
                EngineStats.write(mode: "verify", [("pairs", .number(JSONNumber(pairs))), ("related", .number(JSONNumber(related)))])
            } catch {
                fail(error)
            }
        }
    }

    /// `copydesk engine cluster PIPELINE`
    struct EngineCluster: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "cluster",
            abstract: "Replay the judgments in input order: 'NUMBER<TAB>SUMMARY<TAB>JUDGMENTS[<TAB>REPLACES]' in (numbers 0, 1, … in order), 'NUMBER<TAB>CANONICAL<TAB>ROOT<TAB>ASSIGNMENT' out.",
            discussion: """
                JUDGMENTS: 'EARLIER:RELATION' items separated by commas (empty when none). REPLACES: the number of an
                earlier run's document this one updates (the same id, other content). An incremental run starts with
                the documents of earlier runs, as their index holds them: 'NUMBER<TAB>SUMMARY<TAB>ROOT<TAB>CANONICAL<TAB>BANDLESS'
                (ROOT: the number of its cluster's first member; CANONICAL: its cluster's canonical member then;
                BANDLESS: 1 when its band keys were not in the lookup tables, else 0).
                Out, for every document (earlier runs' too, but for those REPLACES retired): its cluster's canonical member
                and first member by number;
                ASSIGNMENT, a JSON object with cluster, root, canonical (number), canonical_id, bandless, clustered.
                Holds about 100 bytes a document.
                """)

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        func run(registry: StageRegistry) throws {
            do throws(CopydeskError) {
                let stage = try EnginePipeline(path: pipeline, registry: registry).distributedStage()
                var clustering = stage.makeClustering()
                var input = EngineInput()
                var expected = 0
                try input.forEach { (line, number) throws(CopydeskError) in
                    let fields = try EngineInput.fields(line, 3...5, line: number)
                    guard try EngineInput.int(fields[0], line: number) == expected else {
                        throw EngineInput.malformed(number, "document numbers must run 0, 1, … in order; expected \(expected)")
                    }
                    expected += 1
                    let signature = try EngineInput.json(fields[1], line: number)
                    if fields.count == 5 {
                        let root = try EngineInput.int(fields[2], line: number), canonical = try EngineInput.int(fields[3], line: number)
                        let bandless = String(decoding: fields[4], as: UTF8.self)
                        guard bandless == "0" || bandless == "1" else { throw EngineInput.malformed(number, "BANDLESS must be 0 or 1, found '\(bandless)'") }
                        do throws(DocumentRejection) {
                            try clustering.addEarlier(signature, root: root, canonical: canonical, bandless: bandless == "1")
                        } catch {
                            throw EngineInput.malformed(number, error.reason)
                        }
                        return
                    }
                    var judgments: [(earlier: Int, relation: String)] = []
                    for item in String(decoding: fields[2], as: UTF8.self).split(separator: ",") {
                        let parts = item.split(separator: ":", maxSplits: 1)
                        guard parts.count == 2, let earlier = Int(parts[0]) else { throw EngineInput.malformed(number, "judgment '\(item)' is not EARLIER:RELATION") }
                        judgments.append((earlier, String(parts[1])))
                    }
                    var replacing: Int?
                    if fields.count == 4 { replacing = try EngineInput.int(fields[3], line: number) }
                    do throws(DocumentRejection) {
                        try clustering.add(signature, judgments: judgments, replacing: replacing)
                    } catch {
                        throw EngineInput.malformed(number, error.reason)
                    }
                }
                var output = EngineOutput()
                for assignment in clustering.finish() {
                    var writer = JSONWriter()
                    writer.beginObject()
                    writer.string("cluster", assignment.cluster)
                    writer.int("root", assignment.root)
                    writer.int("canonical", assignment.canonical)
                    writer.string("canonical_id", assignment.canonicalID)
                    writer.bool("bandless", assignment.bandless)
                    writer.bool("clustered", assignment.clustered)
                    writer.endObject()
                    try output.write("\(assignment.number)\t\(assignment.canonical)\t\(assignment.root)\t")
                    try output.write(writer.bytes)
                    try output.write([0x0A])
                }
                try output.flush()
                let documents = clustering.counters["documents"] ?? expected
                EngineStats.write(mode: "cluster", [("documents", .number(JSONNumber(documents))), ("counters", EngineStats.counters(clustering.counters))])
            } catch {
                fail(error)
            }
        }
    }

    /// `copydesk engine apply PIPELINE`
    struct EngineApply: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Fill in each document's cluster: 'FILE<TAB>POSITION<TAB>NUMBER<TAB>RECORD<TAB>SIGNATURE<TAB>ASSIGNMENT<TAB>CANONICAL SIGNATURE' in, 'FILE<TAB>POSITION<TAB>RECORD' out.",
            discussion: "Documents the stage drops (action: drop, keep-canonical-only) go to --outcomes.")

        @Argument(help: "The pipeline file (YAML).")
        var pipeline: String

        @Option(name: .long, help: ArgumentHelp("Where drops go.", valueName: "path"))
        var outcomes: String

        func run(registry: StageRegistry) throws {
            do throws(CopydeskError) {
                let split = try EnginePipeline(path: pipeline, registry: registry)
                let stage = try split.distributedStage()
                let stageID = split.pipeline.stages[split.corpus ?? 0].descriptor.id
                guard let file = fopen(outcomes, "w") else {
                    throw CopydeskError(exitCode: CopydeskError.ioError, message: "cannot write --outcomes \(outcomes): \(String(cString: strerror(errno)))")
                }
                defer { fclose(file) }
                var drops = EngineOutput(file: file)
                var input = EngineInput()
                var output = EngineOutput()
                var counts: [String: Int] = ["documents": 0, "dropped": 0, "exact": 0, "near": 0, "syndicated": 0, "duplicates": 0]
                try input.forEach { (line, number) throws(CopydeskError) in
                    let fields = try EngineInput.fields(line, 7, line: number)
                    let document: Document, assignment: ClusterAssignment
                    let result: (document: Document, dropReason: String?)
                    let record = try EngineInput.json(fields[3], line: number), assigned = try EngineInput.json(fields[5], line: number)
                    let own = try EngineInput.json(fields[4], line: number), canonical = try EngineInput.json(fields[6], line: number)
                    let documentNumber = try EngineInput.int(fields[2], line: number)
                    do throws(DocumentRejection) {
                        document = try DocumentRecord.read(record, source: SourceLocation(path: "-", line: number))
                        assignment = try Self.assignment(assigned, number: documentNumber)
                        result = try stage.apply(document, signature: own, assignment: assignment, canonical: canonical)
                    } catch {
                        throw EngineInput.malformed(number, error.reason)
                    }
                    counts["documents", default: 0] += 1
                    if let relation = result.document.duplicate?.relation {
                        counts[relation.rawValue, default: 0] += 1
                        counts["duplicates", default: 0] += 1
                    }
                    if let reason = result.dropReason {
                        counts["dropped", default: 0] += 1
                        var writer = JSONWriter()
                        DocumentRecord.write(result.document, into: &writer, includeHTML: result.document.html != nil) { w in
                            w.beginObject("dropped")
                            w.string("stage", stageID)
                            w.string("reason", reason)
                            w.endObject()
                        }
                        try drops.write(fields[0])
                        try drops.write([0x09])
                        try drops.write(fields[1])
                        try drops.write("\tdrop\t")
                        try drops.write(writer.bytes)
                        try drops.write([0x0A])
                    } else {
                        try output.write(fields[0])
                        try output.write([0x09])
                        try output.write(fields[1])
                        try output.write([0x09])
                        try output.write(DocumentRecord.line(result.document, includeHTML: true))
                    }
                }
                try output.flush()
                try drops.flush()
                EngineStats.write(mode: "apply", [("counters", EngineStats.counters(counts))])
            } catch {
                fail(error)
            }
        }

        static func assignment(_ value: JSONValue, number: Int) throws(DocumentRejection) -> ClusterAssignment {
            guard let cluster = value["cluster"]?.stringValue, let root = value["root"]?.intValue, let canonical = value["canonical"]?.intValue,
                  let canonicalID = value["canonical_id"]?.stringValue, case .bool(let bandless)? = value["bandless"],
                  case .bool(let clustered)? = value["clustered"]
            else { throw DocumentRejection("not an assignment of `copydesk engine cluster`") }
            return ClusterAssignment(
                number: number, cluster: cluster, root: root, canonical: canonical, canonicalID: canonicalID, bandless: bandless, clustered: clustered)
        }
    }
}
