/// Collects what a corpus-wide stage passes on during one call.
struct CollectingOutput: CorpusOutput {
    enum Event {
        case emit(Document)
        case drop(Document, String)
        case reject(Document, String)
    }

    var events: [Event] = []

    mutating func emit(_ document: Document) { events.append(.emit(document)) }
    mutating func drop(_ document: Document, reason: String) { events.append(.drop(document, reason)) }
    mutating func reject(_ document: Document, reason: String) { events.append(.reject(document, reason)) }
}
