import Testing
@testable import Plots

@Suite struct PreparedSeriesTests {
    @Test func coloursFollowThePaletteAcrossBothAxes() {
        var chart = LineChart(title: "", xLabel: "", yLabel: "",
                              series: [Series(label: "a", x: [1], y: [1]),
                                       Series(label: "b", points: [(x: 1, y: 2)], color: "#123456")])
        chart.secondary = (label: "acc", series: [Series(label: "c", x: [1], y: [0.5])])
        let prepared = PreparedSeries.prepare(chart)
        #expect(prepared.map(\.label) == ["a", "b", "c (right axis)"])
        #expect(prepared.map(\.color) == [chartPalette[0], "#123456", chartPalette[2]])
        #expect(prepared.map(\.secondary) == [false, false, true])
        // Right-axis series are always dashed.
        #expect(prepared.map(\.dashed) == [false, false, true])
    }

    @Test func seriesBeyondThePaletteAreDashed() {
        let series = (0...chartPalette.count).map { Series(label: "\($0)", x: [1], y: [1], dashed: $0 == 1) }
        let prepared = PreparedSeries.prepare(LineChart(title: "", xLabel: "", yLabel: "", series: series))
        #expect(prepared.last?.color == chartPalette[0])
        #expect(prepared.map(\.dashed) == [false, true] + Array(repeating: false, count: chartPalette.count - 2) + [true])
    }

    @Test func markersForShortSeriesUnlessTheChartDecides() {
        let short = Series(label: "short", x: Array(repeating: 1, count: 80), y: Array(repeating: 1, count: 80))
        let long = Series(label: "long", x: Array(repeating: 1, count: 81), y: Array(repeating: 1, count: 81))
        var chart = LineChart(title: "", xLabel: "", yLabel: "", series: [short, long])
        #expect(PreparedSeries.prepare(chart).map(\.markers) == [true, false])
        chart.showsMarkers = true
        #expect(PreparedSeries.prepare(chart).map(\.markers) == [true, true])
        chart.showsMarkers = false
        #expect(PreparedSeries.prepare(chart).map(\.markers) == [false, false])
    }

    @Test func valuesForTheRangesSkipWhatCannotBeDrawn() {
        let series = PreparedSeries.prepare(LineChart(title: "", xLabel: "", yLabel: "", series: [
            Series(label: "s", x: [-1, 0, 2, .nan, 4, 5], y: [1, 2, .infinity, 4, 5, .nan]),
        ]))[0]
        // A point counts for the x axis only when it has a finite y too.
        #expect(series.drawableX == [-1, 0, 4])
        #expect(series.finiteY(where: { $0 > 0 }) == [5])
        #expect(series.finiteY(where: \.isFinite) == [1, 2, 5])
    }

    @Test func gapsSplitALineIntoPieces() {
        #expect(unbrokenPieces([1, 2, nil, 3, nil, nil, 4, 5, 6]) == [[1, 2], [3], [4, 5, 6]])
        #expect(unbrokenPieces([nil, 1, nil] as [Int?]) == [[1]])
        #expect(unbrokenPieces([nil, nil] as [Int?]).isEmpty)
        let nothing: [Int?] = []
        #expect(unbrokenPieces(nothing).isEmpty)
    }
}
