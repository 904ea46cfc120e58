import Testing
@testable import Plots

private func layout(_ chart: LineChart) -> ChartLayout {
    let series = PreparedSeries.prepare(chart)
    return ChartLayout(chart: chart, series: series, ranges: AxisRanges(chart: chart, series: series))
}

private func simple(_ y: [Double] = [1, 2, 3], labels: [String] = ["s"]) -> LineChart {
    LineChart(title: "Title", xLabel: "x", yLabel: "y",
              series: labels.map { Series(label: $0, x: (0..<y.count).map(Double.init), y: y) })
}

@Suite struct ChartLayoutTests {
    typealias M = ChartMetrics

    @Test func aLongTitleShrinksThenIsCut() throws {
        #expect(TitleText("", chartWidth: 720) == nil)
        let short = try #require(TitleText("Local rank", chartWidth: 720))
        #expect(short.text == "Local rank" && short.size == M.titleSize)
        let long = String(repeating: "wide ", count: 12)
        let shrunk = try #require(TitleText(long, chartWidth: 420))
        #expect(shrunk.size < M.titleSize && shrunk.size > M.minimumTitleSize && shrunk.text == long)
        #expect(textWidth(shrunk.text, size: shrunk.size, bold: true) <= 400 + 1e-9)
        let cut = try #require(TitleText(long + long, chartWidth: 300))
        #expect(cut.size == M.minimumTitleSize && cut.text.hasSuffix("…"))
        #expect(textWidth(cut.text, size: cut.size, bold: true) <= 280)
    }

    @Test func theTitleIsCentredOverThePlotWhenItFits() throws {
        let plot = PlotArea(left: 100, right: 500, top: 40, bottom: 300)
        let title = try #require(TitleText("Title", chartWidth: 720))
        let over = TitleLayout(title, plot: plot, chartWidth: 720)
        #expect(over.centre == 300 && over.baseline == M.margin + M.titleSize * 0.95)
        let wide = try #require(TitleText(String(repeating: "W", count: 40), chartWidth: 720))
        #expect(TitleLayout(wide, plot: plot, chartWidth: 720).centre == 360)
    }

    @Test func axisLabelsStayInsideTheChart() throws {
        typealias M = ChartMetrics
        let long = String(repeating: "a long axis label ", count: 6)
        // A legend underneath moves the plot's middle up; tick labels move it right.
        var chart = simple([1000, 2000], labels: (0..<8).map { "a long legend entry \($0)" })
        chart.xLabel = long
        chart.yLabel = long
        chart.secondary = (label: long, series: [])
        chart.width = 400
        chart.height = 300
        let l = layout(chart)
        for (label, extent) in [(l.xLabel, l.width), (l.yLabel, l.height), (l.secondaryLabel, l.height)] {
            let label = try #require(label)
            #expect(label.text.hasSuffix("…"))
            let centre = extent == l.width ? label.x : label.y
            let half = textWidth(label.text, size: M.labelSize) / 2
            #expect(centre - half >= M.margin && centre + half <= extent - M.margin)
        }
        // Short labels stay centred on their axis.
        let short = layout(simple())
        #expect(short.xLabel?.x == (short.plot.left + short.plot.right) / 2)
        #expect(short.yLabel?.y == (short.plot.top + short.plot.bottom) / 2)
        #expect(short.secondaryLabel == nil)
    }

    @Test func theLegendGoesRightWhenThePlotKeepsHalfTheWidth() {
        let legend = LegendLayout(labels: ["layer 0", "layer 1", "layer 2"], plotLeft: 60, rightEdge: 710,
                                  plotHeight: 300, chartWidth: 720)
        #expect(legend.isRight && legend.columns == 1 && legend.rows == 3)
        let entryWidth = 8 + M.legendSample + 6 + textWidth("layer 0", size: M.legendSize) + 8
        #expect(legend.columnWidth == entryWidth && legend.width == entryWidth)
        #expect(legend.height == 3 * M.legendRowHeight + 8)
    }

    @Test func aTallLegendOnTheRightTakesMoreColumns() {
        // 60 pixels of plot hold 3 rows.
        var legend = LegendLayout(labels: (0..<7).map { "s\($0)" }, plotLeft: 60, rightEdge: 710, plotHeight: 60, chartWidth: 720)
        #expect(legend.isRight && legend.columns == 3 && legend.rows == 3)
        legend.place(plot: PlotArea(left: 60, right: 500, top: 40, bottom: 100), rightAxisWidth: 30, hasXLabel: true, chartWidth: 720)
        #expect(legend.x == 500 + 30 + M.legendGap && legend.y == 40)
        // Filled column by column.
        #expect(legend.entry(0) == (legend.x, 40 + 4 + 0.5 * M.legendRowHeight))
        #expect(legend.entry(4) == (legend.x + legend.columnWidth, 40 + 4 + 1.5 * M.legendRowHeight))
    }

    @Test func aWideLegendGoesUnderneathRowByRow() {
        let labels = (0..<3).map { "a rather long legend label \($0)" }
        var legend = LegendLayout(labels: labels, plotLeft: 60, rightEdge: 410, plotHeight: 300, chartWidth: 420)
        #expect(!legend.isRight)
        #expect(legend.columns == Int((410 - M.margin) / legend.columnWidth) && legend.columns == 1 && legend.rows == 3)
        #expect(legend.heightBelow == 10 + 3 * M.legendRowHeight + 8)
        legend.place(plot: PlotArea(left: 60, right: 400, top: 20, bottom: 300), rightAxisWidth: 0, hasXLabel: true, chartWidth: 420)
        #expect(legend.y == 300 + M.tickLength + 3 + M.tickSize + 9 + M.labelSize + 10)
        #expect(abs(legend.x + legend.width / 2 - 210) < 1e-9)  // centred on the chart, left of the plot's centre
        // Short labels share a row: one entry per column, however many columns would fit.
        var short = LegendLayout(labels: ["a", "b", "c"], plotLeft: 60, rightEdge: 410, plotHeight: 30, chartWidth: 420)
        #expect(!short.isRight && short.rows == 1 && short.columns > 3 && short.usedColumns == 3)
        short.place(plot: PlotArea(left: 60, right: 400, top: 20, bottom: 300), rightAxisWidth: 0, hasXLabel: false, chartWidth: 420)
        #expect(short.entry(2) == (short.x + 2 * short.columnWidth, short.y + 4 + 0.5 * M.legendRowHeight))
    }

    @Test func cutLegendLabelsKeepTheirPadding() {
        let legend = LegendLayout(labels: [String(repeating: "x", count: 200)], plotLeft: 60, rightEdge: 410,
                                  plotHeight: 300, chartWidth: 420)
        #expect(!legend.isRight && legend.columnWidth == 400)
        #expect(legend.maximumLabelWidth == 400 - (8 + M.legendSample + 6 + 6))
    }

    @Test func theRoomGrowsUntilTheLabelsFit() {
        let room = TickRoom(left: 20, right: 0, markRows: 1)
        #expect(TickRoom(left: 18, right: 0, markRows: 1).fits(in: room))
        #expect(!TickRoom(left: 25, right: 0, markRows: 1).fits(in: room))
        // Fewer mark rows than reserved leave a gap, so they call for another pass too.
        #expect(!TickRoom(left: 18, right: 0, markRows: 0).fits(in: room))
        #expect(room.grown(to: TickRoom(left: 18, right: 7, markRows: 2)) == TickRoom(left: 20, right: 7, markRows: 2))
    }

    @Test func overlappingMarkLabelsTakeNewRows() {
        let map = AxisMap(scale: .linear, lo: 0, hi: 100, start: 0, end: 500)
        let placed = placeMarkLabels([(x: 50, label: "b"), (x: 10, label: "a long label"), (x: 12, label: "c"),
                                      (x: 99, label: "at the end")], on: map, rightLimit: 510)
        #expect(placed.map(\.label) == ["a long label", "c", "b", "at the end"])
        #expect(placed.map(\.row) == [0, 1, 0, 0])
        #expect(placed.map(\.x) == [50, 60, 250, 495])
        // Runs past the right edge, so it ends at its mark.
        #expect(placed.map(\.anchorEnd) == [false, false, false, true])
    }

    @Test func beyondFourRowsMarkLabelsShareRows() {
        let map = AxisMap(scale: .linear, lo: 0, hi: 100, start: 0, end: 500)
        let marks = (0..<6).map { (x: Double($0), label: "label \($0)") }
        #expect(placeMarkLabels(marks, on: map, rightLimit: 510).map(\.row) == [0, 1, 2, 3, 0, 1])
    }

    @Test func marginsMakeRoomForTickLabelsAxisLabelsAndNotes() {
        let small = layout(simple([1, 2, 3]))
        let large = layout(simple([100_000, 200_000, 300_000]))
        // "300k" is wider than "3".
        #expect(large.plot.left > small.plot.left)
        #expect(small.plot.left == M.margin + M.labelSize + 8 + small.room.left + 3 + M.tickLength)
        #expect(small.room.left == widestLabel(small.y.ticks))

        var noted = simple()
        noted.note = "a note"
        #expect(layout(noted).plot.bottom == small.plot.bottom - M.noteLineHeight - 4)
        var unlabelled = simple()
        unlabelled.xLabel = ""
        #expect(layout(unlabelled).plot.bottom == small.plot.bottom + M.axisLabelGap + M.labelSize)
        // The plot's top: title, then 8 pixels without marks.
        #expect(small.plot.top == M.margin + M.titleSize + 10 + 8)
    }

    @Test func theRightAxisTakesRoomForItsLabels() throws {
        var chart = simple()
        chart.secondary = (label: "accuracy", series: [Series(label: "acc", x: [0, 1, 2], y: [0.2, 0.5, 0.9])])
        let l = layout(chart)
        let secondary = try #require(l.secondary)
        #expect(l.room.right == widestLabel(secondary.ticks) && l.room.right > 0)
        let legend = try #require(l.legend)
        let rightAxisWidth = M.tickLength + 3 + l.room.right + 8 + M.labelSize
        #expect(abs(legend.x - (l.plot.right + rightAxisWidth + M.legendGap)) < 1e-9)
        #expect(secondary.map.start == l.plot.bottom && secondary.map.end == l.plot.top)
    }

    @Test func markRowsPushThePlotDown() {
        var chart = simple()
        chart.verticalMarks = [(x: 1, label: "first mark"), (x: 1.02, label: "second")]
        let l = layout(chart)
        #expect(l.marks.map(\.row) == [0, 1] && l.room.markRows == 2)
        #expect(l.plot.top == M.margin + M.titleSize + 10 + 2 * M.markRowHeight + 4)
    }

    @Test func theXAxisIsInsetAndLeavesAZeroSlot() throws {
        let linear = layout(simple())
        #expect(linear.x.map.start == linear.plot.left + M.inset && linear.x.map.end == linear.plot.right - M.inset)
        #expect(linear.x.map.zeroAt == nil)
        let log = layout(LineChart(title: "", xLabel: "", yLabel: "", xScale: .logarithmic,
                                   series: [Series(label: "s", x: [0, 1, 10, 100], y: [1, 2, 3, 4])]))
        let zeroAt = try #require(log.x.map.zeroAt)
        #expect(zeroAt == log.plot.left + M.inset)
        #expect(log.x.map.start == log.plot.left + M.inset + max(22, 0.06 * log.plot.width))
        #expect(log.x.ticks.first.map { $0.value == 0 && $0.label == "0" } == true)
    }

    @Test func pointsMapToPixelsOrGaps() {
        let l = layout(simple([0, 5, 10]))
        let first = l.pixel(x: 0, y: 0, secondary: false)
        #expect(first == Pixel(x: l.x.map.start, y: l.plot.bottom))
        #expect(l.pixel(x: .nan, y: 1, secondary: false) == nil)
        #expect(l.pixel(x: 1, y: .infinity, secondary: false) == nil)
        // No right axis, no place for its points.
        #expect(l.pixel(x: 1, y: 1, secondary: true) == nil)
    }

    @Test func tinyChartsKeepAMinimumPlot() {
        var chart = simple(labels: (0..<20).map { "a series with a long name \($0)" })
        chart.width = 10
        chart.height = 10
        chart.note = "note"
        let l = layout(chart)
        #expect(l.width == M.minimumWidth && l.height == M.minimumHeight)
        #expect(l.plot.width >= M.minimumPlotSide && l.plot.height >= M.minimumPlotSide)
    }
}
