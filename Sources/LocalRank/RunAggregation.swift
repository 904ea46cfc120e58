/// Mean, standard deviation and count of one quantity over the runs of a group (seeds).
public struct AcrossRuns: Sendable, Equatable {
    public var mean: Double
    /// The sample standard deviation (n − 1); nil for a single run, which has no spread.
    public var standardDeviation: Double?
    public var count: Int

    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        count = finite.count
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        guard finite.count > 1 else {
            standardDeviation = nil
            return
        }
        let mean = self.mean
        standardDeviation = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)).squareRoot()
    }
}

/// One step of a group of runs: each measure and metric over the runs that have a
/// checkpoint at that step.
public struct AggregatedCheckpoint: Sendable {
    public var step: Int
    /// Runs with a finite checkpoint at this step.
    public var runCount: Int
    /// `measures[t][l]`: the per-run means of the measure at threshold t and layer l, across runs.
    public var measures: [[AcrossRuns]]
    public var metrics: [String: AcrossRuns]
}

/// One run's checkpoint as `RunAggregation` reads it: its step, metrics, and a value per
/// row (a threshold, or an estimate) and layer.
public protocol CheckpointValues {
    var step: Int { get }
    var isFinite: Bool { get }
    var metrics: [String: Double] { get }
    func value(row: Int, layer: Int) -> Double
}

extension AnalyzedCheckpoint: CheckpointValues {
    /// The measure's mean over the probe inputs at threshold `row`.
    public func value(row: Int, layer: Int) -> Double { summary(threshold: row, layer: layer).mean }
}

public enum RunAggregation {
    /// The checkpoints of several runs of one setting (their seeds), aligned by training
    /// step rather than by position: runs whose schedules differ contribute to the steps
    /// they have. Non-finite checkpoints are left out. `measures[t][l]` of the result holds
    /// row t's values (`thresholds` rows).
    public static func aggregate<Checkpoint: CheckpointValues>(_ runs: [[Checkpoint]], thresholds: Int, layers: Int) -> [AggregatedCheckpoint] {
        var byStep = [Int: [Checkpoint]]()
        for run in runs {
            for checkpoint in run where checkpoint.isFinite { byStep[checkpoint.step, default: []].append(checkpoint) }
        }
        return byStep.keys.sorted().map { step in
            let present = byStep[step]!
            let measures = (0..<thresholds).map { t in
                (0..<layers).map { l in AcrossRuns(present.map { $0.value(row: t, layer: l) }) }
            }
            let names = Set(present.flatMap(\.metrics.keys))
            let metrics = Dictionary(uniqueKeysWithValues: names.map { name in
                (name, AcrossRuns(present.compactMap { $0.metrics[name] }))
            })
            return AggregatedCheckpoint(step: step, runCount: present.count, measures: measures, metrics: metrics)
        }
    }
}
