public import CopydeskCore

/// An in-memory source of documents (and rejections) for stage and runner tests: no files needed.
public struct MemorySource: DocumentSource {
    private var items: [InputItem]
    private var index = 0
    public private(set) var stats = InputStats()

    public init(_ documents: [Document]) {
        self.items = documents.map { .document($0) }
    }

    public init(items: [InputItem]) {
        self.items = items
    }

    public mutating func next() throws(InputError) -> InputItem? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        switch items[index] {
        case .document: stats.documents += 1
        case .rejected: stats.rejected += 1
        }
        return items[index]
    }
}
