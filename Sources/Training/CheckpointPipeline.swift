import Dispatch
import NeuralNetworks
import Platform
import Synchronization

/// The run's second thread. It does checkpoint work (evaluation, probe activations,
/// compression and writing), in order, while training goes on; between checkpoints it can
/// join the training loop as a `TrainingTeam` and take part 1 of every step.
///
/// On two cores that is the fastest arrangement we measured: while a checkpoint is
/// written, the loop trains alone on the other core (its results do not depend on the
/// thread count, see `PerceptronStep`), and both cores train the rest of the time.
final class CheckpointPipeline: Sendable {
    private let queue = DispatchQueue(label: "local-rank.checkpoints")
    private let group = DispatchGroup()
    private let firstError = Locked<(any Error)?>(nil)
    private let latestMetrics = Locked<[String: Double]>([:])
    /// Checkpoints submitted and not yet finished.
    private let pending = Atomic<Int>(0)

    /// Queues `work`, which returns the checkpoint's metrics. After a failure, later work is skipped.
    func submit(_ work: @escaping @Sendable () throws -> [String: Double]) {
        pending.add(1, ordering: .relaxed)
        queue.async(group: group) { [self] in
            defer { pending.subtract(1, ordering: .releasing) }
            guard firstError.withLock({ $0 == nil }) else { return }
            do {
                let metrics = try work()
                latestMetrics.withLock { $0 = metrics }
            } catch {
                firstError.withLock { $0 = error }
            }
        }
    }

    /// Whether no checkpoint is waiting or being written: the thread is free to train.
    var isIdle: Bool { pending.load(ordering: .acquiring) == 0 }

    /// Starts a team whose thread 1 is this pipeline's thread; it trains until `leave`.
    func startTeam(_ step: PerceptronStep) -> TrainingTeam {
        let team = TrainingTeam(step: step)
        queue.async(group: group) { team.serve() }
        return team
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

/// Two threads taking the steps of one `PerceptronStep`: the training loop (thread 0)
/// and the pipeline's thread (thread 1), which spins between steps. A step starts when
/// both meet at the barrier; the loop prepares it first.
final class TrainingTeam: Sendable {
    let step: PerceptronStep
    let barrier = SpinBarrier(count: PerceptronStep.partCount)
    private let leaving = Atomic<Bool>(false)

    init(step: PerceptronStep) { self.step = step }

    /// Thread 1's loop, until the training loop leaves.
    fileprivate func serve() {
        while true {
            barrier.wait()
            if leaving.load(ordering: .acquiring) { return }
            _ = step.run(thread: 1, threads: PerceptronStep.partCount, barrier: barrier)
        }
    }

    /// Thread 0's share of the step prepared in `step`; returns the loss.
    func run() -> Double {
        barrier.wait()
        return step.run(thread: 0, threads: PerceptronStep.partCount, barrier: barrier)
    }

    /// Sends thread 1 back to the pipeline. Its last step is complete when this returns.
    func leave() {
        leaving.store(true, ordering: .releasing)
        barrier.wait()
    }
}

/// Whether the training loop should use its team (two threads) or train alone, decided by
/// timing both. On an idle machine the team is faster; when other programs keep one core
/// busy, two threads in lock step wait for each other's turns and one thread is faster.
/// Steps are timed in windows of `window` seconds; the faster way is kept, and the other
/// tried for one window after `probeAfter` seconds, an interval that doubles (up to
/// `longestInterval`) while the choice holds and restarts at `shortestInterval` when it
/// changes. Results do not depend on the choice (see `PerceptronStep`), only the speed.
struct TeamChoice {
    static let window = 0.1, shortestInterval = 0.5, longestInterval = 32.0
    /// The way the next steps should take.
    private(set) var usesTeam = true
    private var prefersTeam = true
    private var rates: [Bool: Double] = [:]
    private var windowSteps = 0, windowSeconds = 0.0
    private var sinceProbe = 0.0, probeAfter = TeamChoice.shortestInterval

    /// Counts a step of `seconds` taken the way `usesTeam` said.
    mutating func record(seconds: Double) {
        windowSteps += 1
        windowSeconds += seconds
        guard windowSeconds >= TeamChoice.window else { return }
        rates[usesTeam] = Double(windowSteps) / windowSeconds
        windowSteps = 0
        windowSeconds = 0
        if usesTeam != prefersTeam {
            let choice = (rates[true] ?? 0) >= (rates[false] ?? 0)
            probeAfter = choice == prefersTeam ? min(probeAfter * 2, TeamChoice.longestInterval) : TeamChoice.shortestInterval
            prefersTeam = choice
            usesTeam = choice
            sinceProbe = 0
        } else {
            sinceProbe += TeamChoice.window
            if sinceProbe >= probeAfter { usesTeam = !prefersTeam }
        }
    }
}

/// Carries a value into the pipeline's closure. The training loop keeps its own copy and
/// never shares mutable state with it: Swift's arrays are copied on write.
struct Snapshot<Value>: @unchecked Sendable {
    let value: Value
}
