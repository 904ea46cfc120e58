import LocalRank

extension CheckpointSelection {
    /// The steps and ranges `--checkpoints` named that match none of `steps` (a run's).
    func unmatched(in steps: [Int]) -> [ClosedRange<Int>] {
        guard case .steps(let ranges) = self else { return [] }
        return ranges.filter { range in !steps.contains { range.contains($0) } }
    }

    /// Whether nothing `--checkpoints` named is among `steps`.
    func matchesNothing(in steps: [Int]) -> Bool {
        guard case .steps(let ranges) = self else { return false }
        return unmatched(in: steps).count == ranges.count
    }
}

/// Steps asked for with `--checkpoints` that the runs do not have, told with the steps
/// nearest to each and the range the runs' checkpoints span.
struct UnmatchedCheckpoints: Error, CustomStringConvertible {
    /// The run file, or for grouped runs how many there are.
    var subject: Subject
    enum Subject { case run(String), runs(Int) }
    var unmatched: [ClosedRange<Int>]
    /// The checkpoints' steps, ascending (of every run, for grouped runs).
    var steps: [Int]

    var description: String {
        let parts = unmatched.map { range in
            range.count == 1 ? "step \(range.lowerBound)\(nearest(range.lowerBound))" : "steps \(range.lowerBound)-\(range.upperBound)"
        }
        guard let first = steps.first, let last = steps.last else { return "no checkpoint has been written yet" }
        let span = "\(first)…\(last)"
        switch subject {
        case .run(let file):
            return "\(file) has no checkpoint at \(parts.joined(separator: ", ")); its \(steps.count) checkpoints span steps \(span)"
        case .runs(let count):
            return "none of the \(count) runs has a checkpoint at \(parts.joined(separator: ", ")); their checkpoints span steps \(span)"
        }
    }

    /// " (nearest: 900, 1100)": the closest steps below and above.
    private func nearest(_ step: Int) -> String {
        let neighbours = [steps.last { $0 < step }, steps.first { $0 > step }].compactMap { $0 }
        return neighbours.isEmpty ? "" : " (nearest: \(neighbours.map(String.init).joined(separator: ", ")))"
    }
}

extension RankOptions {
    /// Fails when `--checkpoints` names no step of `steps`; notes the steps it names that are
    /// missing when others are there.
    func checkRequestedSteps(in steps: [Int], subject: UnmatchedCheckpoints.Subject) throws {
        let unmatched = selection.unmatched(in: steps)
        guard !unmatched.isEmpty else { return }
        let problem = UnmatchedCheckpoints(subject: subject, unmatched: unmatched, steps: steps)
        if selection.matchesNothing(in: steps) { throw problem }
        tool.note("\(problem); the others are analyzed")
    }
}
