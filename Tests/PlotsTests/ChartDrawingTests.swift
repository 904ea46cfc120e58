import Testing
@testable import Plots

/// The drawing stage on its own: given the layout, each element lands where the layout says.
private struct Drawn {
    let chart: LineChart
    let series: [PreparedSeries]
    let layout: ChartLayout
    let svg: ParsedSVG

    init(_ chart: LineChart) throws {
        self.chart = chart
        series = PreparedSeries.prepare(chart)
        let ranges = AxisRanges(chart: chart, series: series)
        layout = ChartLayout(chart: chart, series: series, ranges: ranges)
        var writer = SVGWriter()
        ChartDrawing(chart: chart, series: series, ranges: ranges, layout: layout, clipID: "t-clip").draw(&writer)
        svg = try parseSVG("<svg xmlns=\"http://www.w3.org/2000/svg\">\n" + writer.markup + "</svg>\n")
    }
}

@Suite struct ChartDrawingTests {
    @Test func linesGoThroughTheLaidOutPixels() throws {
        let chart = LineChart(title: "", xLabel: "", yLabel: "",
                              series: [Series(label: "s", x: [0, 1, 2, 3, 4], y: [1, 3, .nan, 2, 5])])
        let drawn = try Drawn(chart)
        let pixels = chart.series[0].points.map { drawn.layout.pixel(x: $0.x, y: $0.y, secondary: false) }
        var expected = PathData()
        expected.polyline(pixels[0...1].compactMap { $0 })
        expected.polyline(pixels[3...4].compactMap { $0 })
        let path = try #require(drawn.svg.seriesPaths.first)
        #expect(path.attrs["d"] == expected.svgText)
        #expect(path.attrs["clip-path"] == "url(#t-clip)")
        #expect(drawn.svg.all("clipPath").first?.attrs["id"] == "t-clip")
        let circles = drawn.svg.all("circle").filter { $0.within("markers") }
        #expect(circles.map { $0.attrs["cx"]! } == pixels.compactMap { $0.map { fmt($0.x) } })
    }

    @Test func ticksAndLabelsSitAtTheirAxisPositions() throws {
        let drawn = try Drawn(LineChart(title: "", xLabel: "", yLabel: "",
                                        series: [Series(label: "s", x: [0, 100], y: [0, 50])]))
        let layout = drawn.layout
        let xLabels = drawn.svg.all("text").filter { $0.within("x-tick-labels") }
        #expect(xLabels.map(\.text) == layout.x.ticks.compactMap(\.label))
        #expect(xLabels.map { $0.attrs["x"]! } == layout.x.ticks.map { fmt(layout.x.map.position($0.value)!) })
        let yLabels = drawn.svg.all("text").filter { $0.within("y-tick-labels") }
        #expect(yLabels.map(\.text) == ["0", "10", "20", "30", "40", "50"])
        #expect(yLabels.map { $0.attrs["y"]! }
                == layout.y.ticks.map { fmt(layout.y.map.position($0.value)! + ChartMetrics.tickSize * 0.35) })
        let tickLines = drawn.svg.all("line").filter { $0.within("ticks") }
        #expect(tickLines.count == layout.x.ticks.count + layout.y.ticks.count)
    }

    @Test func theLegendHasOneEntryPerSeriesInItsGrid() throws {
        var chart = LineChart(title: "", xLabel: "", yLabel: "",
                              series: [Series(label: "a", x: [1, 2], y: [1, 2]), Series(label: "b", x: [1, 2], y: [2, 1], dashed: true)])
        chart.showsMarkers = false
        let drawn = try Drawn(chart)
        let legend = try #require(drawn.layout.legend)
        #expect(drawn.svg.texts(in: "legend") == ["a", "b"])
        let samples = drawn.svg.all("line").filter { $0.within("legend") }
        #expect(samples.map { $0.attrs["y1"]! } == [fmt(legend.entry(0).centreY), fmt(legend.entry(1).centreY)])
        #expect(samples.map { $0.attrs["stroke-dasharray"] } == [nil, "6 3.5"])
        #expect(drawn.svg.all("circle").isEmpty)
        let box = try #require(drawn.svg.all("rect").first { $0.within("legend") })
        #expect(box.attrs["height"] == fmt(legend.height) && box.attrs["x"] == fmt(legend.x))
    }

    @Test func markLabelsStackUpwardsByRow() throws {
        var chart = LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "s", x: [0, 10], y: [0, 1])])
        chart.verticalMarks = [(x: 5, label: "first"), (x: 5.1, label: "second")]
        let drawn = try Drawn(chart)
        let top = drawn.layout.plot.top
        let texts = drawn.svg.all("text").filter { $0.within("mark-labels") }
        // Row 0 is the furthest from the plot.
        #expect(texts.map { $0.attrs["y"]! } == [fmt(top - 4 - ChartMetrics.markRowHeight), fmt(top - 4)])
        #expect(drawn.svg.all("line").filter { $0.within("marks") }.map { $0.attrs["x1"]! }
                == drawn.layout.marks.map { fmt($0.x) })
    }

    @Test func notesStackUpFromTheBottom() throws {
        var chart = LineChart(title: "", xLabel: "", yLabel: "", xScale: .logarithmic,
                              series: [Series(label: "s", x: [-1, 1, 10], y: [1, 2, 3])])
        chart.note = "source"
        let drawn = try Drawn(chart)
        let notes = drawn.svg.all("text").filter { $0.within("notes") }
        #expect(notes.map(\.text) == ["1 point with x < 0 not shown (log axis)", "source"])
        let height = drawn.layout.height
        #expect(notes.map { $0.attrs["y"]! } == [fmt(height - 10 - 13 - 2), fmt(height - 10 - 2)])
    }

    @Test func nothingDrawableSaysSo() throws {
        let drawn = try Drawn(LineChart(title: "", xLabel: "", yLabel: "", series: [Series(label: "s", x: [1], y: [.nan])]))
        #expect(drawn.svg.all("text", class: "no-data").count == 1)
        #expect(drawn.svg.seriesPaths.first?.attrs["d"] == "")
    }
}
