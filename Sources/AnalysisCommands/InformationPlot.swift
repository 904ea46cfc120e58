import LocalRank
import Plots

/// One layer's path through the information plane: a point per checkpoint, its step, and
/// whether its I(X;T) is saturated there.
struct PlaneCurve {
    var label: String
    var inputInformation: [Double]
    var labelInformation: [Double]
    var steps: [Double]
    var saturated: [Bool]
}

extension InformationReport {
    /// The information plane (Shwartz-Ziv and Tishby, 2017): I(T;Y) against I(X;T), one
    /// curve per layer through its checkpoints, the points coloured by training step on a log
    /// scale; saturated points are rings. Without labels, I(X;T) against the training step,
    /// with the line that says why.
    func planeChart(title: String, curves: [PlaneCurve]) -> LineChart {
        let saturatedNote = curves.contains { $0.saturated.contains(true) }
            ? "rings: saturated, I(X;T) within 1% of log₂ N = \(formatBits(maximumBits)) bits" : nil
        guard let entropy = classEntropy else {
            var chart = LineChart(title: title, xLabel: "training step", yLabel: "I(X;T) (bits)", xScale: .logarithmic,
                                  series: curves.map { Series(label: $0.label, x: $0.steps, y: $0.inputInformation) })
            chart.note = [missingLabelsLine, saturatedNote].compactMap { $0 }.joined(separator: " ")
            return chart
        }
        let series = curves.map { curve in
            var series = Series(label: curve.label, x: curve.inputInformation, y: curve.labelInformation)
            series.pointValues = curve.steps
            series.hollowPoints = curve.saturated
            return series
        }
        var chart = LineChart(title: title, xLabel: "I(X;T) (bits)", yLabel: "I(T;Y) (bits)", series: series)
        chart.colorScale = ColorScale(label: "training step", scale: .logarithmic)
        let ys = curves.flatMap(\.labelInformation).filter(\.isFinite)
        let xs = curves.flatMap(\.inputInformation).filter(\.isFinite)
        chart.xRange = min(0, xs.min() ?? 0)...max(maximumBits, xs.max() ?? 0)
        chart.yRange = min(0, ys.min() ?? 0)...max(entropy, ys.max() ?? 0) * 1.02
        chart.note = saturatedNote
        // Taller than the default, so that the plane stays readable above its legend of layers.
        chart.height = Self.panelHeight
        return chart
    }

    static let panelHeight = 600

    /// Local rank at ε against the training step, one line per layer, as `lr-analyze --plot` draws it.
    func rankChart(title: String, steps: [[Double]], values: [[Double]]) -> LineChart {
        let series = layers.indices.map { Series(label: layerLabel(layers[$0]), x: steps[$0], y: values[$0]) }
        var chart = LineChart(title: title, xLabel: "training step", yLabel: "local rank", xScale: .logarithmic, series: series)
        chart.height = Self.panelHeight
        return chart
    }

    /// "binning, 30 bins" or "kde upper bounds, s² = 0.1": what a plane shows.
    var planeSubtitle: String {
        switch estimator {
        case .binning(let bins, let range):
            "binning, \(bins) bins" + (range.map { " over [\(shortNumber($0.lowerBound)), \(shortNumber($0.upperBound))]" } ?? "")
        case .kernelDensity(let variance):
            "kde upper bounds, s² = \(shortNumber(variance))"
        }
    }

    /// The plane of one run, with its local rank beside it when `rankEpsilon` is given.
    func planes(_ run: InformationRun, rankEpsilon: Double?) -> String {
        let finite = run.checkpoints.filter(\.isFinite)
        let curves = layers.map { layer in
            PlaneCurve(label: layerLabel(layer),
                       inputInformation: finite.map { $0.estimates[layer].inputInformation },
                       labelInformation: finite.map { $0.estimates[layer].labelInformation ?? .nan },
                       steps: finite.map { Double($0.step) }, saturated: finite.map { $0.estimates[layer].saturated })
        }
        var charts = [planeChart(title: "Information plane (\(planeSubtitle)): \(basename(run.file))", curves: curves)]
        if let rankEpsilon, let rank = run.rank?.filter(\.isFinite) {
            let steps = rank.map { Double($0.step) }
            charts.append(rankChart(title: "Local rank (ε = \(shortNumber(rankEpsilon))): \(basename(run.file))",
                                    steps: layers.map { _ in steps },
                                    values: layers.map { layer in rank.map { $0.summary(threshold: 0, layer: layer).mean } }))
        }
        return charts.count == 1 ? charts[0].svg() : svgGrid(charts, columns: 2)
    }
}

/// Bits for people: two decimals.
func formatBits(_ value: Double) -> String {
    value.isFinite ? String(Double((value * 100).rounded()) / 100) : "–"
}
