/// The SVG elements of a laid-out chart.
struct ChartDrawing {
    let chart: LineChart
    let series: [PreparedSeries]
    let ranges: AxisRanges
    let layout: ChartLayout
    /// The clip path that keeps the data inside the plot area (with room for half a marker).
    let clipID: String

    private typealias M = ChartMetrics
    private var plot: PlotArea { layout.plot }
    private var clip: String { "url(#\(clipID))" }

    func draw(_ svg: inout SVGWriter) {
        drawBackground(&svg)
        drawTitle(&svg)
        drawGrid(&svg)
        drawMarkLines(&svg)
        let banded = drawBands(&svg)
        let drawn = drawSeries(&svg) || banded
        drawFrameAndTicks(&svg)
        drawColorBar(&svg)
        drawTickLabels(&svg)
        drawAxisBreak(&svg)
        drawAxisLabels(&svg)
        drawMarkLabels(&svg)
        drawLegend(&svg)
        drawNotes(&svg)
        if !drawn {
            svg.element("text", ["class": "no-data", "x": (plot.left + plot.right) / 2, "y": (plot.top + plot.bottom) / 2,
                                 "text-anchor": "middle", "font-size": "13", "fill": "#888888"], text: "no data")
        }
    }

    // MARK: Behind the data

    private func drawBackground(_ svg: inout SVGWriter) {
        svg.element("rect", ["class": "background", "x": "0", "y": "0", "width": layout.width, "height": layout.height,
                             "fill": "white"])
        svg.open("defs", [:], newline: false)
        svg.open("clipPath", ["id": clipID], newline: false)
        svg.element("rect", ["x": plot.left - 4, "y": plot.top - 4, "width": plot.width + 8, "height": plot.height + 8],
                    newline: false)
        svg.close("clipPath", newline: false)
        svg.close("defs")
    }

    private func drawTitle(_ svg: inout SVGWriter) {
        guard let title = layout.title else { return }
        svg.element("text", ["class": "title", "x": title.centre, "y": title.baseline, "text-anchor": "middle",
                             "font-size": title.size, "font-weight": "bold", "fill": "#111111"], text: title.text)
    }

    /// Light lines across the plot at the major ticks.
    private func drawGrid(_ svg: inout SVGWriter) {
        svg.group(["class": "grid", "stroke": "#e8e8e8", "stroke-width": "1"]) { svg in
            for (tick, y) in ticksInside(layout.y) where tick.major {
                svg.element("line", ["x1": plot.left, "y1": y, "x2": plot.right, "y2": y])
            }
            for tick in layout.x.ticks where tick.major {
                // Unlike the ticks, the grid keeps strictly inside the frame.
                if let x = layout.x.map.position(tick.value), x >= plot.left, x <= plot.right {
                    svg.element("line", ["x1": x, "y1": plot.top, "x2": x, "y2": plot.bottom])
                }
            }
        }
    }

    private func drawMarkLines(_ svg: inout SVGWriter) {
        guard !layout.marks.isEmpty else { return }
        svg.group(["class": "marks", "stroke": "#888888", "stroke-width": "1.1", "stroke-dasharray": "5 3"]) { svg in
            for mark in layout.marks {
                svg.element("line", ["x1": mark.x, "y1": plot.top, "x2": mark.x, "y2": plot.bottom])
            }
        }
    }

    // MARK: The data

    /// The bands of all series, before any line so that no band covers a line. Returns whether
    /// any band was drawn.
    private func drawBands(_ svg: inout SVGWriter) -> Bool {
        var drawn = false
        for s in series where !s.secondary || layout.secondary != nil {
            guard let band = s.band else { continue }
            let pieces = unbrokenPieces(zip(s.points, band).map { point, ends in
                layout.bandPixel(x: point.x, lower: ends.lower, upper: ends.upper, secondary: s.secondary)
            })
            guard !pieces.isEmpty else { continue }
            svg.element("path", ["class": s.secondary ? "band secondary" : "band", "data-label": s.label,
                                 "fill": s.color, "fill-opacity": "0.2", "stroke": "none", "clip-path": clip,
                                 "d": bandOutline(pieces)])
            drawn = true
        }
        return drawn
    }

    /// Each series' line (with its markers), in legend order. Returns whether any point was drawn.
    private func drawSeries(_ svg: inout SVGWriter) -> Bool {
        var drawn = false
        for s in series where !s.secondary || layout.secondary != nil {
            let pieces = unbrokenPieces(s.points.map { layout.pixel(x: $0.x, y: $0.y, secondary: s.secondary) })
            var path = PathData()
            for piece in pieces { path.polyline(piece) }
            svg.element("path", ["class": s.secondary ? "series secondary" : "series", "data-label": s.label,
                                 "fill": "none", "stroke": s.color, "stroke-width": "1.8", "stroke-linejoin": "round",
                                 "stroke-linecap": "round", "stroke-dasharray": s.dashed ? "6 3.5" : nil,
                                 "clip-path": clip, "d": path])
            if s.pointValues != nil {
                drawColoredMarkers(s, &svg)
                drawn = drawn || !pieces.isEmpty
                continue
            }
            // A point without neighbours draws no line, so it always gets its marker.
            let dots = s.markers ? pieces.flatMap { $0 } : pieces.filter { $0.count == 1 }.flatMap { $0 }
            if !dots.isEmpty {
                svg.group(["class": "markers", "fill": s.color, "clip-path": clip], newline: false) { svg in
                    for dot in dots {
                        svg.element("circle", ["cx": dot.x, "cy": dot.y, "r": M.markerRadius], newline: false)
                    }
                }
            }
            drawn = drawn || !pieces.isEmpty
        }
        return drawn
    }

    /// A series' markers filled with their values' colours (`LineChart.colorScale`), rings
    /// where `hollowPoints` says so, each outlined so that the palest colour stays visible.
    private func drawColoredMarkers(_ s: PreparedSeries, _ svg: inout SVGWriter) {
        guard let values = s.pointValues, let bar = layout.colorBar else { return }
        svg.group(["class": "colored-markers", "data-label": s.label, "clip-path": clip], newline: false) { svg in
            for (index, point) in s.points.enumerated() {
                guard let pixel = layout.pixel(x: point.x, y: point.y, secondary: s.secondary) else { continue }
                let color = ColorScale.color(at: index < values.count ? bar.fraction(values[index]) : 0)
                let hollow = s.hollowPoints.map { index < $0.count && $0[index] } ?? false
                svg.element("circle", ["class": hollow ? "hollow" : nil, "cx": pixel.x, "cy": pixel.y, "r": M.markerRadius + 0.9,
                                       "fill": hollow ? "white" : color, "stroke": hollow ? color : "#333333",
                                       "stroke-width": hollow ? "1.6" : "0.4"], newline: false)
            }
        }
    }

    // MARK: Axes

    /// The colour bar: a gradient through the scale's colours, with ticks and its label.
    private func drawColorBar(_ svg: inout SVGWriter) {
        guard let bar = layout.colorBar, let scale = chart.colorScale else { return }
        let gradient = clipID + "-colors"
        svg.open("defs", [:], newline: false)
        svg.open("linearGradient", ["id": gradient, "x1": "0", "y1": "1", "x2": "0", "y2": "0"], newline: false)
        let stops = ColorScale.anchors.count - 1
        for stop in 0...stops {
            let fraction = Double(stop) / Double(stops)
            svg.element("stop", ["offset": fraction, "stop-color": ColorScale.color(at: fraction)], newline: false)
        }
        svg.close("linearGradient", newline: false)
        svg.close("defs")
        svg.group(["class": "color-bar"]) { svg in
            svg.element("rect", ["x": bar.x, "y": plot.top, "width": ColorBarLayout.barWidth, "height": plot.height,
                                 "fill": "url(#\(gradient))", "stroke": "#333333", "stroke-width": "0.6"])
            let right = bar.x + ColorBarLayout.barWidth
            for tick in bar.ticks {
                guard let y = bar.map.position(tick.value), y >= plot.top - 0.5, y <= plot.bottom + 0.5 else { continue }
                svg.element("line", ["x1": right, "y1": y, "x2": right + (tick.major ? M.tickLength : M.minorTickLength), "y2": y,
                                     "stroke": "#333333", "stroke-width": "1"], newline: false)
                if let label = tick.label {
                    svg.element("text", ["x": right + M.tickLength + M.tickLabelGap, "y": y + M.tickSize * 0.35, "font-size": M.tickSize,
                                         "fill": "#333333"], text: label, newline: false)
                }
            }
            let middle = (plot.top + plot.bottom) / 2
            svg.element("text", ["class": "color-label", "x": bar.labelX, "y": middle,
                                 "transform": "rotate(90 \(fmt(bar.labelX)) \(fmt(middle)))", "text-anchor": "middle",
                                 "font-size": M.labelSize, "fill": "#111111"], text: scale.label)
        }
    }

    private func drawFrameAndTicks(_ svg: inout SVGWriter) {
        svg.element("rect", ["class": "frame", "x": plot.left, "y": plot.top, "width": plot.width, "height": plot.height,
                             "fill": "none", "stroke": "#333333", "stroke-width": "1"])
        svg.group(["class": "ticks", "stroke": "#333333", "stroke-width": "1"]) { svg in
            for (tick, x) in xTicksInside() {
                let length = tick.major ? M.tickLength : M.minorTickLength
                svg.element("line", ["x1": x, "y1": plot.bottom, "x2": x, "y2": plot.bottom + length])
            }
            for (tick, y) in ticksInside(layout.y) {
                let length = tick.major ? M.tickLength : M.minorTickLength
                svg.element("line", ["x1": plot.left - length, "y1": y, "x2": plot.left, "y2": y])
            }
            if let secondary = layout.secondary {
                for (_, y) in ticksInside(secondary) {
                    svg.element("line", ["x1": plot.right, "y1": y, "x2": plot.right + M.tickLength, "y2": y])
                }
            }
        }
    }

    private func drawTickLabels(_ svg: inout SVGWriter) {
        let baseline = plot.bottom + M.tickLength + M.tickLabelGap + M.tickSize * 0.8
        svg.group(["class": "x-tick-labels", "font-size": M.tickSize, "fill": "#333333", "text-anchor": "middle"]) { svg in
            for (tick, x) in xTicksInside() {
                if let label = tick.label { svg.element("text", ["x": x, "y": baseline], text: label) }
            }
        }
        // Vertical tick labels are centred on their tick: their baseline is a third of the font lower.
        svg.group(["class": "y-tick-labels", "font-size": M.tickSize, "fill": "#333333", "text-anchor": "end"]) { svg in
            for (tick, y) in ticksInside(layout.y) {
                if let label = tick.label {
                    svg.element("text", ["x": plot.left - M.tickLength - M.tickLabelGap, "y": y + M.tickSize * 0.35], text: label)
                }
            }
        }
        guard let secondary = layout.secondary else { return }
        svg.group(["class": "secondary-tick-labels", "font-size": M.tickSize, "fill": "#333333", "text-anchor": "start"]) { svg in
            for (tick, y) in ticksInside(secondary) {
                if let label = tick.label {
                    svg.element("text", ["x": plot.right + M.tickLength + M.tickLabelGap, "y": y + M.tickSize * 0.35], text: label)
                }
            }
        }
    }

    /// The broken-axis mark on the x axis between the "0" slot and the first decade.
    private func drawAxisBreak(_ svg: inout SVGWriter) {
        guard let zeroAt = layout.x.map.zeroAt else { return }
        let x = (zeroAt + layout.x.map.start) / 2, y = plot.bottom
        svg.group(["class": "axis-break"], newline: false) { svg in
            svg.element("rect", ["x": x - 3.5, "y": y - 5, "width": "7", "height": "10", "fill": "white"], newline: false)
            for (from, to) in [(x - 5.5, x - 1.5), (x + 1.5, x + 5.5)] {
                svg.element("line", ["x1": from, "y1": y + 4, "x2": to, "y2": y - 4,
                                     "stroke": "#333333", "stroke-width": "1"], newline: false)
            }
        }
    }

    private func drawAxisLabels(_ svg: inout SVGWriter) {
        for (label, cls, turn) in [(layout.xLabel, "x-label", 0), (layout.yLabel, "y-label", -90),
                                   (layout.secondaryLabel, "secondary-label", 90)] {
            guard let label else { continue }
            let transform = turn == 0 ? nil : "rotate(\(turn) \(fmt(label.x)) \(fmt(label.y)))"
            svg.element("text", ["class": cls, "x": label.x, "y": label.y, "transform": transform,
                                 "text-anchor": "middle", "font-size": M.labelSize, "fill": "#111111"], text: label.text)
        }
    }

    /// The labels of the vertical marks above the plot, each joined to its mark by a short line.
    private func drawMarkLabels(_ svg: inout SVGWriter) {
        guard let lastRow = layout.marks.map(\.row).max() else { return }
        svg.group(["class": "mark-labels", "font-size": M.markSize, "fill": "#555555"]) { svg in
            for mark in layout.marks {
                let y = plot.top - 4 - Double(lastRow - mark.row) * M.markRowHeight
                svg.element("line", ["x1": mark.x, "y1": y + 3, "x2": mark.x, "y2": plot.top, "stroke": "#888888", "stroke-width": "1"],
                            newline: false)
                // Ending 3 pixels before the line, or starting 1 pixel after it plus 2 of padding.
                svg.element("text", ["x": mark.anchorEnd ? mark.x - 3 : mark.x + 1 + 2, "y": y,
                                     "text-anchor": mark.anchorEnd ? "end" : nil], text: mark.label)
            }
        }
    }

    // MARK: Around the plot

    private func drawLegend(_ svg: inout SVGWriter) {
        guard let legend = layout.legend else { return }
        svg.group(["class": "legend", "font-size": M.legendSize, "fill": "#222222"]) { svg in
            svg.element("rect", ["x": legend.x, "y": legend.y, "width": legend.width, "height": legend.height, "rx": "3",
                                 "fill": "white", "stroke": "#cccccc", "stroke-width": "1"])
            for (index, s) in series.enumerated() {
                let (x, y) = legend.entry(index)
                let sample = x + LegendLayout.padding.before
                svg.element("line", ["x1": sample, "y1": y, "x2": sample + M.legendSample, "y2": y, "stroke": s.color,
                                     "stroke-width": "1.8", "stroke-dasharray": s.dashed ? "6 3.5" : nil], newline: false)
                if s.markers {
                    svg.element("circle", ["cx": sample + M.legendSample / 2, "cy": y, "r": M.markerRadius, "fill": s.color],
                                newline: false)
                }
                let text = truncated(s.label, size: M.legendSize, maxWidth: legend.maximumLabelWidth)
                svg.element("text", ["x": sample + M.legendSample + LegendLayout.padding.between, "y": y + M.legendSize * 0.35],
                            text: text)
            }
        }
    }

    /// The notes at the bottom of the chart, the last one on the last line.
    private func drawNotes(_ svg: inout SVGWriter) {
        let notes = ranges.notes
        guard !notes.isEmpty else { return }
        svg.group(["class": "notes", "font-size": M.noteSize, "font-style": "italic", "fill": "#666666"]) { svg in
            for (index, note) in notes.enumerated() {
                let y = layout.height - M.margin - Double(notes.count - 1 - index) * M.noteLineHeight - 2
                let text = truncated(note, size: M.noteSize, maxWidth: layout.width - 2 * M.margin)
                svg.element("text", ["x": M.margin, "y": y], text: text)
            }
        }
    }

    // MARK: Helpers

    /// The ticks of a vertical axis within the frame (half a pixel of slack), with their positions.
    private func ticksInside(_ axis: AxisLayout) -> [(Tick, Double)] {
        axis.ticks.compactMap { tick in
            axis.map.position(tick.value).flatMap { $0 >= plot.top - 0.5 && $0 <= plot.bottom + 0.5 ? (tick, $0) : nil }
        }
    }

    /// The x ticks within the frame (half a pixel of slack), with their positions.
    private func xTicksInside() -> [(Tick, Double)] {
        layout.x.ticks.compactMap { tick in
            layout.x.map.position(tick.value).flatMap { $0 >= plot.left - 0.5 && $0 <= plot.right + 0.5 ? (tick, $0) : nil }
        }
    }
}

/// A band's ends at one x, in pixels.
struct BandPixel: Equatable {
    var x: Double
    var lower: Double
    var upper: Double
}

/// The outline of a band: for each unbroken piece, along its upper ends left to right, back
/// along its lower ends, closed. A piece of one point would have no area, so it becomes a bar
/// as wide as a marker.
func bandOutline(_ pieces: [[BandPixel]]) -> PathData {
    var path = PathData()
    for piece in pieces {
        if piece.count == 1, let only = piece.first {
            let half = ChartMetrics.markerRadius
            path.polyline([Pixel(x: only.x - half, y: only.upper), Pixel(x: only.x + half, y: only.upper),
                           Pixel(x: only.x + half, y: only.lower), Pixel(x: only.x - half, y: only.lower)])
        } else {
            path.polyline(piece.map { Pixel(x: $0.x, y: $0.upper) } + piece.reversed().map { Pixel(x: $0.x, y: $0.lower) })
        }
        path.close()
    }
    return path
}
