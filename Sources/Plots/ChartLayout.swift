/// Sizes shared by every chart, in pixels.
enum ChartMetrics {
    static let minimumWidth = 200.0
    static let minimumHeight = 150.0
    static let margin = 10.0
    static let titleSize = 15.0
    /// The smallest size a long title is shrunk to before it is cut instead.
    static let minimumTitleSize = 11.0
    static let tickSize = 11.0
    static let labelSize = 12.5
    static let legendSize = 11.0
    static let markSize = 10.0
    static let noteSize = 10.0
    static let noteLineHeight = 13.0
    static let tickLength = 5.0
    static let minorTickLength = 3.0
    /// Between a tick and its label.
    static let tickLabelGap = 3.0
    /// Between the tick labels and the axis label.
    static let axisLabelGap = 9.0
    /// Room left free at both ends of the x axis so that markers there are not cut.
    static let inset = 8.0
    static let legendRowHeight = 17.0
    static let legendSample = 26.0
    /// Between the plot (or the right axis) and a legend on its right.
    static let legendGap = 14.0
    static let markRowHeight = 12.0
    /// Rows of mark labels above the plot; beyond that, labels share rows and may overlap.
    static let maximumMarkRows = 4
    static let markerRadius = 2.6
    static let maximumMarkedPoints = 80
    /// The smallest plot area kept however much room the rest takes.
    static let minimumPlotSide = 40.0
}

/// Where everything goes, in pixels: the title, the plot area, the axes with their ticks, the
/// legend and the labels of the vertical marks.
///
/// The margins depend on the widths of the tick labels and on the rows the mark labels need,
/// which in turn depend on the size of the plot area. A few passes settle this: each starts
/// from what the previous one measured, and widths only grow.
struct ChartLayout {
    var width: Double
    var height: Double
    var title: TitleLayout?
    var plot: PlotArea
    var legend: LegendLayout?
    var x: AxisLayout
    var y: AxisLayout
    /// The right-hand axis, when the chart has one.
    var secondary: AxisLayout?
    /// The colour bar, when the chart has a colour scale.
    var colorBar: ColorBarLayout?
    /// What the margins were made for; the right one also places the right axis label.
    var room: TickRoom
    var marks: [PlacedMark]
    /// The axis labels, each centred on its point; the vertical ones are turned.
    var xLabel: AxisLabel?
    var yLabel: AxisLabel?
    var secondaryLabel: AxisLabel?

    init(chart: LineChart, series: [PreparedSeries], ranges: AxisRanges) {
        typealias M = ChartMetrics
        let width = Double(max(Int(M.minimumWidth), chart.width))
        let height = Double(max(Int(M.minimumHeight), chart.height))
        let titleText = TitleText(chart.title, chartWidth: width)
        let visibleMarks = ranges.visibleMarks(chart.verticalMarks)
        func attempt(_ room: TickRoom) -> Pass {
            let frame = Frame(chart: chart, series: series, ranges: ranges, title: titleText, room: room, width: width, height: height)
            let xMap = Self.xMap(ranges, plot: frame.plot)
            return Pass(room: room, frame: frame, xMap: xMap,
                        yTicks: verticalTicks(ranges.y, scale: ranges.yScale, length: frame.plot.height),
                        secondaryTicks: ranges.secondary.map { verticalTicks($0, scale: .linear, length: frame.plot.height) } ?? [],
                        marks: placeMarkLabels(visibleMarks, on: xMap, rightLimit: width - M.margin))
        }
        // A first guess from an average plot height. If three passes do not settle the margins,
        // the last is kept: a label may then be a few pixels short of room.
        var pass = attempt(TickRoom(
            left: widestLabel(verticalTicks(ranges.y, scale: ranges.yScale, length: height - 110)),
            right: ranges.secondary.map { widestLabel(verticalTicks($0, scale: .linear, length: height - 110)) } ?? 0,
            markRows: chart.verticalMarks.isEmpty ? 0 : 1))
        var passes = 1
        while passes < 3 && !pass.needed.fits(in: pass.room) {
            pass = attempt(pass.room.grown(to: pass.needed))
            passes += 1
        }

        let plot = pass.frame.plot
        self.width = width
        self.height = height
        self.plot = plot
        title = titleText.map { TitleLayout($0, plot: plot, chartWidth: width) }
        legend = pass.frame.legend
        x = AxisLayout(map: pass.xMap, ticks: horizontalTicks(ranges.x, scale: ranges.xScale, length: pass.xMap.length,
                                                                 zeroSlot: ranges.zeroSlot))
        y = AxisLayout(map: AxisMap(scale: ranges.yScale, lo: ranges.y.lo, hi: ranges.y.hi, start: plot.bottom, end: plot.top),
                       ticks: pass.yTicks)
        secondary = ranges.secondary.map {
            AxisLayout(map: AxisMap(scale: .linear, lo: $0.lo, hi: $0.hi, start: plot.bottom, end: plot.top), ticks: pass.secondaryTicks)
        }
        if let domain = ranges.color, let scale = chart.colorScale {
            colorBar = ColorBarLayout(domain: domain, scale: scale.scale, plot: plot, left: plot.right + pass.frame.rightAxisWidth)
        }
        room = pass.room
        marks = pass.marks
        let labels = AxisLabel.place(chart, plot: plot, rightTickWidth: pass.room.right, width: width, height: height)
        (xLabel, yLabel, secondaryLabel) = (labels.x, labels.y, labels.secondary)
    }

    /// The x axis inside the plot: inset from both ends, and with a "0" slot first when the
    /// axis has one (at least 22 pixels, so the broken-axis mark fits between).
    static func xMap(_ ranges: AxisRanges, plot: PlotArea) -> AxisMap {
        var start = plot.left + ChartMetrics.inset
        var zeroAt: Double? = nil
        if ranges.zeroSlot {
            zeroAt = start
            start += max(22, 0.06 * (plot.right - plot.left))
        }
        return AxisMap(scale: ranges.xScale, lo: ranges.x.lo, hi: ranges.x.hi,
                       start: start, end: plot.right - ChartMetrics.inset, zeroAt: zeroAt)
    }
}

extension ChartLayout {
    /// Where a data point goes, or `nil` when an axis has no place for it (which makes a gap).
    func pixel(x: Double, y: Double, secondary: Bool) -> Pixel? {
        guard let vertical = secondary ? self.secondary : self.y,
              let px = self.x.map.position(x), let py = vertical.map.position(y) else { return nil }
        return Pixel(x: px, y: py)
    }

    /// Where a band's ends at `x` go, or `nil` when an axis has no place for one of them.
    func bandPixel(x: Double, lower: Double, upper: Double, secondary: Bool) -> BandPixel? {
        guard let low = pixel(x: x, y: lower, secondary: secondary),
              let high = pixel(x: x, y: upper, secondary: secondary) else { return nil }
        return BandPixel(x: low.x, lower: low.y, upper: high.y)
    }
}

/// The plot area: the frame inside which the data are drawn.
struct PlotArea: Equatable {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// One axis in pixels: where values go and which ticks it shows.
struct AxisLayout {
    var map: AxisMap
    var ticks: [Tick]
}

/// What the margins are made for: the widest tick label on either side and the rows of
/// mark labels above the plot.
struct TickRoom: Equatable {
    var left: Double
    var right: Double
    var markRows: Int

    /// The margins made for `self` also fit `needed`: labels no wider, the same mark rows
    /// (fewer rows would leave a gap above the plot).
    func fits(in room: TickRoom) -> Bool {
        left <= room.left && right <= room.right && markRows == room.markRows
    }

    func grown(to needed: TickRoom) -> TickRoom {
        TickRoom(left: max(left, needed.left), right: max(right, needed.right), markRows: needed.markRows)
    }
}

// MARK: The title

/// The title's text and size once it fits the chart's width.
struct TitleText: Equatable {
    var text: String
    var size: Double

    /// Shrinks a title too wide for the chart down to `minimumTitleSize`, then cuts it with an
    /// ellipsis; `nil` for an empty title, which takes no room.
    init?(_ title: String, chartWidth: Double) {
        guard !title.isEmpty else { return nil }
        typealias M = ChartMetrics
        let room = chartWidth - 2 * M.margin
        let natural = textWidth(title, size: M.titleSize, bold: true)
        size = natural > room ? max(M.minimumTitleSize, M.titleSize * room / natural) : M.titleSize
        // Shrunk, it is as wide as the room give or take a rounding error, which must not cut it.
        text = truncated(title, size: size, maxWidth: room * (1 + 1e-9), bold: true)
    }

    /// The room it takes above the plot, its baseline at `margin + 0.95 size`.
    var height: Double { size + 10 }
}

/// The title in place: centred over the plot, or over the whole chart when it would stick
/// out of the chart there.
struct TitleLayout: Equatable {
    var text: String
    var size: Double
    var baseline: Double
    var centre: Double

    init(_ title: TitleText, plot: PlotArea, chartWidth: Double) {
        typealias M = ChartMetrics
        text = title.text
        size = title.size
        baseline = M.margin + title.size * 0.95
        let half = textWidth(title.text, size: title.size, bold: true) / 2
        centre = centred((plot.left + plot.right) / 2, halfExtent: half, within: M.margin, chartWidth - M.margin)
    }
}

/// `preferred` when a text `2 halfExtent` long fits between `low` and `high` there, otherwise
/// the middle of the two (where a text cut to that length always fits).
func centred(_ preferred: Double, halfExtent: Double, within low: Double, _ high: Double) -> Double {
    preferred - halfExtent < low || preferred + halfExtent > high ? (low + high) / 2 : preferred
}

// MARK: Axis labels

/// An axis label in place: cut to the chart's width (or height, when turned), centred on
/// (`x`, `y`) — next to the middle of its axis unless it would stick out of the chart there.
struct AxisLabel: Equatable {
    var text: String
    var x: Double
    var y: Double

    static func place(_ chart: LineChart, plot: PlotArea, rightTickWidth: Double, width: Double,
                      height: Double) -> (x: AxisLabel?, y: AxisLabel?, secondary: AxisLabel?) {
        typealias M = ChartMetrics
        func label(_ text: String, along length: Double) -> (text: String, half: Double)? {
            guard !text.isEmpty else { return nil }
            let cut = truncated(text, size: M.labelSize, maxWidth: length - 2 * M.margin)
            return (cut, textWidth(cut, size: M.labelSize) / 2)
        }
        func verticalCentre(_ half: Double) -> Double {
            centred((plot.top + plot.bottom) / 2, halfExtent: half, within: M.margin, height - M.margin)
        }
        let x = label(chart.xLabel, along: width).map {
            AxisLabel(text: $0.text, x: centred((plot.left + plot.right) / 2, halfExtent: $0.half, within: M.margin, width - M.margin),
                      y: plot.bottom + M.tickLength + M.tickLabelGap + M.tickSize + M.axisLabelGap + M.labelSize * 0.8)
        }
        let y = label(chart.yLabel, along: height).map {
            AxisLabel(text: $0.text, x: M.margin + M.labelSize * 0.8, y: verticalCentre($0.half))
        }
        let secondary = label(chart.secondary?.label ?? "", along: height).map {
            AxisLabel(text: $0.text, x: plot.right + M.tickLength + M.tickLabelGap + rightTickWidth + 8 + M.labelSize * 0.2,
                      y: verticalCentre($0.half))
        }
        return (x, y, secondary)
    }
}

// MARK: One pass

/// One attempt at the layout, with margins made for `room`.
private struct Pass {
    var room: TickRoom
    var frame: Frame
    var xMap: AxisMap
    var yTicks: [Tick]
    var secondaryTicks: [Tick]
    var marks: [PlacedMark]

    /// The room this pass's tick labels and mark labels would need.
    var needed: TickRoom {
        TickRoom(left: widestLabel(yTicks), right: widestLabel(secondaryTicks), markRows: (marks.map(\.row).max() ?? -1) + 1)
    }
}

/// The plot area and the legend for given margins.
private struct Frame {
    var plot: PlotArea
    var legend: LegendLayout?
    /// The right-hand axis's ticks, labels and label.
    var rightAxisWidth = 0.0

    init(chart: LineChart, series: [PreparedSeries], ranges: AxisRanges, title: TitleText?, room: TickRoom,
         width: Double, height: Double) {
        typealias M = ChartMetrics
        var top = M.margin
        if let title { top += title.height }
        top += room.markRows > 0 ? Double(room.markRows) * M.markRowHeight + 4 : 8
        let left = M.margin + (chart.yLabel.isEmpty ? 0 : M.labelSize + 8) + room.left + M.tickLabelGap + M.tickLength
        if ranges.secondary != nil {
            let labelWidth = (chart.secondary?.label.isEmpty ?? true) ? 0 : 8 + M.labelSize
            rightAxisWidth = M.tickLength + M.tickLabelGap + room.right + labelWidth
        }
        var bottom = M.margin + M.tickLength + M.tickLabelGap + M.tickSize + (chart.xLabel.isEmpty ? 0 : M.axisLabelGap + M.labelSize)
        bottom += Double(ranges.notes.count) * M.noteLineHeight + (ranges.notes.isEmpty ? 0 : 4)
        var colorBarRoom = 0.0
        if let domain = ranges.color, let scale = chart.colorScale {
            colorBarRoom = ColorBarLayout.room(domain: domain, scale: scale.scale, plotHeight: height - top - bottom, label: scale.label)
        }
        let rightEdge = width - M.margin - rightAxisWidth - colorBarRoom

        var legend = series.isEmpty ? nil : LegendLayout(
            labels: series.map(\.label), plotLeft: left, rightEdge: rightEdge,
            plotHeight: max(M.minimumPlotSide, height - top - bottom), chartWidth: width)
        if let legend, !legend.isRight { bottom += legend.heightBelow }
        let legendRoom = legend.map { $0.isRight ? M.legendGap + $0.width : 0 } ?? 0
        let rightPad = ranges.secondary == nil && legendRoom == 0 && colorBarRoom == 0 ? 8.0 : 0
        plot = PlotArea(left: left, right: max(left + M.minimumPlotSide, rightEdge - legendRoom - rightPad),
                        top: top, bottom: max(top + M.minimumPlotSide, height - bottom))
        legend?.place(plot: plot, rightAxisWidth: rightAxisWidth + colorBarRoom, hasXLabel: !chart.xLabel.isEmpty, chartWidth: width)
        self.legend = legend
    }
}

// MARK: Mark labels

/// A vertical mark's label above the plot.
struct PlacedMark: Equatable {
    /// The mark's pixel position.
    var x: Double
    var label: String
    /// 0 is the row furthest from the plot.
    var row: Int
    /// The label ends at the mark instead of starting there, because it would run past the
    /// chart's right edge.
    var anchorEnd: Bool
}

/// Gives each mark label the first row where it keeps 4 pixels from the labels already
/// there, left to right; with no such row among `maximumMarkRows`, rows are shared in turn.
func placeMarkLabels(_ marks: [(x: Double, label: String)], on xMap: AxisMap, rightLimit: Double) -> [PlacedMark] {
    let sorted = marks.compactMap { mark in xMap.position(mark.x).map { (px: $0, label: mark.label) } }
        .sorted { $0.px < $1.px }
    var rows: [[(Double, Double)]] = []
    var placed: [PlacedMark] = []
    for mark in sorted {
        let w = textWidth(mark.label, size: ChartMetrics.markSize)
        let anchorEnd = mark.px + w + 3 > rightLimit
        let extent = anchorEnd ? (mark.px - w - 3, mark.px) : (mark.px - 1, mark.px + w + 3)
        let row: Int
        if let free = rows.firstIndex(where: { $0.allSatisfy { extent.1 + 4 < $0.0 || extent.0 > $0.1 + 4 } }) {
            row = free
        } else if rows.count < ChartMetrics.maximumMarkRows {
            rows.append([])
            row = rows.count - 1
        } else {
            row = placed.count % rows.count
        }
        rows[row].append(extent)
        placed.append(PlacedMark(x: mark.px, label: mark.label, row: row, anchorEnd: anchorEnd))
    }
    return placed
}
