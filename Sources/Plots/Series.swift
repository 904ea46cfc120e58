/// One line of a chart: a label for the legend and its (x, y) points, drawn in the given order,
/// with an optional band around it.
///
/// Non-finite coordinates (NaN, ±infinity) are allowed: they break the line into separate
/// pieces (a gap) instead of being drawn. A point with no finite neighbour still gets a marker,
/// so it stays visible.
public struct Series: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]
    /// A shaded interval around the line, e.g. the mean ± the standard deviation over seeds.
    public var band: Band?
    /// Draw the line dashed (series of the secondary axis are always dashed).
    public var dashed: Bool
    /// A CSS colour ("#0072B2"); `nil` takes the next colour of the chart's palette.
    public var color: String?
    /// Markers at the points: `nil` follows the chart (`LineChart.showsMarkers`); `false` for
    /// a line whose points are not data, such as the corners of a step function.
    public var showsMarkers: Bool? = nil

    /// Points from two arrays; when their lengths differ the extra values are ignored.
    public init(label: String, x: [Double], y: [Double], band: Band? = nil, dashed: Bool = false) {
        self.label = label
        self.points = zip(x, y).map { (x: $0, y: $1) }
        self.band = band
        self.dashed = dashed
        self.color = nil
    }

    public init(label: String, points: [(x: Double, y: Double)], band: Band? = nil, dashed: Bool = false,
                color: String? = nil) {
        self.label = label
        self.points = points
        self.band = band
        self.dashed = dashed
        self.color = color
    }

    public var x: [Double] { points.map(\.x) }
    public var y: [Double] { points.map(\.y) }
}

extension Series {
    /// Per point of a series, the lower and upper end of an interval, drawn as a translucent
    /// area in the series' colour under its line.
    ///
    /// Entry `i` of each array belongs to the series' point `i` (at its x). A point whose ends
    /// are not both finite, or that has none (an array shorter than the series), leaves a gap
    /// that splits the band, as a gap splits the line; an isolated point is drawn as a narrow
    /// bar. The y axis's interval includes both ends. On a logarithmic y axis a point with an
    /// end ≤ 0 is left out of the band, and a note under the chart says how many were.
    /// The legend shows the series' line only.
    public struct Band: Sendable {
        public var lower: [Double]
        public var upper: [Double]

        public init(lower: [Double], upper: [Double]) {
            self.lower = lower
            self.upper = upper
        }

        /// From `center - spread` to `center + spread` at each point, e.g. the mean ± the
        /// standard deviation. When the lengths differ the extra values are ignored.
        public init(center: [Double], spread: [Double]) {
            lower = zip(center, spread).map { $0 - $1 }
            upper = zip(center, spread).map { $0 + $1 }
        }

        /// The same, with both ends kept within `range`, the values the quantity can take
        /// (a rank between 0 and its layer's width, an accuracy between 0 and 1): the mean ±
        /// the standard deviation of a few seeds would otherwise reach below 0 or above the width.
        public init(center: [Double], spread: [Double], within range: ClosedRange<Double>) {
            self.init(center: center, spread: spread)
            func clamped(_ value: Double) -> Double { value.isNaN ? value : min(max(value, range.lowerBound), range.upperBound) }
            lower = lower.map(clamped)
            upper = upper.map(clamped)
        }
    }
}

/// How values are placed along an axis.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// Decades 10^k evenly spaced. Negative values cannot be placed and are left out (with a
    /// note under the chart). On the x axis a value of exactly 0 is kept: it sits at a separate
    /// "0" tick at the left edge, set apart from the decades by a broken-axis mark.
    case logarithmic
}

/// Colour-blind-friendly colours: Okabe–Ito first (yellow last, as it is faint on white),
/// then a few from tab10. Charts cycle through them.
public let chartPalette: [String] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
    "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#F0E442",
]
