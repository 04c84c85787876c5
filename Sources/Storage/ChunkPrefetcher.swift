import Foundation

/// Maps `items` chunk by chunk on a thread of its own, a few chunks ahead of the caller, who takes
/// the chunks in order with `chunk(_:)`. An import prepares the search keys of the next children
/// (pinyin, identity keys: pure work) while the caller's thread writes the previous ones to SQLite,
/// so on a machine with two cores the preparation costs no time of its own.
///
/// Hand-written because Foundation's `concurrentPerform` runs all chunks before returning and
/// Swift's structured concurrency would mean making the database writer async; this is one
/// producer, one consumer and a condition variable. Call `cancel()` when done (a `defer`): it stops
/// the producer at its next chunk, so a failed import does not leave it running.
final class ChunkPrefetcher<Output>: @unchecked Sendable {
    let chunkSize: Int
    let chunkCount: Int
    private let condition = NSCondition()
    private var ready: [Int: [Output]] = [:]
    private var cancelled = false

    /// `transform` runs on the prefetching thread; it must not touch the caller's state.
    init<Input>(_ items: [Input], chunkSize: Int = 2048, ahead: Int = 4, transform: @escaping (ArraySlice<Input>) -> [Output]) {
        self.chunkSize = chunkSize
        chunkCount = (items.count + chunkSize - 1) / chunkSize
        let count = chunkCount
        let thread = Thread { [self] in
            for k in 0..<count {
                condition.lock()
                while ready.count >= ahead, !cancelled { condition.wait() }
                let stop = cancelled
                condition.unlock()
                if stop { return }
                let output = transform(items[k * chunkSize..<min(items.count, (k + 1) * chunkSize)])
                condition.lock()
                ready[k] = output
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The outputs of chunk `k` (items `k * chunkSize ..< (k + 1) * chunkSize`), waiting for them
    /// if need be. Each chunk is taken once, in order.
    func chunk(_ k: Int) -> [Output] {
        condition.lock()
        defer { condition.unlock() }
        while ready[k] == nil { condition.wait() }
        let output = ready.removeValue(forKey: k)!
        condition.broadcast()
        return output
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
