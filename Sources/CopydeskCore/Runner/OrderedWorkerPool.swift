import Foundation

/// A fixed set of worker threads that apply one function to numbered inputs and hand the results back
/// in input order. The caller bounds memory by limiting how many inputs it submits before taking results.
final class OrderedWorkerPool<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    /// Submitted work; entries are cleared (`nil`) as soon as a worker takes them, so consumed
    /// batches are never kept alive by the queue.
    private var queue: [(Int, Input)?] = []
    private var queueHead = 0
    private var results: [Int: Output] = [:]
    private var closed = false
    private var running = 0
    private let work: @Sendable (Input) -> Output

    init(workers: Int, stackSize: Int = 16 << 20, work: @escaping @Sendable (Input) -> Output) {
        self.work = work
        for index in 0..<max(1, workers) {
            let thread = Thread { [self] in self.loop() }
            thread.stackSize = stackSize
            thread.name = "copydesk-worker-\(index)"
            running += 1
            thread.start()
        }
    }

    /// Queues input number `sequence`.
    func submit(_ sequence: Int, _ input: Input) {
        condition.lock()
        queue.append((sequence, input))
        condition.signal()
        condition.unlock()
    }

    /// Waits for and removes the result of input number `sequence`.
    func take(_ sequence: Int) -> Output {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = results.removeValue(forKey: sequence) { return result }
            condition.wait()
        }
    }

    /// Stops the workers once the queue is empty and waits for them to exit.
    func shutdown() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while queueHead == queue.count && !closed { condition.wait() }
            if queueHead == queue.count {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let (sequence, input) = queue[queueHead]!
            queue[queueHead] = nil
            queueHead += 1
            if queueHead > 1024, queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let output = work(input)
            condition.lock()
            results[sequence] = output
            condition.broadcast()
            condition.unlock()
        }
    }
}
