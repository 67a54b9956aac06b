/// One file to read, with its resolved format.
public struct InputFile: Sendable, Equatable {
    /// The path as the user wrote it (joined with directory entries), or `-` for standard input.
    public var path: String
    public var format: InputOptions.Format
    /// Why the file cannot be read (a manifest entry that does not exist): it becomes a rejection in order.
    public var problem: String?
    /// Where the bytes are read from when not at `path`: a local copy of a file that lives elsewhere (a
    /// distributed run's copy of an `hdfs://` file). Documents, rejections and messages still name `path`.
    public var copy: String?

    public init(path: String, format: InputOptions.Format, problem: String? = nil, copy: String? = nil) {
        self.path = path
        self.format = format
        self.problem = problem
        self.copy = copy
    }
}
