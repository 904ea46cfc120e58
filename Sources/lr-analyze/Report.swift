import CommandLineSupport
import Foundation
import LocalRank
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
    var measure: RankMeasure
    /// NaN stands for "no threshold" (effective and stable rank).
    var thresholds: [Double]
    var layers: [Int]
    var probeCount: Int
    var metricNames: [String]

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

    func cells(_ checkpoint: AnalyzedCheckpoint, epsilon: Double) -> [String] {
        let metrics = metricNames.map { name in checkpoint.metrics[name].map { formatMetric($0) } ?? "" }
        let values = layers.map { layer -> String in
            checkpoint.isFinite ? format(checkpoint.summary(measure, layer: layer, epsilon: epsilon).mean, digits: 2) : "non-finite"
        }
        return [String(checkpoint.step)] + metrics + values
    }

    func formatMetric(_ value: Double) -> String {
        guard value.isFinite else { return format(value, digits: 0) }
        return abs(value) >= 1e-3 || value == 0 ? format(value, digits: 4) : formatScientific(value)
    }

    func table(_ results: [AnalyzedCheckpoint]) -> String {
        var out = ""
        for epsilon in thresholds {
            let title = "\(measure.rawValue)\(epsilon.isNaN ? "" : ", eps = \(thresholdLabel(epsilon))")  (\(file): \(results.count) checkpoints, \(probeCount) probe inputs)"
            let headers = ["step"] + metricNames + layerHeaders
            let rows = results.map { cells($0, epsilon: epsilon) }
            out += title + "\n" + alignedTable(headers: headers, rows: rows) + "\n"
        }
        return out
    }

    /// Rows for `--follow`: one line per checkpoint and threshold, no header.
    func tableRows(_ results: [AnalyzedCheckpoint]) -> String {
        var out = ""
        for checkpoint in results {
            for epsilon in thresholds {
                let prefix = thresholds.count > 1 ? "eps \(thresholdLabel(epsilon))  " : ""
                out += prefix + cells(checkpoint, epsilon: epsilon).joined(separator: "  ") + "\n"
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
        for epsilon in thresholds {
            for checkpoint in results {
                let metrics = metricNames.map { name in checkpoint.metrics[name].map { "\($0)" } ?? "" }
                let summaries = layers.map { checkpoint.summary(measure, layer: $0, epsilon: epsilon) }
                let values = summaries.map { checkpoint.isFinite ? "\($0.mean)" : "nan" }
                let deviations = summaries.map { checkpoint.isFinite ? "\($0.standardDeviation)" : "nan" }
                lines.append(([measure.rawValue, epsilon.isNaN ? "" : "\(epsilon)", String(checkpoint.step)] + metrics + values + deviations)
                    .joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `extraFields` (name, JSON value) come before `checkpoints`, e.g. a sweep's β values.
    func json(_ results: [AnalyzedCheckpoint], extraFields: [(name: String, value: String)] = []) -> String {
        func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
        let string = jsonString
        var out = "{\n"
        out += "  \"file\": \(string(file)),\n"
        out += "  \"measure\": \(string(measure.rawValue)),\n"
        out += "  \"eps\": [\(thresholds.map(number).joined(separator: ", "))],\n"
        out += "  \"probe_count\": \(probeCount),\n"
        out += "  \"layers\": [\(layers.map { "{\"index\": \($0), \"name\": \(string(analyzed.names[$0])), \"width\": \(analyzed.sizes[$0 + 1])}" }.joined(separator: ", "))],\n"
        for field in extraFields { out += "  \(string(field.name)): \(field.value),\n" }
        out += "  \"checkpoints\": [\n"
        out += results.map { checkpoint in
            let metrics = metricNames.compactMap { name in
                checkpoint.metrics[name].map { "\(string(name)): \(number($0))" }
            }.joined(separator: ", ")
            let summaries = thresholds.map { epsilon in layers.map { checkpoint.summary(measure, layer: $0, epsilon: epsilon) } }
            let ranks = summaries.map { "[" + $0.map { number($0.mean) }.joined(separator: ", ") + "]" }.joined(separator: ", ")
            let deviations = summaries.map { "[" + $0.map { number($0.standardDeviation) }.joined(separator: ", ") + "]" }.joined(separator: ", ")
            return "    {\"step\": \(checkpoint.step), \"finite\": \(checkpoint.isFinite), \"metrics\": {\(metrics)}, \"local_rank\": [\(ranks)], \"rank_std\": [\(deviations)]}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    /// One chart per threshold: the measure of each layer against the training step.
    func writePlot(_ results: [AnalyzedCheckpoint], to path: String) throws {
        let steps = results.map { Double($0.step) }
        let logarithmic = prefersLogarithmicAxis(steps)
        let charts = thresholds.map { epsilon -> LineChart in
            let series = layers.map { layer in
                Series(label: layerLabel(layer), x: steps,
                       y: results.map { $0.summary(measure, layer: layer, epsilon: epsilon).mean })
            }
            let name = measure == .localRank ? "Local rank" : measure.rawValue.replacingOccurrences(of: "-", with: " ").capitalizedFirst
            let title = "\(name)\(epsilon.isNaN ? "" : " (ε = \(thresholdLabel(epsilon)))") over training: \(basename(file))"
            return LineChart(title: title, xLabel: "training step", yLabel: name,
                             xScale: logarithmic ? .logarithmic : .linear, series: series)
        }
        let svg = charts.count == 1 ? charts[0].svg() : svgGrid(charts, columns: min(charts.count, 2))
        try writeOutputFile(svg, to: path)
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
