import CopydeskTesting
import Foundation

/// Runs the built `copydesk` binary as a user would, from the package root.
enum CLI {
    /// The package root, found from this file's path (works in any clone).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `copydesk` executable built next to the test bundle.
    static let binary: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // The test runner is <build>/copydeskPackageTests.xctest (a file on Linux, a bundle on macOS).
        while !url.path.isEmpty, url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("copydesk").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
        }
        return root + "/.build/debug/copydesk"
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `copydesk` with `arguments`, optional stdin, in `directory` (default: the package root).
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: String = root, unprivileged: Bool = false, fileSizeLimit: Int? = nil
    ) throws -> Result {
        let process = Process()
        if let fileSizeLimit {
            // A size-limited output, like a tiny disk: prlimit sets RLIMIT_FSIZE for the child alone.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--fsize=\(fileSizeLimit)", binary] + arguments
        } else if unprivileged && geteuid() == 0 {
            // Root reads every file whatever its mode; run as nobody so permissions apply.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so neither can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() -> String {
        TestDirectory.make("e2e")
    }
}
