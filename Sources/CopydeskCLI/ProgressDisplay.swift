import CopydeskCore
import Foundation
import Logging

/// How `copydesk run` shows a run's progress: on a terminal a live line redrawn in place; otherwise
/// (nohup, cron, CI, a pipe) a log line every `interval` seconds, so progress shows in logs too.
/// Both give the documents through the pipeline, the megabytes read, documents per second and, when the
/// inputs' size is known, the share done and the time left.
struct ProgressDisplay {
    enum Mode {
        case live
        case log(interval: Double, logger: Logger)
    }

    let mode: Mode
    private var lastLog = 0.0

    init(mode: Mode) { self.mode = mode }

    /// Shows `progress` if it is time to.
    mutating func show(_ progress: RunProgress) {
        switch mode {
        case .live:
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.line(progress, separator: "  ")).utf8))
        case .log(let interval, let logger):
            guard progress.seconds - lastLog >= interval else { return }
            lastLog = progress.seconds
            logger.notice("progress: \(Self.line(progress, separator: ", "))")
        }
    }

    /// Clears the live line before the summary.
    func end(failed: Bool) {
        guard case .live = mode else { return }
        FileHandle.standardError.write(Data((failed ? "\n" : "\r\u{1B}[K").utf8))
    }

    /// `12345 documents, 12.3 MB, 456 docs/s, 45.0%, ETA 1m02s` while reading (the share and ETA when
    /// known), `finishing: 2345 of 100000 documents out, 9000 docs/s, 2.3%, ETA 10s` after.
    static func line(_ progress: RunProgress, separator: String) -> String {
        let megabytes = Double(max(progress.diskBytes, progress.bytes)) / 1_000_000
        let rate = "\(Int(progress.documentsPerSecond.rounded())) docs/s"
        var parts = progress.finishing
            ? ["finishing: \(progress.finished) of \(progress.documents) documents out", rate]
            : ["\(progress.settled) documents", String(format: "%.1f MB", megabytes), rate]
        if let fraction = progress.fraction {
            parts.append(String(format: "%.1f%%", fraction * 100))
            if let left = progress.secondsLeft { parts.append("ETA " + duration(left)) }
        }
        return parts.joined(separator: separator)
    }

    /// `42s`, `3m07s`, `2h05m`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60) }
        if whole >= 60 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return "\(whole)s"
    }
}
