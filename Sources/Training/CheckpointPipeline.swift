import Dispatch
import Platform

/// Runs checkpoint work (evaluation, probe activations, compression and writing) on a
/// second thread, in order, while training goes on: on two cores a checkpoint then costs
/// the training loop only the copy of its state.
final class CheckpointPipeline: Sendable {
    private let queue = DispatchQueue(label: "local-rank.checkpoints")
    private let group = DispatchGroup()
    private let firstError = Locked<(any Error)?>(nil)
    private let latestMetrics = Locked<[String: Double]>([:])

    /// Queues `work`, which returns the checkpoint's metrics. After a failure, later work is skipped.
    func submit(_ work: @escaping @Sendable () throws -> [String: Double]) {
        queue.async(group: group) { [self] in
            guard firstError.withLock({ $0 == nil }) else { return }
            do {
                let metrics = try work()
                latestMetrics.withLock { $0 = metrics }
            } catch {
                firstError.withLock { $0 = error }
            }
        }
    }

    /// The first failure so far, to stop training early.
    var failure: (any Error)? { firstError.withLock { $0 } }

    /// Waits for every queued checkpoint, whatever happened.
    func drain() { group.wait() }

    /// Waits for every queued checkpoint; rethrows the first failure.
    func finish() throws -> [String: Double] {
        group.wait()
        if let error = failure { throw error }
        return latestMetrics.withLock { $0 }
    }
}

/// Carries a value into the pipeline's closure. The training loop keeps its own copy and
/// never shares mutable state with it: Swift's arrays are copied on write.
struct Snapshot<Value>: @unchecked Sendable {
    let value: Value
}
