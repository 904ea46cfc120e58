import ChartFiles
import CommandLineSupport
import Foundation
import LocalRank
import Platform
import Plots
import RealModule
import RunFormat
import TerminalProgress

/// Renders analyzed checkpoints as a table, CSV or JSON (`schemas/analysis-output-v1.md`),
/// and as an SVG chart.
struct Report {
    var file: String
    /// The analyzed layers' names and widths (a DVIB's encoder and μ).
    var analyzed: CheckpointNetwork.AnalyzedLayers
    /// The measure and thresholds (NaN: none, for effective and stable rank).
    var measures: MeasureRequest
    var layers: [Int]
    var probeCount: Int
    var metricNames: [String]

    var measure: RankMeasure { measures.measure }
    var thresholds: [Double] { measures.thresholds }

    func thresholdLabel(_ epsilon: Double) -> String {
        epsilon.isNaN ? "" : shortNumber(epsilon)
    }

    func render(_ results: [AnalyzedCheckpoint], format: OutputFormat, header: Bool = true) -> String {
        switch format {
        case .table: return header ? table(results) : tableRows(results)
        case .csv: return csv(results, header: header)
        case .json: return json(results)
        }
    }

    func layerLabel(_ layer: Int) -> String { "\(analyzed.names[layer]) (\(analyzed.sizes[layer + 1]))" }

    var layerHeaders: [String] { layers.map(layerLabel) }

    func cells(_ checkpoint: AnalyzedCheckpoint, threshold t: Int) -> [String] {
        let metrics = metricNames.map { name in checkpoint.metrics[name].map { formatMetric($0) } ?? "–" }
        let values = layers.map { layer -> String in
            checkpoint.isFinite ? format(checkpoint.summary(threshold: t, layer: layer).mean, digits: 2) : "non-finite"
        }
        return [String(checkpoint.step)] + metrics + values
    }

    func formatMetric(_ value: Double) -> String { formatQuantity(value) }

    func table(_ results: [AnalyzedCheckpoint]) -> String {
        var out = ""
        for (t, epsilon) in thresholds.enumerated() {
            let title = "\(measure.rawValue)\(epsilon.isNaN ? "" : ", eps = \(thresholdLabel(epsilon))")  (\(file): \(results.count) checkpoints, \(probeCount) probe inputs)"
            let headers = ["step"] + metricNames + layerHeaders
            let rows = results.map { cells($0, threshold: t) }
            out += title + "\n" + alignedTable(headers: headers, rows: rows) + "\n"
        }
        return out
    }

    /// Rows for `--follow`: one line per checkpoint and threshold, no header.
    func tableRows(_ results: [AnalyzedCheckpoint]) -> String {
        var out = ""
        for checkpoint in results {
            for (t, epsilon) in thresholds.enumerated() {
                let prefix = thresholds.count > 1 ? "eps \(thresholdLabel(epsilon))  " : ""
                out += prefix + cells(checkpoint, threshold: t).joined(separator: "  ") + "\n"
            }
        }
        return out
    }

    func csv(_ results: [AnalyzedCheckpoint], header: Bool) -> String {
        var lines = [String]()
        if header {
            lines.append((["measure", "eps", "step"] + metricNames + layers.map { "layer_\($0)" } + layers.map { "layer_\($0)_std" })
                .joined(separator: ","))
        }
        for (t, epsilon) in thresholds.enumerated() {
            for checkpoint in results {
                let metrics = metricNames.map { name in checkpoint.metrics[name].map { "\($0)" } ?? "" }
                let summaries = layers.map { checkpoint.summary(threshold: t, layer: $0) }
                let values = summaries.map { checkpoint.isFinite ? "\($0.mean)" : "nan" }
                let deviations = summaries.map { checkpoint.isFinite ? "\($0.standardDeviation)" : "nan" }
                lines.append(([measure.rawValue, epsilon.isNaN ? "" : "\(epsilon)", String(checkpoint.step)] + metrics + values + deviations)
                    .joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON document (`schemas/analysis-output-v1.md`).
    func json(_ results: [AnalyzedCheckpoint], sweep: AnalysisOutput.Sweep? = nil) -> String {
        AnalysisOutput(report: self, results: results, sweep: sweep).encoded()
    }

    /// One chart per threshold: the measure of each layer against the training step.
    func writePlot(_ results: [AnalyzedCheckpoint], to path: String) throws {
        let steps = results.map { Double($0.step) }
        let logarithmic = prefersLogarithmicAxis(steps)
        let charts = thresholds.enumerated().map { t, epsilon -> LineChart in
            let series = layers.map { layer in
                Series(label: layerLabel(layer), x: steps, y: results.map { $0.summary(threshold: t, layer: layer).mean })
            }
            let name = measure == .localRank ? "Local rank" : measure.rawValue.replacingOccurrences(of: "-", with: " ").capitalizedFirst
            let title = "\(name)\(epsilon.isNaN ? "" : " (ε = \(thresholdLabel(epsilon)))") over training: \(basename(file))"
            return LineChart(title: title, xLabel: "training step", yLabel: name,
                             xScale: logarithmic ? .logarithmic : .linear, series: series)
        }
        let svg = charts.count == 1 ? charts[0].svg() : svgGrid(charts, columns: min(charts.count, 2))
        try writeChart(svg, to: path)
    }
}

/// Writes a chart in the format `path`'s extension names (`--plot` checked it): SVG, or PNG
/// and PDF rendered by librsvg.
func writeChart(_ svg: String, to path: String) throws {
    try createParentDirectories(of: path)
    do {
        try ChartFile.write(svg: svg, to: path, format: ChartFormat(path: path) ?? .svg)
    } catch let error as SystemError {
        throw OutputFileError(path: path, reason: error)
    }
}

func basename(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

/// "1e-3", "0.01": the shortest faithful spelling of a threshold.
func shortNumber(_ value: Double) -> String {
    let exponent = Double.log10(abs(value))
    if value != 0, exponent == exponent.rounded() { return "1e\(Int(exponent))" }
    return "\(value)"
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Aligns columns: the first left-aligned, the rest right-aligned.
func alignedTable(headers: [String], rows: [[String]]) -> String {
    var widths = headers.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            let pad = String(repeating: " ", count: widths[i] - cell.count)
            return i == 0 ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }
    return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
}
