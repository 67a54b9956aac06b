import Foundation

/// Checks, before any work, that a run's outputs cannot destroy anything: every output path is
/// non-empty, names no existing directory, is not one of the input files, and no two outputs (exports,
/// report, drops, rejects) share a file. A pipeline must also write its documents somewhere.
public enum OutputCheck {
    /// One file a run writes, and what writes it (for messages).
    public struct Output: Sendable {
        public var path: String
        public var role: String
        public var position: FilePosition?
    }

    /// Every file `pipeline` writes: its stages' output and state (index) paths, then the report, drops and rejects.
    public static func outputs(of pipeline: Pipeline, paths: PipelineRunner.OutputPaths) -> [Output] {
        var outputs: [Output] = []
        for stage in pipeline.stages {
            for name in stage.outputOptionNames + stage.statePathOptionNames {
                if let path = stage.options.optionalString(name) {
                    outputs.append(Output(path: path, role: "stage '\(stage.descriptor.id)' option '\(name)'", position: stage.position))
                }
            }
        }
        if let report = paths.report { outputs.append(Output(path: report, role: "the run report", position: nil)) }
        if let drops = paths.drops { outputs.append(Output(path: drops, role: "the drops output", position: nil)) }
        if let rejects = paths.rejects { outputs.append(Output(path: rejects, role: "the rejects output", position: nil)) }
        return outputs
    }

    /// Throws the first problem found; `inputs` are the input files of the run (empty when unknown).
    public static func check(_ pipeline: Pipeline, paths: PipelineRunner.OutputPaths, inputs: [String]) throws(ConfigError) {
        let outputs = outputs(of: pipeline, paths: paths)
        guard pipeline.lastOutputPath != nil else {
            throw ConfigError("\(pipeline.file): no stage writes the documents anywhere, so a run would process them and lose "
                + "them; add '- use: export' with a path")
        }
        var seen: [String: Output] = [:]
        let inputSet = Set(inputs.filter { $0 != "-" }.map(identity))
        for output in outputs {
            let where_ = output.role + (output.position.map { " (\($0))" } ?? "")
            guard !output.path.isEmpty else { throw ConfigError("\(where_) is an empty path; give a file name", at: output.position) }
            if let descriptor = AtomicFile.standardDescriptor(output.path) {
                let key = "descriptor \(descriptor)"
                if let earlier = seen[key] {
                    let name = descriptor == 1 ? "stdout ('-', /dev/stdout)" : "descriptor \(descriptor)"
                    throw ConfigError("\(where_) and \(earlier.role) both write to \(name); give one a file", at: output.position)
                }
                seen[key] = output
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ConfigError("\(where_) is \(output.path), an existing directory; give a file path inside it", at: output.position)
            }
            let key = identity(output.path)
            if let earlier = seen[key] {
                throw ConfigError("\(where_) and \(earlier.role) would both write \(output.path); give them different paths", at: output.position)
            }
            if inputSet.contains(key) {
                throw ConfigError("\(where_) is \(output.path), which is also an input of this run: writing it would destroy the input; "
                    + "choose another output path", at: output.position)
            }
            seen[key] = output
        }
    }

    /// A path's identity: the real path of an existing file (links and `..` resolved), else the absolute,
    /// standardised path.
    static func identity(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
