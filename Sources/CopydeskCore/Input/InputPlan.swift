import Foundation

/// The expanded list of input files: directories walked recursively in sorted order, and the files
/// that were passed over with the reason (reported, never silently ignored).
public struct InputPlan: Sendable {
    public var files: [InputFile] = []
    public var skipped: [(path: String, reason: String)] = []

    /// A plan of files already expanded (a distributed run's share of an earlier plan).
    public init(files: [InputFile] = []) { self.files = files }

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
            if path.hasPrefix("@") {
                try plan.readManifest(String(path.dropFirst()), format: format)
                continue
            }
            if Self.isPattern(path), !FileManager.default.fileExists(atPath: path) {
                let matches = Self.glob(path)
                guard !matches.isEmpty else {
                    throw InputError(.notFound, "input not found: the pattern \(path) matches no file")
                }
                for match in matches { try plan.add(match, format: format) }
                continue
            }
            try plan.add(path, format: format)
        }
        return plan
    }

    /// Whether a path is a glob pattern.
    static func isPattern(_ path: String) -> Bool {
        path.contains("*") || path.contains("?") || path.contains("[")
    }

    /// The files a glob pattern matches, sorted.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Adds the paths a manifest lists (one per line; blank lines and `#` comments ignored; relative
    /// paths are relative to the manifest's folder). Entries that do not exist become rejections.
    mutating func readManifest(_ manifest: String, format: InputOptions.Format) throws(InputError) {
        guard let data = FileManager.default.contents(atPath: manifest) else {
            throw InputError(.notFound, "input not found: manifest \(manifest) cannot be read")
        }
        let base = (manifest as NSString).deletingLastPathComponent
        for (number, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let path = line.hasPrefix("/") || base.isEmpty ? line : base + "/" + line
            if FileManager.default.fileExists(atPath: path) {
                try add(path, format: format)
            } else {
                files.append(InputFile(path: path, format: format, problem: "listed in manifest \(manifest) line \(number + 1) but not found"))
            }
        }
    }

    /// Adds a file or a directory (walked recursively). A missing path or a directory with nothing to read
    /// is an error (exit 66).
    mutating func add(_ path: String, format: InputOptions.Format) throws(InputError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno == ENOENT ? "no such file or directory" : String(cString: strerror(errno))
            throw InputError(.notFound, "input not found: \(path): \(reason)")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            files.append(InputFile(path: path, format: format == .auto ? (Self.format(ofPath: path) ?? .auto) : format))
            return
        }
        let before = files.count
        walk(directory: path, format: format)
        if files.count == before {
            let others = skipped.filter { $0.path.hasPrefix(path) }.count
            throw InputError(.notFound, "no input documents in directory \(path): found no .txt, .html, .htm, .jsonl, .ndjson or .warc files (plain, .gz or .zst)"
                + (others > 0 ? " (\(others) other file\(others == 1 ? "" : "s") skipped)" : "")
                + "; check the path or set input.format")
        }
    }

    /// The format implied by a file name's extension, or `nil` when it is not one copydesk reads.
    public static func format(ofPath path: String) -> InputOptions.Format? {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".gz", ".zst"] where name.lowercased().hasSuffix(suffix) {
            name.removeLast(suffix.count)
            return format(ofPath: name)
        }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "text": return .txt
        case "html", "htm", "xhtml": return .html
        case "jsonl", "ndjson": return .jsonl
        case "warc": return .warc
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
                    skipped.append((path, "unsupported file type (not .txt, .html, .htm, .jsonl, .ndjson, .warc or their .gz/.zst)"))
                }
            } else {
                skipped.append((path, "not a regular file"))
            }
        }
    }
}
