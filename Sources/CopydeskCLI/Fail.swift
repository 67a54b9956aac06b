import CopydeskCore
import Foundation

/// Prints `copydesk: error: …` to stderr and exits with the error's code.
func fail(_ error: CopydeskError) -> Never {
    FileHandle.standardError.write(Data("copydesk: \(error.message.hasPrefix("error") || error.message.contains(": error: ") ? "" : "error: ")\(error.message)\n".utf8))
    exit(error.exitCode)
}
