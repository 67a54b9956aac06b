import Foundation

/// A process as a later run can recognise it: its id and its start time (clock ticks after boot, from
/// `/proc/<pid>/stat`), so that a reused id is not mistaken for the process that wrote a file. Temporary
/// outputs and commit journals carry it in their names or contents.
public struct ProcessStamp: Sendable, Hashable, CustomStringConvertible {
    public var pid: Int32
    /// Start time in clock ticks after boot; 0 where `/proc` is missing (then only the id is compared).
    public var start: UInt64

    public init(pid: Int32, start: UInt64) {
        self.pid = pid
        self.start = start
    }

    /// This process.
    public static func current() -> ProcessStamp {
        let pid = getpid()
        return ProcessStamp(pid: pid, start: startTime(of: pid) ?? 0)
    }

    /// Whether the process that made this stamp still runs (same id and same start time).
    public var isRunning: Bool {
        if let start = Self.startTime(of: pid) { return self.start == 0 || start == self.start }
        if FileManager.default.fileExists(atPath: "/proc/self/stat") { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// `<pid>-<start>`, as used in file names.
    public var description: String { "\(pid)-\(start)" }

    /// Parses `<pid>-<start>`, or a bare `<pid>` (names written by earlier versions; start unknown).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let pid = Int32(parts[0]), pid > 0 else { return nil }
        guard let start = parts.count == 2 ? UInt64(parts[1]) : 0 else { return nil }
        self.init(pid: pid, start: start)
    }

    /// Field 22 of `/proc/<pid>/stat` (after the parenthesised command name, which may hold spaces).
    static func startTime(of pid: Int32) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let close = data.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        let fields = data[(close + 1)...].split(separator: UInt8(ascii: " "))
        // Fields after the name start at field 3 (state); start time is field 22.
        guard fields.count > 19 else { return nil }
        return UInt64(String(decoding: fields[19], as: UTF8.self))
    }
}
