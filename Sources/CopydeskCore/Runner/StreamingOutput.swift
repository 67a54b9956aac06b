/// The output a corpus-wide stage's `finish` writes into: each document goes downstream as it is emitted,
/// so a stage that held a million documents never has them all in memory twice.
struct StreamingOutput: CorpusOutput {
    let execution: Execution
    let index: Int
    /// The first failure downstream; later events are ignored.
    var failure: CopydeskError?
    /// Time the downstream stages took, so the emitting stage is not charged for it.
    var downstreamWall = 0.0
    var downstreamCPU = 0.0

    mutating func emit(_ document: Document) { send(.emit(document)) }
    mutating func drop(_ document: Document, reason: String) { send(.drop(document, reason)) }
    mutating func reject(_ document: Document, reason: String) { send(.reject(document, reason)) }

    private mutating func send(_ event: CollectingOutput.Event) {
        guard failure == nil else { return }
        let t0 = StageClock.wall(), c0 = StageClock.threadCPU()
        do { try execution.forward(event, from: index) } catch { failure = error }
        downstreamWall += StageClock.wall() - t0
        downstreamCPU += StageClock.threadCPU() - c0
    }
}
