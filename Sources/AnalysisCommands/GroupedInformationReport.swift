import CommandLineSupport
import LocalRank
import Plots
import RunFormat
import TerminalProgress

/// `lr-analyze information --by`: runs grouped by settings, their seeds aggregated step by
/// step. The table shows each group at its last step with I(X;T)'s peak; CSV and JSON
/// (`schemas/information-output-v1.md`, grouped form) carry every step; the planes draw the
/// groups' means.
struct GroupedInformationReport {
    struct Group {
        /// The `--by` settings' values.
        var values: [String]
        var runs: [InformationRun]
        /// `checkpoints[s].measures[q][l]`: quantity q (`InformationQuantity`) of layer l.
        var checkpoints: [AggregatedCheckpoint]
        /// Local rank at one ε, aggregated the same way (--plot-rank).
        var rank: [AggregatedCheckpoint]?
    }

    var report: InformationReport
    var settings: GroupingSettings
    var groups: [Group]

    init(report: InformationReport, settings: GroupingSettings, runs: [InformationRun]) throws {
        self.report = report
        self.settings = settings
        let layerCount = report.analyzed.sizes.count - 1
        for run in runs where !run.layers.hasSameShape(as: report.analyzed) {
            throw RunFormatError(file: run.file, problem: "has other layers than \(runs[0].file); runs grouped together must have one shape")
        }
        groups = Dictionary(grouping: runs, by: \.settings).sorted { GroupingSettings.ordered($0.key, $1.key) }.map { values, members in
            Group(values: values, runs: members,
                  checkpoints: RunAggregation.aggregate(members.map(\.checkpoints), thresholds: InformationQuantity.allCases.count,
                                                        layers: layerCount),
                  rank: members.allSatisfy { $0.rank != nil }
                    ? RunAggregation.aggregate(members.map { $0.rank! }, thresholds: 1, layers: layerCount) : nil)
        }
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: jsonText(GroupedInformationOutput(self))
        }
    }

    /// What T is at `layer` in every run (`InformationReport.representationName`), or
    /// "varies" when the runs differ there (`--by activation`).
    func representationName(_ layer: Int) -> String {
        let names = Set(groups.flatMap(\.runs).map { run in
            var runReport = report
            runReport.analyzed = run.layers
            return runReport.representationName(layer)
        })
        return names.count == 1 ? names.first! : "varies"
    }

    func statistic(_ checkpoint: AggregatedCheckpoint, _ quantity: InformationQuantity, layer: Int) -> AcrossRuns {
        checkpoint.measures[quantity.rawValue][layer]
    }

    // MARK: Table

    /// Each group at its last step: mean ± std over its runs, and where the mean of I(X;T) peaked.
    func table() -> String {
        let headers = settings.names + ["runs", "step"] + report.layers.map(report.layerLabel)
        var out = "I(X;T) in bits, \(report.estimatorDescription): \(groups.count) groups from \(report.file), at each group's last step (mean ± std over its runs; peak of the mean and its step)\n"
        out += alignedTable(headers: headers, rows: groups.map { row($0, .inputInformation, withPeak: true) })
        if groups.contains(where: { $0.checkpoints.contains { c in report.layers.contains { statistic(c, .saturated, layer: $0).mean > 0 } } }) {
            out += report.saturationNote + " (k/n: saturated in k of the n runs at that step)\n"
        }
        out += "\n"
        if let line = report.missingLabelsLine { return out + line + "\n" }
        out += "I(T;Y) in bits, \(report.estimatorDescription) (at most H(Y) = \(format(report.classEntropy ?? .nan, digits: 3)))\n"
        out += alignedTable(headers: headers, rows: groups.map { row($0, .labelInformation, withPeak: false) })
        return out + "\n"
    }

    func row(_ group: Group, _ quantity: InformationQuantity, withPeak: Bool) -> [String] {
        guard let last = group.checkpoints.last else { return group.values + ["\(group.runs.count)", "–"] }
        let cells = report.layers.map { layer -> String in
            var text = meanAndSpread(statistic(last, quantity, layer: layer))
            if let lower = quantity.lowerBound, report.estimator.hasLowerBounds {
                text = meanAndSpread(statistic(last, lower, layer: layer)) + " … " + text
            }
            let saturated = statistic(last, .saturated, layer: layer)
            if quantity == .inputInformation, saturated.mean > 0 {
                text += "* \(Int((saturated.mean * Double(saturated.count)).rounded()))/\(saturated.count)"
            }
            guard withPeak, let peak = group.checkpoints.max(by: { statistic($0, quantity, layer: layer).mean < statistic($1, quantity, layer: layer).mean })
            else { return text }
            return text + " (peak \(format(statistic(peak, quantity, layer: layer).mean, digits: 2)) at \(peak.step))"
        }
        return group.values + ["\(group.runs.count)", String(last.step)] + cells
    }

    func meanAndSpread(_ value: AcrossRuns) -> String {
        guard value.mean.isFinite else { return "–" }
        return format(value.mean, digits: 2) + (value.standardDeviation.map { " ± \(format($0, digits: 2))" } ?? "")
    }

    // MARK: CSV

    /// One row per group, step and layer.
    func csv() -> String {
        let quantities = InformationQuantity.allCases.filter { $0 != .saturated }
        var lines = [(InformationReport.estimatorColumns + settings.names.map { $0.replacingOccurrences(of: "-", with: "_") }
                      + ["step", "runs"] + report.metricNames + ["layer", "name", "width"]
                      + quantities.flatMap { [$0.key, $0.key + "_std"] } + ["saturated_runs"]).joined(separator: ",")]
        for group in groups {
            for checkpoint in group.checkpoints {
                let metrics = report.metricNames.map { name in checkpoint.metrics[name].map { "\($0.mean)" } ?? "" }
                for layer in report.layers {
                    let values = quantities.flatMap { quantity -> [String] in
                        let value = statistic(checkpoint, quantity, layer: layer)
                        guard value.count > 0 else { return ["", ""] }
                        return ["\(value.mean)", value.standardDeviation.map { "\($0)" } ?? ""]
                    }
                    let saturated = statistic(checkpoint, .saturated, layer: layer)
                    lines.append((report.estimatorCells + group.values + [String(checkpoint.step), "\(checkpoint.runCount)"] + metrics
                                  + ["\(layer)", report.analyzed.names[layer], "\(report.analyzed.sizes[layer + 1])"] + values
                                  + ["\(Int((saturated.mean * Double(saturated.count)).rounded()))"]).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Chart

    /// One plane per group (its means over the runs; rings where any run is saturated), each
    /// with the group's local rank beside it when `rankEpsilon` is given.
    func planes(rankEpsilon: Double?) -> String {
        var charts = [LineChart]()
        for group in groups {
            let label = zip(settings.names, group.values).map { "\($0) \($1)" }.joined(separator: ", ") + " (\(group.runs.count) runs)"
            let curves = report.layers.map { layer in
                PlaneCurve(label: report.layerLabel(layer),
                           inputInformation: group.checkpoints.map { statistic($0, .inputInformation, layer: layer).mean },
                           labelInformation: group.checkpoints.map { statistic($0, .labelInformation, layer: layer).mean },
                           steps: group.checkpoints.map { Double($0.step) },
                           saturated: group.checkpoints.map { statistic($0, .saturated, layer: layer).mean > 0 })
            }
            charts.append(report.planeChart(title: "Information plane (\(report.planeSubtitle)): \(label)", curves: curves))
            if let rankEpsilon, let rank = group.rank {
                let steps = rank.map { Double($0.step) }
                charts.append(report.rankChart(title: "Local rank (ε = \(shortNumber(rankEpsilon))): \(label)",
                                               steps: report.layers.map { _ in steps },
                                               values: report.layers.map { layer in rank.map { $0.measures[0][layer].mean } }))
            }
        }
        return charts.count == 1 ? charts[0].svg() : svgGrid(charts, columns: rankEpsilon == nil ? min(2, charts.count) : 2)
    }
}

extension InformationQuantity {
    /// The lower-bound quantity that goes with a main one.
    var lowerBound: InformationQuantity? {
        switch self {
        case .inputInformation: .inputInformationLower
        case .labelInformation: .labelInformationLower
        default: nil
        }
    }
}

/// The grouped JSON form.
struct GroupedInformationOutput: Encodable {
    struct Checkpoint: Encodable {
        var step: Int
        var runs: Int
        var metrics: [String: GroupedOutput.Statistic]
        var values: [String: [GroupedOutput.Statistic]?]
        var saturatedRuns: [Int]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(step, forKey: AnyKey("step"))
            try container.encode(runs, forKey: AnyKey("runs"))
            try container.encode(metrics, forKey: AnyKey("metrics"))
            for (key, value) in values { try container.encode(value, forKey: AnyKey(key)) }
            try container.encode(saturatedRuns, forKey: AnyKey("saturated_runs"))
        }
    }

    struct Group: Encodable {
        var settings: [String: String]
        var files: [String]
        var seeds: [String?]
        var checkpoints: [Checkpoint]
    }

    var header: InformationOutput.Header
    var by: [String]
    var groups: [Group]

    enum CodingKeys: String, CodingKey {
        case by, groups
    }

    /// The header's keys (`InformationOutput.Header`), then `by` and `groups`, in one object.
    func encode(to encoder: any Encoder) throws {
        try header.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(by, forKey: .by)
        try container.encode(groups, forKey: .groups)
    }

    init(_ grouped: GroupedInformationReport) {
        let report = grouped.report
        header = InformationOutput.Header(report, representation: grouped.representationName)
        by = grouped.settings.names
        groups = grouped.groups.map { group in
            Group(settings: Dictionary(uniqueKeysWithValues: zip(grouped.settings.names, group.values).map { ($0, $1) }),
                  files: group.runs.map(\.file), seeds: group.runs.map(\.seed),
                  checkpoints: group.checkpoints.map { checkpoint in
                      var values = [String: [GroupedOutput.Statistic]?]()
                      for quantity in InformationQuantity.allCases where quantity != .saturated {
                          values[quantity.key] = report.reports(quantity)
                              ? report.layers.map { GroupedOutput.Statistic(grouped.statistic(checkpoint, quantity, layer: $0)) } : .some(nil)
                      }
                      return Checkpoint(step: checkpoint.step, runs: checkpoint.runCount,
                                        metrics: checkpoint.metrics.mapValues(GroupedOutput.Statistic.init), values: values,
                                        saturatedRuns: report.layers.map { layer in
                                            let s = grouped.statistic(checkpoint, .saturated, layer: layer)
                                            return s.count == 0 ? 0 : Int((s.mean * Double(s.count)).rounded())
                                        })
                  })
        }
    }
}
