import CommandLineSupport
import LocalRank
import Plots
import TerminalProgress

/// `--by`: runs grouped by settings, their seeds aggregated. Tables show each group at its
/// last step and its final-phase trends; CSV and JSON (`schemas/analysis-output-v1.md`,
/// grouped form) carry every step; the chart draws mean ± std bands.
struct GroupedReport {
    var report: Report
    var settings: GroupingSettings
    var groups: [RunGroup]
    /// For runs on synthetic Gaussian data grouped by β: the Gaussian IB's optimal rank.
    var theory: GaussianInformationBottleneck?

    var thresholds: [Double] { report.thresholds }
    var layers: [Int] { report.layers }
    var showsDecayExposure: Bool { groups.contains { $0.decayExposure != nil } }
    /// Test metrics shown in the summary table, when the runs recorded them.
    var summaryMetrics: [String] {
        ["test_accuracy", "test_accuracy_sampled", "test_loss", "test_task_loss", "test_kl"].filter(report.metricNames.contains)
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return jsonText(GroupedOutput(self))
        }
    }

    func theoryRank(_ group: RunGroup) -> Int? {
        guard let theory, let beta = group.beta else { return nil }
        return theory.rank(atCompressionBeta: beta)
    }

    // MARK: Table

    func table() -> String {
        var out = ""
        for (t, epsilon) in thresholds.enumerated() {
            let label = report.measure.rawValue + (epsilon.isNaN ? "" : ", eps = \(report.thresholdLabel(epsilon))")
            out += "\(label): \(groups.count) groups from \(report.file), at each group's last step (mean ± std over its runs)\n"
            out += alignedTable(headers: summaryHeaders, rows: groups.map { summaryRow($0, threshold: t) }) + "\n"
            if groups.contains(where: { $0.checkpoints.count > 1 }) {
                out += "final phase (from a tenth of the last step on), \(label): the group mean's trend, and how many runs share it\n"
                out += alignedTable(headers: settings.names + layers.map(report.layerLabel),
                                    rows: groups.map { trendRow($0, threshold: t) }) + "\n"
            }
        }
        return out
    }

    var summaryHeaders: [String] {
        settings.names + ["runs", "step"] + (showsDecayExposure ? ["ηλT"] : []) + summaryMetrics
            + layers.map(report.layerLabel) + (theory == nil ? [] : ["theory rank"])
    }

    func summaryRow(_ group: RunGroup, threshold t: Int) -> [String] {
        guard let last = group.checkpoints.last else { return group.values + ["\(group.runs.count)", "–"] }
        let exposure = showsDecayExposure ? [group.decayExposure.map { formatSignificant($0, digits: 3) } ?? "–"] : []
        let metrics = summaryMetrics.map { name in last.metrics[name].map { plusMinus($0, formatQuantity) } ?? "–" }
        let values = layers.map { plusMinus(last.measures[t][$0]) { abs($0) >= 1e-3 || $0 == 0 ? format($0, digits: 2) : formatScientific($0) } }
        let predicted = theory == nil ? [] : [theoryRank(group).map(String.init) ?? "–"]
        return group.values + ["\(group.runs.count)", String(last.step)] + exposure + metrics + values + predicted
    }

    func trendRow(_ group: RunGroup, threshold t: Int) -> [String] {
        group.values + layers.map { layer in
            let (trend, agreeing) = group.trends[t][layer]
            guard let trend else { return "–" }
            let change = "\(format(trend.phaseStart, digits: 1))→\(format(trend.final, digits: 1))"
            return "\(trend.verdict.rawValue) \(change) (\(agreeing)/\(group.runs.count))"
        }
    }

    func plusMinus(_ value: AcrossRuns, _ number: (Double) -> String) -> String {
        guard value.mean.isFinite else { return "–" }
        return value.standardDeviation.map { "\(number(value.mean)) ± \(number($0))" } ?? number(value.mean)
    }

    // MARK: CSV

    func csv() -> String {
        let columnNames = settings.names.map { $0.replacingOccurrences(of: "-", with: "_") }
        var lines = [(["measure", "eps"] + columnNames + ["step", "runs"] + report.metricNames
                      + layers.flatMap { ["layer_\($0)", "layer_\($0)_std"] } + (theory == nil ? [] : ["theory_rank"]))
            .joined(separator: ",")]
        for (t, epsilon) in thresholds.enumerated() {
            for group in groups {
                for checkpoint in group.checkpoints {
                    let metrics = report.metricNames.map { name in checkpoint.metrics[name].map { "\($0.mean)" } ?? "" }
                    let values = layers.flatMap { layer -> [String] in
                        let value = checkpoint.measures[t][layer]
                        return ["\(value.mean)", value.standardDeviation.map { "\($0)" } ?? ""]
                    }
                    let predicted = theory == nil ? [] : [theoryRank(group).map(String.init) ?? ""]
                    lines.append(([report.measure.rawValue, epsilon.isNaN ? "" : "\(epsilon)"] + group.values
                                  + ["\(checkpoint.step)", "\(checkpoint.runCount)"] + metrics + values + predicted)
                        .joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Chart

    /// Against β (one panel per layer) when grouping by β alone; otherwise one chart per
    /// layer against the training step, one line per group; bands are mean ± std over runs.
    func writePlot(to path: String) throws {
        let charts = settings.names == ["beta"] ? thresholds.indices.flatMap(betaCharts) : thresholds.indices.flatMap { t in
            layers.map { stepChart(threshold: t, layer: $0) }
        }
        let svg = charts.count == 1 ? charts[0].svg() : svgGrid(charts, columns: min(charts.count, 2))
        try writeChart(svg, to: path)
    }

    /// Mean ± std over the runs, within `range`: the values the quantity can take.
    func band(_ values: [AcrossRuns], within range: ClosedRange<Double>?) -> Series.Band? {
        guard values.contains(where: { $0.standardDeviation != nil }) else { return nil }
        let center = values.map(\.mean), spread = values.map { $0.standardDeviation ?? .nan }
        return range.map { Series.Band(center: center, spread: spread, within: $0) } ?? Series.Band(center: center, spread: spread)
    }

    /// The values the measure can take on `layer`: a local rank lies between 0 and the
    /// narrowest width from the input to the layer (J_l's rank cannot exceed any of them); the
    /// weights' norms are non-negative.
    func measureRange(layer: Int) -> ClosedRange<Double> {
        let sizes = report.analyzed.sizes
        if report.measure.isOfWeights { return 0...Double.infinity }
        // The outputs' matrix is N × n_{l+1}; a nonlinearity may raise its rank above n_0.
        if report.measure.isOfActivations { return 0...Double(min(sizes[layer + 1], report.probeCount)) }
        return 0...Double(sizes[0...(layer + 1)].min()!)
    }

    var measureName: String { report.measure == .localRank ? "Local rank" : report.measure.rawValue }

    func epsilonSuffix(_ t: Int) -> String {
        thresholds[t].isNaN ? "" : " (ε = \(report.thresholdLabel(thresholds[t])))"
    }

    func stepChart(threshold t: Int, layer: Int) -> LineChart {
        let series = groups.map { group in
            let values = group.checkpoints.map { $0.measures[t][layer] }
            let label = zip(settings.names, group.values).map { "\($0) \($1)" }.joined(separator: ", ")
            return Series(label: label, x: group.checkpoints.map { Double($0.step) }, y: values.map(\.mean),
                          band: band(values, within: measureRange(layer: layer)))
        }
        var chart = LineChart(title: "\(measureName)\(epsilonSuffix(t)) of \(report.layerLabel(layer)) over training",
                              xLabel: "training step", yLabel: measureName, xScale: .logarithmic, series: series)
        if groups.count == 1 { addAccuracy(to: &chart, group: groups[0]) }
        return chart
    }

    /// A single group's train and test accuracy on the right axis, so that a change of the
    /// measure can be read against fitting and generalization (grokking's two steps).
    private func addAccuracy(to chart: inout LineChart, group: RunGroup) {
        let names = ["train_accuracy", "test_accuracy"].filter(report.metricNames.contains)
        guard !names.isEmpty else { return }
        let steps = group.checkpoints.map { Double($0.step) }
        chart.secondaryRange = 0...1
        chart.secondary = (label: "accuracy", series: names.map { name in
            let values = group.checkpoints.map { $0.metrics[name] ?? AcrossRuns([]) }
            return Series(label: name.replacingOccurrences(of: "_", with: " "), x: steps, y: values.map(\.mean),
                          band: band(values, within: 0...1))
        })
    }

    /// One panel per layer against β, each on its own axis (a 512-unit layer would squash a
    /// 32-dimensional μ). The last panel, the representation μ for a DVIB, also shows the
    /// test accuracy (or task loss) and, for Gaussian runs, the optimal encoder's rank and the
    /// critical β values.
    func betaCharts(threshold t: Int) -> [LineChart] {
        let finals = groups.compactMap { group in group.checkpoints.last.map { (group, $0) } }
        let betas = finals.map { $0.0.beta ?? .nan }
        return layers.map { layer in
            let values = finals.map { $0.1.measures[t][layer] }
            var chart = LineChart(title: "\(measureName)\(epsilonSuffix(t)) of \(report.layerLabel(layer)) against β",
                                  xLabel: "β (loss = task + β·KL)", yLabel: measureName, xScale: .logarithmic,
                                  series: [Series(label: report.layerLabel(layer), x: betas, y: values.map(\.mean),
                                                  band: band(values, within: measureRange(layer: layer)))])
            if layer == layers.last { addContext(to: &chart, finals: finals, betas: betas) }
            return chart
        }
    }

    private func addContext(to chart: inout LineChart, finals: [(RunGroup, AggregatedCheckpoint)], betas: [Double]) {
        let secondary = report.metricNames.contains("test_accuracy") ? "test_accuracy" : "test_task_loss"
        if report.metricNames.contains(secondary) {
            let label = secondary.replacingOccurrences(of: "_", with: " ")
            let values = finals.map { $0.1.metrics[secondary] ?? AcrossRuns([]) }
            let range: ClosedRange<Double>? = secondary == "test_accuracy" ? 0...1 : nil
            chart.secondary = (label: label, series: [Series(label: label, x: betas, y: values.map(\.mean), band: band(values, within: range))])
        }
        let finite = betas.filter(\.isFinite)
        guard let theory, let low = finite.min(), let high = finite.max() else { return }
        var steps = Series(label: "theory: optimal encoder rank", points: theorySteps(theory, from: low, to: high), dashed: true)
        steps.showsMarkers = false
        chart.series.append(steps)
        chart.verticalMarks = theory.criticalBetasCompression.enumerated()
            .filter { $0.element >= low && $0.element <= high }
            .map { (x: $0.element, label: "β\($0.offset + 1)") }
    }

    /// The optimal encoder's rank from `low` to `high`: a step function of β that drops at
    /// each critical β, drawn as such (vertical at the critical values, flat between).
    func theorySteps(_ theory: GaussianInformationBottleneck, from low: Double, to high: Double) -> [(x: Double, y: Double)] {
        var points = [(x: low, y: Double(theory.rank(atCompressionBeta: low)))]
        for critical in theory.criticalBetasCompression.filter({ $0 > low && $0 <= high }).sorted() {
            points.append((critical, points.last!.y))
            points.append((critical, Double(theory.rank(atCompressionBeta: critical))))
        }
        points.append((high, Double(theory.rank(atCompressionBeta: high))))
        return points
    }
}

/// The grouped JSON form.
struct GroupedOutput: Encodable {
    /// `{"mean", "std", "n"}`; `std` is null for a single run, `mean` when none is finite.
    struct Statistic: Encodable {
        var mean: Double?
        var std: Double?
        var n: Int

        init(_ value: AcrossRuns) {
            mean = value.mean.isFinite ? value.mean : nil
            std = value.standardDeviation
            n = value.count
        }

        enum CodingKeys: String, CodingKey { case mean, std, n }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(mean, forKey: .mean)
            try container.encode(std, forKey: .std)
            try container.encode(n, forKey: .n)
        }
    }

    struct Trend: Encodable {
        var verdict: String?
        var phaseStep: Int?
        var phaseStart: Double?
        var final: Double?
        var runsAgreeing: Int

        enum CodingKeys: String, CodingKey {
            case verdict, final
            case phaseStep = "phase_step"
            case phaseStart = "phase_start"
            case runsAgreeing = "runs_agreeing"
        }
    }

    struct Checkpoint: Encodable {
        var step: Int
        var runs: Int
        var metrics: [String: Statistic]
        /// `[threshold][layer]`, across the group's runs.
        var localRank: [[Statistic]]

        enum CodingKeys: String, CodingKey {
            case step, runs, metrics
            case localRank = "local_rank"
        }
    }

    struct Group: Encodable {
        var settings: [String: String]
        var files: [String]
        var seeds: [String?]
        var etaLambdaT: Double?
        var theoryRank: Int?
        var checkpoints: [Checkpoint]
        /// `[threshold][layer]`.
        var finalPhase: [[Trend]]

        enum CodingKeys: String, CodingKey {
            case settings, files, seeds, checkpoints
            case etaLambdaT = "eta_lambda_t"
            case theoryRank = "theory_rank"
            case finalPhase = "final_phase"
        }
    }

    var file: String
    var measure: String
    var eps: [Double?]
    var probeCount: Int
    var layers: [AnalysisOutput.Layer]
    var by: [String]
    var groups: [Group]

    enum CodingKeys: String, CodingKey {
        case file, measure, eps, layers, by, groups
        case probeCount = "probe_count"
    }

    init(_ grouped: GroupedReport) {
        let report = grouped.report
        file = report.file
        measure = report.measure.rawValue
        eps = report.thresholds.map { $0.isFinite ? $0 : nil }
        probeCount = report.probeCount
        layers = report.layers.map { AnalysisOutput.Layer(index: $0, name: report.analyzed.names[$0], width: report.analyzed.sizes[$0 + 1]) }
        by = grouped.settings.names
        groups = grouped.groups.map { group in
            Group(
                settings: Dictionary(uniqueKeysWithValues: zip(grouped.settings.names, group.values).map { ($0, $1) }),
                files: group.runs.map(\.file), seeds: group.runs.map(\.seed),
                etaLambdaT: group.decayExposure, theoryRank: grouped.theoryRank(group),
                checkpoints: group.checkpoints.map { checkpoint in
                    Checkpoint(step: checkpoint.step, runs: checkpoint.runCount,
                               metrics: checkpoint.metrics.mapValues(Statistic.init),
                               localRank: checkpoint.measures.map { row in report.layers.map { Statistic(row[$0]) } })
                },
                finalPhase: group.trends.map { row in
                    report.layers.map { layer in
                        let (trend, agreeing) = row[layer]
                        return Trend(verdict: trend?.verdict.rawValue, phaseStep: trend?.phaseStep, phaseStart: trend?.phaseStart,
                                     final: trend?.final, runsAgreeing: agreeing)
                    }
                })
        }
    }
}
