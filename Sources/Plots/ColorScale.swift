import RealModule

/// Colours a chart's markers by a value of each point (e.g. the training step), read off a
/// colour bar right of the plot, as the information-plane figures of Shwartz-Ziv and Tishby
/// (2017) colour their points by epoch. The colours are viridis's (perceptually uniform,
/// readable by colour-blind readers and in greyscale).
public struct ColorScale: Sendable {
    /// The colour bar's label.
    public var label: String
    /// On a logarithmic scale, values ≤ 0 (the checkpoint at step 0) take the lowest colour.
    public var scale: AxisScale

    public init(label: String, scale: AxisScale = .linear) {
        self.label = label
        self.scale = scale
    }

    /// Viridis at 0, 1/8, …, 1 (matplotlib's); colours in between are interpolated.
    static let anchors: [(red: Double, green: Double, blue: Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2C, 0x7A), (0x3B, 0x51, 0x8B), (0x2C, 0x71, 0x8E), (0x21, 0x90, 0x8D),
        (0x27, 0xAD, 0x81), (0x5C, 0xC8, 0x63), (0xAA, 0xDC, 0x32), (0xFD, 0xE7, 0x25),
    ]

    /// The colour at `fraction` (0 … 1) of the scale, as "#rrggbb".
    static func color(at fraction: Double) -> String {
        let position = min(max(fraction.isFinite ? fraction : 0, 0), 1) * Double(anchors.count - 1)
        let index = min(Int(position), anchors.count - 2), t = position - Double(index)
        let (a, b) = (anchors[index], anchors[index + 1])
        func channel(_ x: Double, _ y: Double) -> String {
            let value = Int((x + (y - x) * t).rounded())
            let digits = String(value, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "#" + channel(a.red, b.red) + channel(a.green, b.green) + channel(a.blue, b.blue)
    }
}

/// The colour bar in pixels: its rectangle, its ticks, and where its label goes.
struct ColorBarLayout {
    var map: AxisMap
    var ticks: [Tick]
    var x: Double
    var labelX: Double

    static let gap = 14.0
    static let barWidth = 12.0

    /// The room the bar takes right of the plot: the gap, the bar, its ticks and labels, its label.
    static func room(domain: (lo: Double, hi: Double), scale: AxisScale, plotHeight: Double, label: String) -> Double {
        typealias M = ChartMetrics
        let labelWidth = widestLabel(verticalTicks(domain, scale: scale, length: plotHeight))
        return gap + barWidth + M.tickLength + M.tickLabelGap + labelWidth + (label.isEmpty ? 0 : 8 + M.labelSize)
    }

    init(domain: (lo: Double, hi: Double), scale: AxisScale, plot: PlotArea, left: Double) {
        typealias M = ChartMetrics
        map = AxisMap(scale: scale, lo: domain.lo, hi: domain.hi, start: plot.bottom, end: plot.top)
        ticks = verticalTicks(domain, scale: scale, length: plot.height)
        x = left + Self.gap
        labelX = x + Self.barWidth + M.tickLength + M.tickLabelGap + widestLabel(ticks) + 8 + M.labelSize * 0.2
    }

    /// Where `value` sits along the bar, 0 at the bottom and 1 at the top.
    func fraction(_ value: Double) -> Double {
        guard let position = map.position(value) else { return 0 }
        return (map.start - position) / (map.start - map.end)
    }
}
