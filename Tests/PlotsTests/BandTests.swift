import Testing
@testable import Plots

/// The closed pieces of a path's `d` ("M1 2L3 4…Z"), as points.
private func closedPieces(_ d: String) -> [[Pixel]] {
    d.split(separator: "Z").map { piece in
        piece.split(whereSeparator: { $0 == "M" || $0 == "L" }).map { pair in
            let numbers = pair.split(separator: " ").map { Double($0)! }
            return Pixel(x: numbers[0], y: numbers[1])
        }
    }
}

private func meanAndStd(_ lower: [Double], _ upper: [Double], x: [Double]? = nil) -> LineChart {
    let x = x ?? (0..<lower.count).map(Double.init)
    let y = zip(lower, upper).map { ($0 + $1) / 2 }
    return LineChart(title: "", xLabel: "step", yLabel: "loss",
                     series: [Series(label: "mean ± std", x: x, y: y, band: .init(lower: lower, upper: upper))])
}

private func laidOut(_ chart: LineChart) -> (AxisRanges, ChartLayout) {
    let series = PreparedSeries.prepare(chart)
    let ranges = AxisRanges(chart: chart, series: series)
    return (ranges, ChartLayout(chart: chart, series: series, ranges: ranges))
}

@Suite struct BandTests {
    @Test func aBandFromCentreAndSpread() {
        let band = Series.Band(center: [1, 2, 3], spread: [0.5, 1])
        #expect(band.lower == [0.5, 1] && band.upper == [1.5, 3])
    }

    @Test func bandEndsAlignWithPointsAndMissingOnesAreGaps() {
        let series = Series(label: "s", x: [1, 2, 3], y: [1, 2, 3], band: .init(lower: [0, 1], upper: [2, 3, 4, 5]))
        let prepared = PreparedSeries.prepare(LineChart(title: "", xLabel: "", yLabel: "", series: [series]))[0]
        let band = try! #require(prepared.band)
        #expect(band.count == 3)
        #expect(band[0] == (0, 2) && band[1] == (1, 3))
        #expect(band[2].lower.isNaN && band[2].upper == 4)
    }

    @Test func theYRangeIncludesTheBand() {
        let (ranges, _) = laidOut(meanAndStd([-2, 1, 2], [4, 5, 9]))
        #expect(ranges.y == linearValueDomain([1, 3, 5.5, -2, 4, 1, 5, 2, 9]))
        #expect(ranges.y.lo < -2 && ranges.y.hi > 9)
        // Ends at x values the axis cannot place, or with a gap, do not count.
        var chart = meanAndStd([-50, 1, .nan], [100, 2, 70], x: [-1, 1, 2])
        chart.xScale = .logarithmic
        #expect(laidOut(chart).0.y == linearValueDomain([1.5, 1, 2]))
    }

    @Test func theXRangeIncludesPointsThatOnlyHaveABand() {
        let chart = LineChart(title: "", xLabel: "", yLabel: "", series: [
            Series(label: "s", x: [0, 1, 5], y: [1, 2, .nan], band: .init(lower: [0, 1, 3], upper: [2, 3, 4])),
        ])
        #expect(laidOut(chart).0.x == (0, 5))
    }

    @Test func theRightAxisIncludesItsSeriesBands() {
        var chart = LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "rank", x: [0, 1], y: [3, 4])])
        chart.secondary = (label: "acc", series: [Series(label: "acc", x: [0, 1], y: [0.5, 0.6],
                                                         band: .init(center: [0.5, 0.6], spread: [0.3, 0.3]))])
        let (ranges, _) = laidOut(chart)
        #expect(ranges.secondary.map { $0 == linearValueDomain([0.5, 0.6, 0.5 - 0.3, 0.5 + 0.3, 0.6 - 0.3, 0.6 + 0.3]) } == true)
        #expect(ranges.y == linearValueDomain([3, 4]))
    }

    @Test func aLogAxisLeavesOutBandPointsReachingZero() throws {
        var chart = meanAndStd([0.01, -0.5, 0.1, 0], [1, 2, 10, 3])
        chart.yScale = .logarithmic
        let (ranges, _) = laidOut(chart)
        #expect(ranges.y == logarithmicDomain([0.505, 0.75, 5.05, 1.5, 0.01, 1, 0.1, 10], pad: 0.05))
        #expect(ranges.notes == ["2 band points with an end ≤ 0 not shown (log axis)"])
        let svg = try parseSVG(chart.svg())
        let band = try #require(svg.all("path", class: "band").first?.attrs["d"])
        // Points 0 and 2 are left alone, each a narrow bar.
        #expect(closedPieces(band).map(\.count) == [4, 4])
    }

    @Test func theOutlineRunsAlongTheUpperEndsAndBackAlongTheLowerOnes() throws {
        let chart = meanAndStd([1, 2, 2], [3, 6, 4])
        let (_, layout) = laidOut(chart)
        let svg = try parseSVG(chart.svg())
        let path = try #require(svg.all("path", class: "band").first)
        #expect(path.attrs["fill"] == chartPalette[0] && path.attrs["fill-opacity"] == "0.2" && path.attrs["stroke"] == "none")
        #expect(path.attrs["data-label"] == "mean ± std")
        func pixel(_ x: Double, _ y: Double) -> Pixel {
            let p = layout.pixel(x: x, y: y, secondary: false)!
            return Pixel(x: Double(fmt(p.x))!, y: Double(fmt(p.y))!)
        }
        let expected = [pixel(0, 3), pixel(1, 6), pixel(2, 4), pixel(2, 2), pixel(1, 2), pixel(0, 1)]
        #expect(closedPieces(path.attrs["d"]!) == [expected])
    }

    @Test func gapsSplitTheBand() throws {
        let chart = meanAndStd([1, 1, .nan, 1, 1, 1, 2], [2, 3, 3, .infinity, 2, 3, 4])
        let (_, layout) = laidOut(chart)
        let d = try #require(try parseSVG(chart.svg()).all("path", class: "band").first?.attrs["d"])
        let pieces = closedPieces(d)
        #expect(pieces.map(\.count) == [4, 6])
        let x = { (value: Double) in Double(fmt(layout.x.map.position(value)!))! }
        #expect(pieces[0].map(\.x) == [x(0), x(1), x(1), x(0)])
        #expect(pieces[1].map(\.x) == [x(4), x(5), x(6), x(6), x(5), x(4)])
    }

    @Test func anIsolatedBandPointIsABarAsWideAsAMarker() {
        let outline = bandOutline([[BandPixel(x: 100, lower: 50, upper: 20)]])
        let r = ChartMetrics.markerRadius
        #expect(closedPieces(outline.svgText) == [[Pixel(x: 100 - r, y: 20), Pixel(x: 100 + r, y: 20),
                                                   Pixel(x: 100 + r, y: 50), Pixel(x: 100 - r, y: 50)]])
    }

    @Test func bandsLieUnderEveryLineAndStayOutOfTheLegend() throws {
        var chart = LineChart(title: "", xLabel: "", yLabel: "", series: [
            Series(label: "a", x: [0, 1], y: [1, 2]),
            Series(label: "b", x: [0, 1], y: [2, 3], band: .init(lower: [1, 2], upper: [3, 4])),
        ])
        chart.secondary = (label: "acc", series: [Series(label: "c", x: [0, 1], y: [0.5, 0.6],
                                                         band: .init(lower: [0.4, 0.5], upper: [0.6, 0.7]))])
        let svg = try parseSVG(chart.svg())
        let paths = svg.all("path").map { $0.attrs["class"]! }
        #expect(paths == ["band", "band secondary", "series", "series", "series secondary"])
        #expect(svg.all("path", class: "band").map { $0.attrs["fill"] } == [chartPalette[1], chartPalette[2]])
        #expect(svg.texts(in: "legend") == ["a", "b", "c (right axis)"])
        #expect(svg.all("line").filter { $0.within("legend") }.count == 3)
        #expect(svg.all("path").allSatisfy { !$0.within("legend") })
    }

    @Test func aBandWithNothingToDrawChangesNothing() {
        let x: [Double] = [0, 1, 2], y: [Double] = [1, 4, 2]
        let plain = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [Series(label: "s", x: x, y: y)])
        let empty = LineChart(title: "t", xLabel: "x", yLabel: "y",
                              series: [Series(label: "s", x: x, y: y, band: .init(lower: [.nan], upper: []))])
        #expect(empty.svg() == plain.svg())
    }

    @Test func aBandAloneIsData() throws {
        let chart = LineChart(title: "", xLabel: "", yLabel: "", series: [
            Series(label: "s", x: [0, 1], y: [.nan, .nan], band: .init(lower: [0, 1], upper: [1, 2])),
        ])
        let svg = try parseSVG(chart.svg())
        #expect(svg.all("text", class: "no-data").isEmpty)
        #expect(svg.all("path", class: "band").count == 1)
    }
}
