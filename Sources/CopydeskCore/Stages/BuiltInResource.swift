import Foundation

/// A data file a stage ships with (a model), found at run time without SwiftPM's `Bundle.module`, which
/// ends the process when the binary was copied away from its build.
public struct BuiltInResource: Sendable {
    /// The file's name (`entities.model`).
    public var fileName: String
    /// The SwiftPM resource bundle the file is copied into (`copydesk_Entities.resources`).
    public var bundleName: String
    /// The environment variable that names the file explicitly (`COPYDESK_ENTITIES_MODEL`).
    public var environmentVariable: String
    /// The file in the source tree the binary was built from.
    public var sourcePath: String

    /// A resource; `sourceDirectory` is the stage's source folder (pass `#filePath`'s folder), holding
    /// `Resources/<fileName>`.
    public init(fileName: String, bundleName: String, environmentVariable: String, sourceFile: String) {
        self.fileName = fileName
        self.bundleName = bundleName
        self.environmentVariable = environmentVariable
        sourcePath = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
            .appendingPathComponent("Resources/" + fileName).path
    }

    /// Where the file is looked for: the environment variable's path alone when it is set (a wrong path is
    /// an error, not a silent fallback); else, in order, the resource bundle SwiftPM builds next to the
    /// executable, `../share/copydesk/` beside the executable (an installed layout), and the source tree.
    public var locations: [String] {
        if let explicit = ProcessInfo.processInfo.environment[environmentVariable], !explicit.isEmpty { return [explicit] }
        let executableDirectory = Bundle.main.bundleURL
        return [
            executableDirectory.appendingPathComponent(bundleName + "/" + fileName).path,
            executableDirectory.deletingLastPathComponent().appendingPathComponent("share/copydesk/" + fileName).path,
            sourcePath,
        ]
    }

    /// The first of ``locations`` that exists, or `nil`.
    public var path: String? { locations.first { FileManager.default.fileExists(atPath: $0) } }

    /// What to tell the user when the file is not found.
    public var notFoundMessage: String {
        "the built-in \(fileName) was not found (looked in \(locations.joined(separator: ", "))): keep \(bundleName) next to "
            + "the copydesk binary, set \(environmentVariable) to the file, or give the stage a model: path"
    }
}
