import ArgumentParser
import CopydeskCore
import CopydeskReport
import Foundation

extension CopydeskCommand {
    /// `copydesk report REPORT.json [--output PAGE.html]`
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a run report into an HTML page to read in a browser.",
            discussion: """
                The page shows the accounting and per-stage table of the run, why documents were dropped or
                rejected, the duplicate clusters with their canonical member, the most frequent entities of each
                type and the first documents, read from the report and the outputs it names.
                Example:
                  copydesk run pipelines/news.yaml && copydesk report out/news.report.json   # → out/news.report.html
                """)

        @Argument(help: "A run report (NAME.report.json) written by 'copydesk run'.")
        var report: String

        @Option(name: .shortAndLong, help: "Where to write the page (default: the report's path with .html instead of .json).")
        var output: String?

        func run() throws {
            guard FileManager.default.fileExists(atPath: report) else {
                fail(CopydeskError(exitCode: CopydeskError.noInput, message: "\(report) not found: give the NAME.report.json a run wrote"))
            }
            let destination = output ?? (report.hasSuffix(".json") ? String(report.dropLast(5)) : report) + ".html"
            do {
                let page = try ReportPage().render(reportPath: report)
                let file = try AtomicFile(path: destination)
                try file.write(page)
                try file.commit()
                FileHandle.standardError.write(Data("report page: \(destination)\n".utf8))
            } catch {
                fail(CopydeskError(error))
            }
        }
    }
}
