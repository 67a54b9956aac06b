/// An error that ends a run, with the exit code of docs/design.md: 64 usage or pipeline file,
/// 65 bad input data (when asked to fail on it), 66 input not found, 74 I/O error.
public struct CopydeskError: Error, Sendable, CustomStringConvertible {
    public var exitCode: Int32
    public var message: String

    public init(exitCode: Int32, message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public static let usage: Int32 = 64
    public static let badData: Int32 = 65
    public static let noInput: Int32 = 66
    public static let ioError: Int32 = 74

    public init(_ error: ConfigError) {
        self.init(exitCode: Self.usage, message: error.description)
    }

    public init(_ error: InputError) {
        let code: Int32 = switch error.kind {
        case .notFound: Self.noInput
        case .io: Self.ioError
        case .badData: Self.badData
        }
        self.init(exitCode: code, message: error.message)
    }

    public init(_ error: StageError, stage: String? = nil) {
        let code: Int32 = switch error.kind {
        case .io: Self.ioError
        case .badData: Self.badData
        case .configuration: Self.usage
        }
        self.init(exitCode: code, message: (stage.map { "stage '\($0)': " } ?? "") + error.message)
    }

    public var description: String { message }
}
