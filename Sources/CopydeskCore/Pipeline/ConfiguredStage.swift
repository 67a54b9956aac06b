/// One stage entry of a pipeline file: which stage, with which decoded options.
public struct ConfiguredStage: Sendable {
    public var descriptor: StageDescriptor
    public var options: StageOptions
    /// Where the entry starts in the pipeline file.
    public var position: FilePosition?

    public init(descriptor: StageDescriptor, options: StageOptions, position: FilePosition? = nil) {
        self.descriptor = descriptor
        self.options = options
        self.position = position
    }

    /// The options that are output paths (see ``OptionSpec/Role/outputPath``).
    public var outputOptionNames: [String] {
        descriptor.options.filter { $0.role == .outputPath }.map(\.name)
    }

    /// The names of the options that name files the stage rewrites across runs (an index).
    public var statePathOptionNames: [String] {
        descriptor.options.filter { $0.role == .statePath }.map(\.name)
    }
}
