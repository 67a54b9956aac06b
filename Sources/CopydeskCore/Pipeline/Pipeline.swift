import Foundation
import Yams

/// A decoded, validated pipeline file.
public struct Pipeline: Sendable {
    /// The file it came from (or a label for pipelines built in code).
    public var file: String
    public var name: String?
    public var description: String?
    public var input: InputOptions
    public var run: RunOptions
    /// Where to write the run report; `nil` puts it next to the last output file.
    public var report: String?
    public var stages: [ConfiguredStage]

    public init(
        file: String = "<code>", name: String? = nil, description: String? = nil, input: InputOptions = InputOptions(),
        run: RunOptions = RunOptions(), report: String? = nil, stages: [ConfiguredStage]
    ) {
        self.file = file
        self.name = name
        self.description = description
        self.input = input
        self.run = run
        self.report = report
        self.stages = stages
    }

    static let topLevelKeys = ["name", "description", "input", "run", "report", "stages"]

    /// Reads and strictly validates a pipeline file against `registry`.
    public static func load(path: String, registry: StageRegistry) throws(ConfigError) -> Pipeline {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw ConfigError("pipeline file \(path) \(reason); the ready-made ones are in pipelines/")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("pipeline file \(path) is not UTF-8 text")
        }
        return try parse(yaml: text, file: path, registry: registry)
    }

    /// Parses pipeline YAML; `file` names it in error positions.
    public static func parse(yaml: String, file: String, registry: StageRegistry) throws(ConfigError) -> Pipeline {
        let decoder = OptionDecoder(file: file)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw ConfigError("pipeline file is empty; it needs at least a 'stages:' list", at: FilePosition(file: file, line: 1, column: 1))
            }
            root = composed
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw yamlSyntaxError(error, file: file)
        } catch {
            throw ConfigError("cannot parse YAML: \(error)", at: FilePosition(file: file, line: 1, column: 1))
        }
        guard case .mapping(let mapping) = root else {
            throw ConfigError("a pipeline file is a mapping with a 'stages:' list, not \(decoder.describe(root))", at: decoder.position(of: root))
        }
        var pipeline = Pipeline(file: file, stages: [])
        var sawStages = false
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard Self.topLevelKeys.contains(key) else {
                throw ConfigError("unknown top-level key '\(key)'; " + NearestName.hint(for: key, among: Self.topLevelKeys), at: decoder.position(of: keyNode))
            }
            guard seen.insert(key).inserted else {
                throw ConfigError("'\(key)' is given twice", at: decoder.position(of: keyNode))
            }
            switch key {
            case "name":
                pipeline.name = try decoder.value(value, as: .string, name: "'name'").stringValue
            case "description":
                pipeline.description = try decoder.value(value, as: .string, name: "'description'").stringValue
            case "report":
                pipeline.report = try decoder.value(value, as: .path, name: "'report'").stringValue
            case "input":
                guard case .mapping(let section) = value else {
                    throw ConfigError("'input' must be a mapping (paths, format, …), not \(decoder.describe(value))", at: decoder.position(of: value))
                }
                pipeline.input = try InputOptions.schema.decode(decoder.decode(Array(section), specs: InputOptions.schema.specs, owner: "input", at: decoder.position(of: value)))
            case "run":
                guard case .mapping(let section) = value else {
                    throw ConfigError("'run' must be a mapping (workers, …), not \(decoder.describe(value))", at: decoder.position(of: value))
                }
                pipeline.run = try RunOptions.schema.decode(decoder.decode(Array(section), specs: RunOptions.schema.specs, owner: "run", at: decoder.position(of: value)))
            default:
                sawStages = true
                pipeline.stages = try stages(value, decoder: decoder, registry: registry)
            }
        }
        guard sawStages, !pipeline.stages.isEmpty else {
            throw ConfigError("the pipeline has no stages; add a 'stages:' list, e.g. '- use: normalise' (known stages: \(registry.ids.joined(separator: ", ")))",
                              at: decoder.position(of: root))
        }
        return pipeline
    }

    private static func stages(_ node: Node, decoder: OptionDecoder, registry: StageRegistry) throws(ConfigError) -> [ConfiguredStage] {
        guard case .sequence(let sequence) = node else {
            throw ConfigError("'stages' must be a list of '- use: <stage>' entries, not \(decoder.describe(node))", at: decoder.position(of: node))
        }
        var result: [ConfiguredStage] = []
        for entry in sequence {
            let at = decoder.position(of: entry)
            guard case .mapping(let mapping) = entry else {
                throw ConfigError("each stage is a mapping starting with 'use: <stage>', not \(decoder.describe(entry))", at: at)
            }
            guard let useNode = mapping.first(where: { $0.key.string == "use" })?.value else {
                throw ConfigError("stage entry has no 'use:'; known stages: \(registry.ids.joined(separator: ", "))", at: at)
            }
            guard case .scalar(let scalar) = useNode else {
                throw ConfigError("'use' must name a stage, not \(decoder.describe(useNode))", at: decoder.position(of: useNode))
            }
            let id = scalar.string
            guard let descriptor = registry.descriptor(for: id) else {
                throw ConfigError("unknown stage '\(id)'; " + NearestName.hint(for: id, among: registry.ids), at: decoder.position(of: useNode))
            }
            let options = try decoder.decode(Array(mapping), specs: descriptor.options, owner: "stage '\(id)'", at: at, skipping: ["use"])
            result.append(ConfiguredStage(descriptor: descriptor, options: options, position: at))
        }
        return result
    }

    private static func yamlSyntaxError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = [context?.description, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return ConfigError("YAML syntax error: \(detail)", at: FilePosition(file: file, line: mark.line, column: mark.column))
        default:
            return ConfigError("YAML syntax error: \(error)", at: FilePosition(file: file, line: 1, column: 1))
        }
    }

    /// Builds every stage instance.
    public func instantiate(context: StageContext) throws(ConfigError) -> [StageInstance] {
        var instances: [StageInstance] = []
        for stage in stages {
            instances.append(try stage.descriptor.make(stage.options, context))
        }
        return instances
    }

    /// The path of the last output-path option (the pipeline's last export), if any.
    public var lastOutputPath: String? {
        for stage in stages.reversed() {
            for name in stage.outputOptionNames {
                if let path = stage.options.optionalString(name) { return path }
            }
        }
        return nil
    }

    /// Replaces the last export's output path (`--output`). Throws when no stage writes a file.
    public mutating func overrideOutput(_ path: String) throws(ConfigError) {
        for index in stages.indices.reversed() {
            if let name = stages[index].outputOptionNames.first {
                stages[index].options.set(name, .string(path))
                return
            }
        }
        throw ConfigError("--output given but no stage of \(file) writes an output; add '- use: export'")
    }
}
