import Dispatch
import Platform
import Synchronization

/// Runs tasks 0 ..< `count` on up to `threads` threads, handed out in order one at a time
/// (their costs differ), each thread with its own worker state (reused buffers).
enum ParallelTasks {
    /// The tasks' values in task order, or the first error in task order; nil when
    /// `shouldStop` returned true before every task was started.
    static func perform<Worker, Value: Sendable>(
        _ count: Int, threads: Int, shouldStop: @Sendable () -> Bool = { false },
        worker makeWorker: @Sendable () -> Worker, _ task: @Sendable (inout Worker, Int) throws -> Value
    ) throws -> [Value]? {
        let slots = Locked([Result<Value, any Error>?](repeating: nil, count: count))
        let handedOut = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            var worker = makeWorker()
            while !shouldStop() {
                let index = handedOut.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let result = Result { try task(&worker, index) }
                slots.withLock { $0[index] = result }
            }
        }
        let results = slots.withLock { $0 }
        if results.contains(where: { $0 == nil }) { return nil }
        return try results.map { try $0!.get() }
    }

    /// The values of tasks that cannot fail, run to the end, in task order.
    static func performAll<Worker, Value: Sendable>(
        _ count: Int, threads: Int, worker makeWorker: @Sendable () -> Worker,
        _ task: @Sendable (inout Worker, Int) -> Value
    ) -> [Value] {
        // Neither a throwing task nor a stop request: every slot is filled with a value.
        (try? perform(count, threads: threads, worker: makeWorker) { worker, index in task(&worker, index) }) ?? []
    }
}
