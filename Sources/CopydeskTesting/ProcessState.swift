import Foundation

/// Whether process `pid` is gone (or a zombie nobody has reaped yet), waiting up to `seconds`: for tests
/// that check a child program does not outlive what started it.
public func processIsGone(_ pid: Int32, within seconds: Double = 3) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    repeat {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name in parentheses.
        if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
        usleep(20_000)
    } while Date() < deadline
    return false
}
