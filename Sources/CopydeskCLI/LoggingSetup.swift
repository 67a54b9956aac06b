import Logging

/// Sends logs to stderr once per process; stdout carries records only.
enum LoggingSetup {
    static func bootstrap(verbose: Bool) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .notice
            return handler
        }
        return Logger(label: "copydesk")
    }
}
