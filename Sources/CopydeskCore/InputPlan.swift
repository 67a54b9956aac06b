import Foundation

/// One file to read, with its resolved format.
public struct InputFile: Sendable, Equatable {
    /// The path as the user wrote it (joined with directory entries), or `-` for standard input.
    public var path: String
    public var format: InputOptions.Format

    public init(path: String, format: InputOptions.Format) {
        self.path = path
        self.format = format
    }
}

/// The expanded list of input files: directories walked recursively in sorted order, and the files
/// that were passed over with the reason (reported, never silently ignored).
public struct InputPlan: Sendable {
    public var files: [InputFile] = []
    public var skipped: [(path: String, reason: String)] = []

    /// Expands `paths`. A missing path, or inputs that yield no readable file, is an error (exit 66).
    public static func expand(_ paths: [String], format: InputOptions.Format) throws(InputError) -> InputPlan {
        var plan = InputPlan()
        guard !paths.isEmpty else {
            throw InputError(.notFound, "no input given: set input.paths in the pipeline file or pass --input PATH")
        }
        for path in paths {
            if path == "-" {
                plan.files.append(InputFile(path: "-", format: format == .auto ? .jsonl : format))
                continue
            }
            var status = stat()
            guard stat(path, &status) == 0 else {
                let reason = errno == ENOENT ? "no such file or directory" : String(cString: strerror(errno))
                throw InputError(.notFound, "input not found: \(path): \(reason)")
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                let before = plan.files.count
                plan.walk(directory: path, format: format)
                if plan.files.count == before {
                    let others = plan.skipped.filter { $0.path.hasPrefix(path) }.count
                    throw InputError(.notFound, "no input documents in directory \(path): found no .txt, .html, .htm (or .gz of them), .jsonl or .ndjson files"
                        + (others > 0 ? " (\(others) other file\(others == 1 ? "" : "s") skipped)" : "")
                        + "; check the path or set input.format")
                }
            } else {
                plan.files.append(InputFile(path: path, format: format == .auto ? (Self.format(ofPath: path) ?? .auto) : format))
            }
        }
        return plan
    }

    /// The format implied by a file name's extension, or `nil` when it is not one copydesk reads.
    public static func format(ofPath path: String) -> InputOptions.Format? {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if name.lowercased().hasSuffix(".gz") {
            name.removeLast(3)
            // Compressed one-document files are read whole; compressed JSONL streams are not supported yet.
            guard let inner = format(ofPath: name), inner != .jsonl else { return nil }
            return inner
        }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "text": return .txt
        case "html", "htm", "xhtml": return .html
        case "jsonl", "ndjson": return .jsonl
        default: return nil
        }
    }

    private mutating func walk(directory: String, format: InputOptions.Format) {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            skipped.append((directory, "directory cannot be read: \(error.localizedDescription)"))
            return
        }
        for entry in entries {
            let path = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
            if entry.hasPrefix(".") {
                skipped.append((path, "hidden"))
                continue
            }
            var status = stat()
            guard lstat(path, &status) == 0 else {
                skipped.append((path, String(cString: strerror(errno))))
                continue
            }
            var kind = status.st_mode & S_IFMT
            if kind == S_IFLNK {
                var target = stat()
                guard stat(path, &target) == 0 else {
                    skipped.append((path, "broken symbolic link"))
                    continue
                }
                kind = target.st_mode & S_IFMT
                if kind == S_IFDIR {
                    skipped.append((path, "symbolic link to a directory (not followed)"))
                    continue
                }
            }
            if kind == S_IFDIR {
                walk(directory: path, format: format)
            } else if kind == S_IFREG {
                if format != .auto {
                    files.append(InputFile(path: path, format: format))
                } else if let detected = Self.format(ofPath: path) {
                    files.append(InputFile(path: path, format: detected))
                } else {
                    skipped.append((path, "unsupported file type (not .txt, .html, .htm, their .gz, .jsonl or .ndjson)"))
                }
            } else {
                skipped.append((path, "not a regular file"))
            }
        }
    }
}
