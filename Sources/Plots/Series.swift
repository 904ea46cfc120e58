/// One line of a chart: a label for the legend and its (x, y) points, drawn in the given order.
///
/// Non-finite coordinates (NaN, ±infinity) are allowed: they break the line into separate
/// pieces (a gap) instead of being drawn. A point with no finite neighbour still gets a marker,
/// so it stays visible.
public struct Series: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]
    /// Draw the line dashed (series of the secondary axis are always dashed).
    public var dashed: Bool
    /// A CSS colour ("#0072B2"); `nil` takes the next colour of the chart's palette.
    public var color: String?

    /// Points from two arrays; when their lengths differ the extra values are ignored.
    public init(label: String, x: [Double], y: [Double], dashed: Bool = false) {
        self.label = label
        self.points = zip(x, y).map { (x: $0, y: $1) }
        self.dashed = dashed
        self.color = nil
    }

    public init(label: String, points: [(x: Double, y: Double)], dashed: Bool = false, color: String? = nil) {
        self.label = label
        self.points = points
        self.dashed = dashed
        self.color = color
    }

    public var x: [Double] { points.map(\.x) }
    public var y: [Double] { points.map(\.y) }
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
