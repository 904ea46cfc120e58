/// A line chart rendered as a standalone SVG document: title, axes with labelled ticks,
/// one coloured line per series (circle markers when a series has at most 80 points) over its
/// translucent band if it has one, a legend outside the plot area, optional dashed vertical
/// marks and an optional right-hand y axis.
///
/// Layout rules worth knowing:
/// - The y axis starts at 0 when all values are non-negative and their spread is at least 20%
///   of the largest value (ranks are counts); otherwise the data range is padded by 5%.
///   `yRange` / `secondaryRange` override this.
/// - On a logarithmic x axis, points at x = 0 (e.g. the checkpoint at step 0) are kept: they
///   sit at a "0" tick at the left edge, separated from the decades by a broken-axis mark.
///   Negative x values cannot be shown on a log axis; they are left out and a small note
///   under the chart says how many.
/// - NaN or infinite values break the line (a gap), and the band likewise.
/// - A series that lies on an earlier one along at least half of its points (two layers at
///   the same rank) is drawn dashed, so that the one below shows through, and a note says so.
/// - The y axes include the bands' ends.
public struct LineChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: AxisScale = .linear
    /// Scale of the left y axis (the secondary axis is always linear).
    public var yScale: AxisScale = .linear
    public var series: [Series]
    /// Dashed grey vertical lines with small labels at the top of the plot, e.g. critical β values.
    /// The x axis is widened to include them.
    public var verticalMarks: [(x: Double, label: String)] = []
    /// An optional right-hand y axis (e.g. accuracy) with its own series, drawn dashed.
    public var secondary: (label: String, series: [Series])? = nil
    /// Fixed interval of the left y axis instead of the automatic one.
    public var yRange: ClosedRange<Double>? = nil
    /// Fixed interval of the right y axis, e.g. `0...1` for accuracy.
    public var secondaryRange: ClosedRange<Double>? = nil
    /// Circle markers at data points: `nil` means automatic (series with at most 80 points).
    public var showsMarkers: Bool? = nil
    /// A small note printed under the chart (e.g. the data source).
    public var note: String? = nil
    public var width: Int = 720
    public var height: Int = 440

    public init(title: String, xLabel: String, yLabel: String, xScale: AxisScale = .linear, series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.series = series
    }

    /// A complete standalone SVG document.
    public func svg() -> String {
        let w = max(Int(ChartMetrics.minimumWidth), width), h = max(Int(ChartMetrics.minimumHeight), height)
        var out = svgHeader(width: w, height: h, title: title)
        out += ChartRenderer(chart: self, idPrefix: "c-").render()
        out += "</svg>\n"
        return out
    }
}

/// Several charts in one SVG, filled row by row with `columns` charts per row (e.g. one panel
/// per ε). Each cell is as large as the largest chart.
///
/// A figure of several columns is shown shrunk to a page's width, which would make its text
/// tiny: each panel is laid out at its cell's size divided by `gridTextScale` × columns and
/// scaled up to fill the cell, so that its text is that much larger (1.6× for two columns:
/// a 1 440-pixel figure shown 900 pixels wide keeps its text at the size of a single chart's).
public func svgGrid(_ charts: [LineChart], columns: Int) -> String {
    guard !charts.isEmpty else {
        var out = svgHeader(width: 240, height: 60, title: "")
        out += "<rect width=\"240\" height=\"60\" fill=\"white\"/>\n"
        out += "<text x=\"120\" y=\"34\" text-anchor=\"middle\" font-size=\"12\" fill=\"#666666\">no charts</text>\n"
        return out + "</svg>\n"
    }
    let columns = max(1, min(columns, charts.count))
    let rows = (charts.count + columns - 1) / columns
    let cellWidth = charts.map { max(Int(ChartMetrics.minimumWidth), $0.width) }.max()!
    let cellHeight = charts.map { max(Int(ChartMetrics.minimumHeight), $0.height) }.max()!
    let totalWidth = cellWidth * columns, totalHeight = cellHeight * rows
    let titles = charts.map(\.title).filter { !$0.isEmpty }
    var out = svgHeader(width: totalWidth, height: totalHeight, title: titles.joined(separator: "; "))
    out += "<rect width=\"\(totalWidth)\" height=\"\(totalHeight)\" fill=\"white\"/>\n"
    let scale = columns > 1 ? gridTextScale * Double(columns) : 1
    for (index, chart) in charts.enumerated() {
        let x = (index % columns) * cellWidth, y = (index / columns) * cellHeight
        var panel = chart
        panel.width = Int((Double(cellWidth) / scale).rounded())
        panel.height = Int((Double(cellHeight) / scale).rounded())
        let transform = scale == 1 ? "translate(\(x),\(y))" : "translate(\(x),\(y)) scale(\(fmt(scale)))"
        out += "<g class=\"panel\" transform=\"\(transform)\">\n"
        out += ChartRenderer(chart: panel, idPrefix: "p\(index)-").render()
        out += "</g>\n"
    }
    return out + "</svg>\n"
}

/// How much larger a grid's text is per column (`svgGrid`).
public let gridTextScale = 0.8

func svgHeader(width: Int, height: Int, title: String) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" "
    out += "viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\">\n"
    if !title.isEmpty { out += "<title>\(xmlEscaped(title))</title>\n" }
    return out
}
