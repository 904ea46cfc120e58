import Glibc
import Synchronization

/// A reusable barrier for a fixed team of threads whose phases last microseconds: a
/// waiting thread spins on an atomic generation count (a futex wake-up would cost more
/// than many phases), and after about `spinsBeforeYielding` polls yields its core at every
/// poll, so that a team member descheduled by other work on the machine gets it back.
public final class SpinBarrier: Sendable {
    public let count: Int
    private let arrived = Atomic<Int>(0)
    private let generation = Atomic<Int>(0)
    static let spinsBeforeYielding = 20_000

    public init(count: Int) {
        precondition(count >= 1)
        self.count = count
    }

    /// Returns once all `count` threads have called `wait` for this round. Everything a
    /// thread wrote before its call is visible to every thread after theirs.
    public func wait() {
        if count == 1 { return }
        let round = generation.load(ordering: .acquiring)
        if arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == count {
            arrived.store(0, ordering: .relaxed)
            generation.store(round &+ 1, ordering: .releasing)
            return
        }
        var polls = 0
        while generation.load(ordering: .acquiring) == round {
            polls += 1
            if polls > SpinBarrier.spinsBeforeYielding { sched_yield() }
        }
    }
}
