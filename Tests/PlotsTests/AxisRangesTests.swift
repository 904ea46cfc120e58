import Testing
@testable import Plots

private func ranges(_ chart: LineChart) -> AxisRanges {
    AxisRanges(chart: chart, series: PreparedSeries.prepare(chart))
}

private func chart(_ series: [Series], xScale: AxisScale = .linear) -> LineChart {
    LineChart(title: "", xLabel: "", yLabel: "", xScale: xScale, series: series)
}

@Suite struct AxisRangesTests {
    @Test func linearXSpansTheDataAndTheMarks() {
        var c = chart([Series(label: "s", x: [2, 5, .nan, 9], y: [1, 1, 1, .nan])])
        // x = 9 has no finite y, so it is not drawn and does not widen the axis.
        #expect(ranges(c).x == (2, 5))
        c.verticalMarks = [(x: 11, label: "m"), (x: .infinity, label: "never")]
        #expect(ranges(c).x == (2, 11))
        #expect(ranges(c).notes.isEmpty)
    }

    @Test func logXKeepsZeroInASlotAndNotesNegatives() {
        let r = ranges(chart([Series(label: "s", x: [-3, -1, 0, 10, 1000], y: [1, 2, 3, 4, 5])], xScale: .logarithmic))
        #expect(r.xScale == .logarithmic && r.zeroSlot)
        #expect(r.x == (10, 1000))
        #expect(r.notes == ["2 points with x < 0 not shown (log axis)"])
        #expect(r.placesX(0) && r.placesX(10) && !r.placesX(-1) && !r.placesX(.nan))
    }

    @Test func logXWithoutPositiveValuesFallsBackToLinear() {
        let r = ranges(chart([Series(label: "s", x: [-1, 0], y: [1, 2])], xScale: .logarithmic))
        #expect(r.xScale == .linear && !r.zeroSlot)
        #expect(r.x == (-1, 0))
        #expect(r.notes == ["no positive x values: linear x axis"])
        // Without any data there is nothing to explain.
        #expect(ranges(chart([], xScale: .logarithmic)).notes.isEmpty)
        // A positive mark is enough to keep the log axis.
        var marked = chart([Series(label: "s", x: [0], y: [1])], xScale: .logarithmic)
        marked.verticalMarks = [(x: 100, label: "m")]
        #expect(ranges(marked).xScale == .logarithmic)
    }

    @Test func yCountsOnlyPointsTheXAxisCanPlace() {
        let r = ranges(chart([Series(label: "s", x: [-1, 1, 10], y: [1000, 40, 50])], xScale: .logarithmic))
        #expect(r.y == linearValueDomain([40, 50]))
    }

    @Test func logYLeavesOutNonPositiveValuesWithANote() {
        var c = chart([Series(label: "s", x: [1, 2, 3, 4], y: [0.01, 0, -5, 10])])
        c.yScale = .logarithmic
        c.note = "from run.h5"
        let r = ranges(c)
        #expect(r.y == logarithmicDomain([0.01, 10], pad: 0.05))
        #expect(r.notes == ["2 points with y ≤ 0 not shown (log axis)", "from run.h5"])
    }

    @Test func fixedRangesApplyWhenUsable() {
        var c = chart([Series(label: "s", x: [1, 2], y: [3, 4])])
        c.yRange = -1...2
        #expect(ranges(c).y == (-1, 2))
        c.yRange = 5...5
        #expect(ranges(c).y == linearValueDomain([3, 4]))
        c.yScale = .logarithmic
        c.yRange = 0...10
        #expect(ranges(c).y == logarithmicDomain([3, 4], pad: 0.05))
        #expect(AxisRanges.valueDomain([], scale: .linear, fixed: -Double.infinity...0) == (0, 1))
    }

    @Test func theSecondaryAxisHasItsOwnInterval() {
        var c = chart([Series(label: "rank", x: [1, 2], y: [100, 200])])
        #expect(ranges(c).secondary == nil)
        c.secondary = (label: "acc", series: [Series(label: "acc", x: [1, 2, 3], y: [0.5, 0.9, .nan])])
        let r = ranges(c)
        #expect(r.secondary.map { $0 == linearValueDomain([0.5, 0.9]) } == true)
        #expect(r.y == linearValueDomain([100, 200]))
        c.secondaryRange = 0...1
        #expect(ranges(c).secondary.map { $0 == (0, 1) } == true)
    }

    @Test func marksAtZeroOrOutsideALogAxisAreNotShown() {
        var c = chart([Series(label: "s", x: [0, 1, 100], y: [1, 2, 3])], xScale: .logarithmic)
        c.verticalMarks = [(x: 0, label: "zero"), (x: -1, label: "negative"), (x: 10, label: "ten"), (x: .nan, label: "nan")]
        #expect(ranges(c).visibleMarks(c.verticalMarks).map(\.label) == ["ten"])
        c.xScale = .linear
        #expect(ranges(c).visibleMarks(c.verticalMarks).map(\.label) == ["zero", "negative", "ten"])
    }
}
