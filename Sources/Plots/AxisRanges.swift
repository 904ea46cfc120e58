/// What the axes show: the scales once the fallbacks are applied, the data intervals, and the
/// notes that tell the reader which values could not be shown.
///
/// Decided from the data alone, before any pixel is known; `ChartLayout` then fits these
/// intervals to the plot area.
struct AxisRanges {
    /// The x scale: a logarithmic axis without any positive value falls back to linear.
    var xScale: AxisScale
    /// The log x axis has a separate "0" slot at its left end, because some data sit at x = 0.
    var zeroSlot: Bool
    var x: (lo: Double, hi: Double)
    var yScale: AxisScale
    var y: (lo: Double, hi: Double)
    /// The right-hand axis's interval, when the chart has one (always linear).
    var secondary: (lo: Double, hi: Double)?
    /// Lines printed under the chart, in order: values left out, the chart's own note, then
    /// series drawn over others (`PreparedSeries.markCoincidences`).
    var notes: [String]

    init(chart: LineChart, series: [PreparedSeries]) {
        let dataX = series.flatMap(\.drawableX)
        let markX = chart.verticalMarks.map(\.x).filter(\.isFinite)
        let (xScale, xNotes) = Self.resolvedXScale(chart.xScale, dataX: dataX, markX: markX)
        let zeroSlot = xScale == .logarithmic && dataX.contains(0)
        self.xScale = xScale
        self.zeroSlot = zeroSlot
        x = Self.xDomain(dataX + markX, scale: xScale)
        yScale = chart.yScale
        notes = xNotes

        let placesX = { Self.places($0, scale: xScale, zeroSlot: zeroSlot) }
        let primary = series.filter { !$0.secondary }
        var primaryY = primary.flatMap { $0.finiteY(where: placesX) }
        var primaryBand = primary.flatMap { $0.finiteBand(where: placesX) }
        if yScale == .logarithmic {
            let nonPositive = primaryY.filter { $0 <= 0 }.count
            if nonPositive > 0 { notes.append("\(counted(nonPositive, "point")) with y ≤ 0 not shown (log axis)") }
            primaryY = primaryY.filter { $0 > 0 }
            let bandOut = primaryBand.filter { min($0.lower, $0.upper) <= 0 }.count
            if bandOut > 0 { notes.append("\(counted(bandOut, "band point")) with an end ≤ 0 not shown (log axis)") }
            primaryBand = primaryBand.filter { min($0.lower, $0.upper) > 0 }
        }
        y = Self.valueDomain(primaryY + primaryBand.flatMap { [$0.lower, $0.upper] }, scale: yScale, fixed: chart.yRange)
        if chart.secondary != nil {
            let right = series.filter(\.secondary)
            let secondaryY = right.flatMap { $0.finiteY(where: placesX) + $0.finiteBand(where: placesX).flatMap { [$0.lower, $0.upper] } }
            secondary = Self.valueDomain(secondaryY, scale: .linear, fixed: chart.secondaryRange)
        }
        if let note = chart.note, !note.isEmpty { notes.append(note) }
    }

    /// Whether the x axis has a place for `x`: any finite value on a linear axis; on a log
    /// axis positive values, and 0 when there is a "0" slot.
    func placesX(_ x: Double) -> Bool {
        Self.places(x, scale: xScale, zeroSlot: zeroSlot)
    }

    /// The vertical marks the x axis can show. The "0" slot stands apart from the decades,
    /// so a mark there would mean nothing and is left out.
    func visibleMarks(_ marks: [(x: Double, label: String)]) -> [(x: Double, label: String)] {
        marks.filter { placesX($0.x) && !(xScale == .logarithmic && $0.x == 0) }
    }

    // MARK: Steps

    private static func places(_ x: Double, scale: AxisScale, zeroSlot: Bool) -> Bool {
        x.isFinite && (scale == .linear || x > 0 || (x == 0 && zeroSlot))
    }

    /// The requested x scale, or linear when a log axis would have no positive value to show,
    /// with the notes explaining either what was dropped or that the scale changed.
    static func resolvedXScale(_ requested: AxisScale, dataX: [Double], markX: [Double]) -> (AxisScale, [String]) {
        guard requested == .logarithmic else { return (.linear, []) }
        guard (dataX + markX).contains(where: { $0 > 0 }) else {
            return (.linear, dataX.isEmpty ? [] : ["no positive x values: linear x axis"])
        }
        let negative = dataX.filter { $0 < 0 }.count
        return (.logarithmic, negative > 0 ? ["\(counted(negative, "point")) with x < 0 not shown (log axis)"] : [])
    }

    /// Exactly the span of the values on a linear x axis (the layout leaves a few pixels at
    /// both ends instead), their positive decades on a log one.
    static func xDomain(_ values: [Double], scale: AxisScale) -> (lo: Double, hi: Double) {
        switch scale {
        case .linear: linearPositionDomain(values)
        case .logarithmic: logarithmicDomain(values.filter { $0 > 0 }, pad: 0)
        }
    }

    /// The interval of a y axis: `fixed` when it is usable on this scale, otherwise one that
    /// fits `values` (already filtered to what the scale can show).
    static func valueDomain(_ values: [Double], scale: AxisScale, fixed: ClosedRange<Double>?) -> (lo: Double, hi: Double) {
        if let fixed, fixed.lowerBound < fixed.upperBound, fixed.lowerBound.isFinite, fixed.upperBound.isFinite,
           scale == .linear || fixed.lowerBound > 0 {
            return (fixed.lowerBound, fixed.upperBound)
        }
        switch scale {
        case .linear: return linearValueDomain(values)
        case .logarithmic: return logarithmicDomain(values, pad: 0.05)
        }
    }
}

/// "1 point", "3 points".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
