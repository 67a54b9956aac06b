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
                One self-contained file (no network, no external script): what ran and when, charts of the time
                per stage, of documents in → out, dropped and rejected, of cluster sizes and similarities and of
                entities; why documents were dropped or rejected, with examples; the duplicate clusters with the
                canonical's title, expandable to their members; versions of a story side by side with shared
                passages highlighted; the documents with a snippet, paged and searchable by title.
                Outputs moved or deleted since the run are named in a warning and on the page.
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
                let rendered = try ReportPage().render(reportPath: report)
                for path in rendered.missingFiles {
                    FileHandle.standardError.write(Data(
                        "copydesk: warning: \(path) is named by the report but not there any more (moved or deleted since the run); the page leaves out what it held\n".utf8))
                }
                let file = try AtomicFile(path: destination)
                try file.write(rendered.page)
                try file.commit()
                FileHandle.standardError.write(Data("report page: \(destination)\n".utf8))
            } catch {
                fail(CopydeskError(error))
            }
        }
    }
}
