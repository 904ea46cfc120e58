import ArgumentParser
import CommandLineSupport
import Foundation
import LocalRank
import Platform
import Plots
import RunFormat
import TerminalProgress

/// One run of a β sweep at its last checkpoint.
struct SweepRow {
    var file: String
    var beta: Double
    var checkpoint: AnalyzedCheckpoint
}

extension RankCommand {
    /// `--by beta`: the last checkpoint of each run, one row per run in order of β.
    func analyzeSweep(measures: MeasureRequest) throws {
        var rows = [SweepRow]()
        var analyzed: CheckpointNetwork.AnalyzedLayers?
        var metricNames = Set<String>()
        var theory: GaussianInformationBottleneck?
        var probeCount = 0
        // `sweeps/*.h5` also matches the runs' own analysis caches (`*.lr.h5`): skip them.
        for path in files where !path.hasSuffix(".lr.h5") {
            let analyzer = try RunAnalyzer(runPath: path, probeCount: probe, threads: threads ?? CurrentProcess.coreCount,
                                           recompute: recompute, showsProgress: false, producer: producer)
            guard let beta = analyzer.run.model.bottleneck?.beta else {
                throw RunFormatError(file: path, problem: "has no /model@beta; --by beta compares DVIB runs")
            }
            if let analyzed, analyzed != analyzer.layers {
                throw RunFormatError(file: path, problem: "has other layers than \(files[0]); a sweep compares runs of one shape")
            }
            analyzed = analyzer.layers
            probeCount = analyzer.probeCount
            let steps = try analyzer.run.steps()
            guard let last = steps.last else { throw RunFormatError(file: path, problem: "has no checkpoints") }
            let results = try analyzer.analyze(CheckpointSelection.steps([last...last]), measures: measures)
            metricNames.formUnion(try analyzer.run.metricNames())
            if theory == nil, analyzer.run.hasJointCovariance {
                theory = try GaussianInformationBottleneck(run: analyzer.run)
            }
            rows.append(SweepRow(file: path, beta: beta, checkpoint: results[0]))
        }
        guard let analyzed else { throw ValidationError("no run files among the files given (only analysis caches)") }
        rows.sort { $0.beta < $1.beta }
        let report = Report(file: rows.count == 1 ? rows[0].file : "\(rows.count) runs", analyzed: analyzed, measures: measures,
                            layers: try selectLayers(count: analyzed.sizes.count - 1, file: rows[0].file),
                            probeCount: probeCount,
                            metricNames: metricNames.sorted())
        print(report.renderSweep(rows, theory: theory, format: format), terminator: "")
        if let plot { try report.writeSweepPlot(rows, theory: theory, to: plot) }
        let nonFinite = rows.filter { !$0.checkpoint.isFinite }
        if !nonFinite.isEmpty {
            tool.reportError("\(nonFinite.map(\.file).joined(separator: ", ")): the last checkpoint has NaN or infinite weights")
            throw ExitCode(4)
        }
    }
}

extension Report {
    /// The columns a sweep table shows besides the measure: accuracy, task loss and KL on
    /// the test set, when the runs recorded them.
    var sweepMetrics: [String] {
        ["test_accuracy", "test_accuracy_sampled", "test_task_loss", "test_kl"].filter(metricNames.contains)
    }

    func renderSweep(_ rows: [SweepRow], theory: GaussianInformationBottleneck?, format: OutputFormat) -> String {
        switch format {
        case .json:
            return json(rows.map(\.checkpoint), sweep: AnalysisOutput.Sweep(betas: rows.map(\.beta), files: rows.map(\.file)))
        case .csv:
            var lines = [(["measure", "eps", "beta", "step"] + sweepMetrics + layers.map { "layer_\($0)" } + (theory == nil ? [] : ["theory_rank"])).joined(separator: ",")]
            for (t, epsilon) in thresholds.enumerated() {
                for row in rows {
                    let values = layers.map { "\(row.checkpoint.summary(threshold: t, layer: $0).mean)" }
                    let metrics = sweepMetrics.map { row.checkpoint.metrics[$0].map { "\($0)" } ?? "" }
                    let predicted = theory.map { ["\($0.rank(atCompressionBeta: row.beta))"] } ?? []
                    lines.append(([measure.rawValue, epsilon.isNaN ? "" : "\(epsilon)", "\(row.beta)", "\(row.checkpoint.step)"] + metrics + values + predicted).joined(separator: ","))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        case .table:
            var out = ""
            for (t, epsilon) in thresholds.enumerated() {
                out += "\(measure.rawValue)\(epsilon.isNaN ? "" : ", eps = \(thresholdLabel(epsilon))") at the last checkpoint, by β (loss = task + β·KL)\n"
                let headers = ["beta", "step"] + sweepMetrics + layerHeaders + (theory == nil ? [] : ["theory rank"])
                let cells = rows.map { row -> [String] in
                    let metrics = sweepMetrics.map { row.checkpoint.metrics[$0].map { formatMetric($0) } ?? "" }
                    let values = layers.map { row.checkpoint.isFinite ? TerminalProgress.format(row.checkpoint.summary(threshold: t, layer: $0).mean, digits: 2) : "non-finite" }
                    let predicted = theory.map { ["\($0.rank(atCompressionBeta: row.beta))"] } ?? []
                    return [formatSignificant(row.beta, digits: 3), "\(row.checkpoint.step)"] + metrics + values + predicted
                }
                out += alignedTable(headers: headers, rows: cells) + "\n"
            }
            return out
        }
    }

    /// The measure of every analyzed layer against β, with accuracy (or task loss) on the
    /// right axis and, for Gaussian data, the theory's critical β as marks.
    func writeSweepPlot(_ rows: [SweepRow], theory: GaussianInformationBottleneck?, to path: String) throws {
        let betas = rows.map(\.beta)
        let charts = thresholds.enumerated().map { t, epsilon -> LineChart in
            var series = layers.map { layer in
                Series(label: layerLabel(layer), x: betas, y: rows.map { $0.checkpoint.summary(threshold: t, layer: layer).mean })
            }
            if let theory {
                series.append(Series(label: "theory: optimal encoder rank", x: betas,
                                     y: betas.map { Double(theory.rank(atCompressionBeta: $0)) }, dashed: true))
            }
            let name = measure == .localRank ? "Local rank" : measure.rawValue
            var chart = LineChart(title: "\(name)\(epsilon.isNaN ? "" : " (ε = \(thresholdLabel(epsilon)))") against β",
                                  xLabel: "β (loss = task + β·KL)", yLabel: name, xScale: .logarithmic, series: series)
            let secondaryName = metricNames.contains("test_accuracy") ? "test_accuracy" : "test_task_loss"
            if metricNames.contains(secondaryName) {
                chart.secondary = (label: secondaryName.replacingOccurrences(of: "_", with: " "),
                                   series: [Series(label: secondaryName.replacingOccurrences(of: "_", with: " "), x: betas,
                                                   y: rows.map { $0.checkpoint.metrics[secondaryName] ?? .nan })])
            }
            if let theory {
                let low = betas.min() ?? 0, high = betas.max() ?? 0
                chart.verticalMarks = theory.criticalBetasCompression.enumerated()
                    .filter { $0.element >= low && $0.element <= high }
                    .map { (x: $0.element, label: "β\($0.offset + 1)") }
            }
            return chart
        }
        let svg = charts.count == 1 ? charts[0].svg() : svgGrid(charts, columns: min(charts.count, 2))
        try writeOutputFile(svg, to: path)
    }
}

