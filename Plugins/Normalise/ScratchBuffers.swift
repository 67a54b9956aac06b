/// Two byte buffers used in turn by the normaliser's passes: each pass reads the previous pass's
/// output and writes into the other buffer, so one text needs at most two allocations.
struct ScratchBuffers: ~Copyable {
    private var first: UnsafeMutableBufferPointer<UInt8>?
    private var second: UnsafeMutableBufferPointer<UInt8>?
    private var useFirst = true

    init() {}

    /// A buffer of at least `capacity` bytes that is not the one handed out by the previous call.
    mutating func next(capacity: Int) -> UnsafeMutablePointer<UInt8> {
        defer { useFirst.toggle() }
        if useFirst {
            return Self.ensure(&first, capacity)
        }
        return Self.ensure(&second, capacity)
    }

    private static func ensure(_ buffer: inout UnsafeMutableBufferPointer<UInt8>?, _ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        if let existing = buffer, existing.count >= capacity, let base = existing.baseAddress { return base }
        buffer?.deallocate()
        let fresh = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(capacity, 16))
        buffer = fresh
        return fresh.baseAddress!
    }

    deinit {
        first?.deallocate()
        second?.deallocate()
    }
}
