/// The legend's place and grid: one entry (line sample and label) per series.
///
/// It goes on the right of the plot, in as many columns as the plot's height requires, when
/// that still leaves the plot at least half the chart's width; otherwise under the x axis
/// label, in as many columns as fit the width.
struct LegendLayout: Equatable {
    /// On the right (filled column by column), or underneath (filled row by row).
    var isRight: Bool
    var entryCount: Int
    var columns: Int
    var rows: Int
    var columnWidth: Double
    /// The top left corner of the box, set by `place`.
    var x = 0.0
    var y = 0.0

    typealias M = ChartMetrics
    /// Before the line sample, between sample and label, and after the label.
    static let padding = (before: 8.0, between: 6.0, after: 8.0)

    init(labels: [String], plotLeft: Double, rightEdge: Double, plotHeight: Double, chartWidth: Double) {
        let labelWidth = labels.map { textWidth($0, size: M.legendSize) }.max() ?? 0
        let entryWidth = Self.padding.before + M.legendSample + Self.padding.between + labelWidth + Self.padding.after
        entryCount = labels.count
        let perColumn = max(1, Int((plotHeight - 8) / M.legendRowHeight))
        let rightColumns = (entryCount + perColumn - 1) / perColumn
        if rightEdge - M.legendGap - Double(rightColumns) * entryWidth - plotLeft >= 0.5 * chartWidth {
            isRight = true
            columns = rightColumns
            columnWidth = entryWidth
        } else {
            isRight = false
            let room = rightEdge - M.margin
            columnWidth = min(entryWidth, room)
            columns = max(1, Int(room / columnWidth))
        }
        rows = (entryCount + columns - 1) / columns
    }

    /// Sets the box's corner: beside the plot and the right axis, or centred under the x
    /// axis label (under the plot, unless that pushes it out of the chart).
    mutating func place(plot: PlotArea, rightAxisWidth: Double, hasXLabel: Bool, chartWidth: Double) {
        if isRight {
            x = plot.right + rightAxisWidth + M.legendGap
            y = plot.top
        } else {
            x = max(M.margin, min((plot.left + plot.right) / 2, chartWidth / 2) - width / 2)
            y = plot.bottom + M.tickLength + M.tickLabelGap + M.tickSize + (hasXLabel ? M.axisLabelGap + M.labelSize : 0) + 10
        }
    }

    /// Columns actually used: a legend underneath may have room for more than it has entries.
    var usedColumns: Int { min(columns, entryCount) }
    var width: Double { Double(usedColumns) * columnWidth }
    var height: Double { Double(rows) * M.legendRowHeight + 8 }
    /// The room a legend underneath takes below the x axis label.
    var heightBelow: Double { 10 + Double(rows) * M.legendRowHeight + 8 }
    /// How wide a label may be before it is cut.
    var maximumLabelWidth: Double { columnWidth - (Self.padding.before + M.legendSample + Self.padding.between + 6) }

    /// The left edge and the vertical centre of entry `index`.
    func entry(_ index: Int) -> (x: Double, centreY: Double) {
        let column = isRight ? index / rows : index % usedColumns
        let row = isRight ? index % rows : index / usedColumns
        return (x + Double(column) * columnWidth, y + 4 + (Double(row) + 0.5) * M.legendRowHeight)
    }
}
