import Testing
@testable import LocalRank

@Suite struct FinalPhaseTrendTests {
    let steps = [0, 10, 100, 1000, 5000, 10_000]

    @Test func theFinalPhaseStartsAtATenthOfTheLastStep() throws {
        let trend = try #require(FinalPhaseTrend(steps: steps, values: [40, 35, 30, 20, 15, 12]))
        #expect(trend.phaseStep == 1000 && trend.phaseStart == 20 && trend.final == 12 && trend.change == -8)
        #expect(trend.verdict == .falls)
        #expect(FinalPhaseTrend(steps: steps, values: [40, 35, 30, 20, 22, 25])?.verdict == .rises)
    }

    /// A count changes when it moves by more than half a dimension and 1% of its start.
    @Test func smallChangesOfACountAreFlat() {
        #expect(FinalPhaseTrend(steps: steps, values: [9, 9, 9, 30, 30, 29.6])?.verdict == .flat, "0.4 < 0.5")
        #expect(FinalPhaseTrend(steps: steps, values: [9, 9, 9, 30, 30, 29.4])?.verdict == .falls, "0.6 > 0.5")
        #expect(FinalPhaseTrend(steps: steps, values: [9, 9, 9, 300, 300, 297.5])?.verdict == .flat, "2.5 < 1% of 300")
        #expect(FinalPhaseTrend(steps: steps, values: [7, 7.01, 7.02, 7.03, 7.04, 7.04])?.verdict == .constant, "range under 0.05")
    }

    /// A measure that is not a count (effective rank, a norm) has the 1% rule alone.
    @Test func aNonCountHasTheRelativeRuleAlone() {
        #expect(FinalPhaseTrend(steps: steps, values: [1, 1, 1, 1.0, 1.0, 0.98], isCount: false)?.verdict == .falls)
        #expect(FinalPhaseTrend(steps: steps, values: [1, 1, 1, 1.0, 1.0, 0.995], isCount: false)?.verdict == .flat)
        #expect(FinalPhaseTrend(steps: steps, values: [7, 7.01, 7.02, 7.03, 7.04, 7.04], isCount: false)?.verdict == .flat)
    }

    @Test func tooFewOrNonFiniteValuesHaveNoTrend() {
        #expect(FinalPhaseTrend(steps: [100], values: [3]) == nil)
        #expect(FinalPhaseTrend(steps: [0, 100], values: [3, .nan]) == nil)
        #expect(FinalPhaseTrend(steps: [0, 100, 200], values: [3, 4]) == nil)
        // Two checkpoints: the last is its own phase.
        #expect(FinalPhaseTrend(steps: [0, 100], values: [3, 9])?.phaseStep == 100)
    }
}

@Suite struct RunAggregationTests {
    func checkpoint(step: Int, rank: Double, finite: Bool = true, loss: Double? = nil) -> AnalyzedCheckpoint {
        AnalyzedCheckpoint(index: 0, step: step, metrics: loss.map { ["test_loss": $0] } ?? [:], isFinite: finite,
                           summaries: [[MeasureSummary(mean: rank, standardDeviation: 0)]])
    }

    @Test func acrossRunsIsTheMeanAndTheSampleStandardDeviation() {
        let three = AcrossRuns([2, 4, 9])
        #expect(three.mean == 5 && three.count == 3)
        #expect(three.standardDeviation == 13.0.squareRoot(), "((−3)² + (−1)² + 4²) / (3 − 1) = 13")
        #expect(AcrossRuns([4]).standardDeviation == nil && AcrossRuns([4]).mean == 4)
        let none = AcrossRuns([.nan])
        #expect(none.count == 0 && none.mean.isNaN && none.standardDeviation == nil)
        #expect(AcrossRuns([1, .infinity, 3]) == AcrossRuns([1, 3]), "non-finite values are left out")
    }

    /// Runs are aligned by training step, not position: each step counts the runs that have it.
    @Test func runsAreAlignedByStep() {
        let a = [checkpoint(step: 0, rank: 10, loss: 1), checkpoint(step: 100, rank: 6, loss: 0.5), checkpoint(step: 200, rank: 4)]
        let b = [checkpoint(step: 0, rank: 12, loss: 3), checkpoint(step: 200, rank: 5), checkpoint(step: 300, rank: 1, finite: false)]
        let aggregated = RunAggregation.aggregate([a, b], thresholds: 1, layers: 1)
        #expect(aggregated.map(\.step) == [0, 100, 200], "a step where the only checkpoint is not finite is left out")
        #expect(aggregated.map(\.runCount) == [2, 1, 2])
        #expect(aggregated.map { $0.measures[0][0].mean } == [11, 6, 4.5])
        #expect(aggregated[0].measures[0][0].standardDeviation == 2.0.squareRoot())
        #expect(aggregated[1].measures[0][0].standardDeviation == nil)
        #expect(aggregated[0].metrics["test_loss"] == AcrossRuns([1, 3]))
        #expect(aggregated[2].metrics.isEmpty)
    }
}

@Suite struct CheckpointSelectionTests {
    @Test func selectionsParse() {
        #expect(CheckpointSelection(parsing: "all") == .all)
        #expect(CheckpointSelection(parsing: "last") == .last)
        #expect(CheckpointSelection(parsing: "0,100,1000-5000") == .steps([0...0, 100...100, 1000...5000]))
        for bad in ["", "-5", "5-3", "a", "1-2-3", "1,b"] { #expect(CheckpointSelection(parsing: bad) == nil, "\(bad)") }
    }

    @Test func selectionsPickPositionsAmongARunsSteps() {
        let steps = [0, 10, 100, 1000, 10_000]
        #expect(CheckpointSelection.all.indices(in: steps) == [0, 1, 2, 3, 4])
        #expect(CheckpointSelection.last.indices(in: steps) == [4])
        #expect(CheckpointSelection.last.indices(in: []) == [])
        #expect(CheckpointSelection.steps([10...10, 500...20_000]).indices(in: steps) == [1, 3, 4])
        #expect(CheckpointSelection.steps([5...5]).indices(in: steps) == [])
    }
}
