import CopydeskCore
import CopydeskTesting
import Filter
import Logging
import Synchronization

/// Collects the messages logged to it, for tests of warnings.
final class LogCapture: Sendable {
    private let messages = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "filter-test") { _ in CapturingHandler(capture: self) }
    }

    var all: [String] { messages.withLock { $0 } }

    func append(_ message: String) { messages.withLock { $0.append(message) } }
}

struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        capture.append("\(event.level): \(event.message)")
    }
}

/// Parses a pipeline whose only stage is `filter` with the given YAML lines (indented under it).
func filterPipeline(_ options: String, file: String = "f.yaml") throws(ConfigError) -> Pipeline {
    let yaml = "stages:\n  - use: filter\n" + options.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
    return try Pipeline.parse(yaml: yaml, file: file, registry: StageRegistry([FilterStage.descriptor]))
}

/// The filter stage built from YAML option lines, logging to `log`.
func filterStage(_ options: String, log: LogCapture = LogCapture()) throws -> FilterDocumentStage {
    let pipeline = try filterPipeline(options)
    let instances = try pipeline.instantiate(context: StageContext(logger: log.logger))
    guard case .document(let stage as FilterDocumentStage) = instances[0] else {
        throw ConfigError("filter did not build a FilterDocumentStage")
    }
    return stage
}

/// The drop reason of `stage` for `document`, or `nil` when it keeps it.
func reason(_ stage: FilterDocumentStage, _ document: Document) throws -> String? {
    let (_, verdict) = try stage.apply(to: document)
    if case .drop(let reason) = verdict { return reason }
    return nil
}

/// The configuration error of filter options, or `nil` when they are valid.
func configError(_ options: String) -> ConfigError? {
    do {
        _ = try filterStage(options)
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        return ConfigError("unexpected \(error)")
    }
}

/// Words of filler prose, `count` of them.
func prose(_ count: Int) -> String {
    let words = ["the", "council", "voted", "on", "Tuesday", "to", "approve", "a", "budget", "for", "schools"]
    return (0..<count).map { words[$0 % words.count] }.joined(separator: " ") + "."
}
