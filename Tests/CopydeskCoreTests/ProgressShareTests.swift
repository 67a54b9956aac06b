@testable import CopydeskCore
import Testing

/// The share and ETA a progress line shows (issue #15: it said 100% with 1,300 documents to go).
@Suite("progress share")
struct ProgressShareTests {
    @Test("every byte read but documents still in batches: the share is below 100% by those documents")
    func inFlight() throws {
        let progress = RunProgress(documents: 10_000, settled: 8_700, finished: 8_700, bytes: 1_000, seconds: 10, diskBytes: 1_000, diskTotal: 1_000)
        #expect(try #require(progress.fraction) == 0.87)
        #expect(try #require(progress.secondsLeft) > 1)
    }

    @Test("half the input handed out and all of it through: 50%; the ETA follows the rate so far")
    func half() throws {
        let progress = RunProgress(documents: 500, settled: 500, finished: 500, bytes: 500, seconds: 20, diskBytes: 500, diskTotal: 1_000)
        #expect(try #require(progress.fraction) == 0.5)
        #expect(try #require(progress.secondsLeft) == 20)
        #expect(progress.documentsPerSecond == 25)
    }

    @Test("finishing (a corpus-wide stage emitting what it held): the share of documents out, the ETA from the finishing rate")
    func finishing() throws {
        var progress = RunProgress(documents: 1_000, settled: 1_000, finished: 250, bytes: 1, seconds: 100, diskBytes: 1, diskTotal: 1)
        progress.finishing = true
        progress.finishingSeconds = 10
        #expect(try #require(progress.fraction) == 0.25)
        #expect(try #require(progress.secondsLeft) == 30)
        #expect(progress.documentsPerSecond == 25)
    }

    @Test("stdin (size unknown): no share and no ETA while reading")
    func unknownSize() {
        let progress = RunProgress(documents: 10, settled: 5, finished: 5, bytes: 1, seconds: 5, diskBytes: 1, diskTotal: nil)
        #expect(progress.fraction == nil && progress.secondsLeft == nil)
    }

    @Test("bytes read ahead into a buffer are not counted as handed out, compressed or not")
    func readAhead() {
        #expect(InputReader.handedOut(consumed: 1_048_576, read: 1_048_576, buffered: 524_288) == 524_288)
        // gzip: 100 compressed bytes gave 400; 100 of them are still buffered.
        #expect(InputReader.handedOut(consumed: 100, read: 400, buffered: 100) == 75)
        #expect(InputReader.handedOut(consumed: 0, read: 0, buffered: 0) == 0)
    }
}
