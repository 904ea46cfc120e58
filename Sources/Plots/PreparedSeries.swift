/// A series as the chart draws it: the chart's defaults (palette colour, dashes, markers,
/// the right-axis suffix) already decided, so that later stages never look back at
/// `LineChart`'s two lists of series.
struct PreparedSeries {
    var label: String
    var color: String
    var dashed: Bool
    /// Drawn against the right-hand y axis.
    var secondary: Bool
    var markers: Bool
    var points: [(x: Double, y: Double)]
    /// The band's ends at each point (NaN where it has none), or `nil` for a series without one.
    var band: [(lower: Double, upper: Double)]?
    /// An earlier series on the same axis that this one covers (`Coincidence`): this one is
    /// then dashed so that the other shows through, and a note names both.
    var coincidence: Coincidence? = nil

    /// The chart's series in drawing and legend order: the left axis's, then the right axis's.
    ///
    /// Colours follow the palette across both lists. Once the palette wraps around, colours
    /// repeat, so those left-axis series are dashed to stay distinguishable; right-axis series
    /// are always dashed and say "(right axis)" in the legend.
    static func prepare(_ chart: LineChart) -> [PreparedSeries] {
        let secondary = chart.secondary?.series ?? []
        let all = chart.series.map { ($0, false) } + secondary.map { ($0, true) }
        return all.enumerated().map { index, entry in
            let (series, isSecondary) = entry
            return PreparedSeries(
                label: isSecondary ? series.label + " (right axis)" : series.label,
                color: series.color ?? chartPalette[index % chartPalette.count],
                dashed: isSecondary || series.dashed || index >= chartPalette.count,
                secondary: isSecondary,
                markers: series.showsMarkers ?? chart.showsMarkers ?? (series.points.count <= ChartMetrics.maximumMarkedPoints),
                points: series.points,
                band: series.band.map { aligned($0, count: series.points.count) })
        }
    }

    /// Dashes each series that lies on an earlier one of its axis (`Coincidence`, within 0.5%
    /// of the axis's span, about a pixel); returns the notes that say so.
    static func markCoincidences(_ series: inout [PreparedSeries], ranges: AxisRanges) -> [String] {
        var notes = [String]()
        for index in series.indices {
            guard let span = series[index].secondary ? ranges.secondary : ranges.y else { continue }
            let tolerance = 0.005 * (span.hi - span.lo)
            let current = series[index]
            let earlier = series[..<index].filter { $0.secondary == current.secondary }
            if let covered = earlier.lazy.compactMap({ Coincidence(current, covering: $0, tolerance: tolerance) }).first {
                series[index].coincidence = covered
                series[index].dashed = true
                notes.append(covered.note(for: series[index].label))
            }
        }
        return notes
    }

    /// The band's ends point by point, NaN where its arrays are too short.
    static func aligned(_ band: Series.Band, count: Int) -> [(lower: Double, upper: Double)] {
        (0..<count).map { i in
            (i < band.lower.count ? band.lower[i] : .nan, i < band.upper.count ? band.upper[i] : .nan)
        }
    }

    // MARK: Values for the axis ranges

    /// The x values of the points that can be drawn at all, whatever the axes: finite x, and
    /// a finite y or finite band ends.
    var drawableX: [Double] {
        points.indices.filter { points[$0].x.isFinite && (points[$0].y.isFinite || hasFiniteBand(at: $0)) }.map { points[$0].x }
    }

    /// The finite y values at the x values the x axis can place.
    func finiteY(where placesX: (Double) -> Bool) -> [Double] {
        points.filter { placesX($0.x) && $0.y.isFinite }.map(\.y)
    }

    /// The band's ends where both are finite, at the x values the x axis can place.
    func finiteBand(where placesX: (Double) -> Bool) -> [(lower: Double, upper: Double)] {
        guard let band else { return [] }
        return points.indices.filter { placesX(points[$0].x) && hasFiniteBand(at: $0) }.map { band[$0] }
    }

    private func hasFiniteBand(at index: Int) -> Bool {
        guard let band else { return false }
        return band[index].lower.isFinite && band[index].upper.isFinite
    }
}

/// A series drawn over an earlier one along most of its length (two layers at the same
/// rank): at least 80% of its finite points have a point of the other at the same x within
/// `tolerance`.
struct Coincidence: Equatable {
    var covered: String
    var shared: Int
    var total: Int

    init?(_ series: PreparedSeries, covering other: PreparedSeries, tolerance: Double) {
        let finite = series.points.filter { $0.x.isFinite && $0.y.isFinite }
        let theirs = Dictionary(other.points.filter { $0.x.isFinite && $0.y.isFinite }.map { ($0.x, $0.y) }, uniquingKeysWith: { a, _ in a })
        let shared = finite.filter { point in theirs[point.x].map { abs($0 - point.y) <= tolerance } ?? false }.count
        guard !finite.isEmpty, 5 * shared >= 4 * finite.count else { return nil }
        covered = other.label
        self.shared = shared
        total = finite.count
    }

    /// The note under the chart.
    func note(for label: String) -> String {
        "\(label) lies on \(covered) at \(shared) of \(total) points (drawn dashed)"
    }
}

/// Splits a line into its unbroken pieces: the runs of consecutive non-nil elements.
/// A `nil` (a point that cannot be placed) is a gap.
func unbrokenPieces<Point>(_ points: [Point?]) -> [[Point]] {
    var pieces: [[Point]] = []
    var current: [Point] = []
    for point in points {
        if let point {
            current.append(point)
        } else if !current.isEmpty {
            pieces.append(current)
            current = []
        }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
}
