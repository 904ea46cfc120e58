import ArgumentParser
import CommandLineSupport
import LocalRank
import Platform
import RunFormat
import TerminalProgress
import Vocabulary

/// One analyzed run of a group: its file, seed and checkpoints.
struct GroupedRun {
    var file: String
    var seed: String?
    var checkpoints: [AnalyzedCheckpoint]
}

/// The runs that share the values of the `--by` settings: typically one setting's seeds.
struct RunGroup {
    /// The `--by` settings' values, in `--by` order.
    var values: [String]
    var runs: [GroupedRun]
    /// ηλT of the runs (learning rate × weight decay × steps), when they store all three.
    var decayExposure: Double?
    /// β, for DVIB runs.
    var beta: Double?
    /// The runs aggregated step by step.
    var checkpoints: [AggregatedCheckpoint]
    /// `trends[t][l]`: the final-phase trend of the group's mean, and how many of its runs
    /// have that trend on their own.
    var trends: [[(group: FinalPhaseTrend?, runsAgreeing: Int)]]


}

/// `--by SETTING[,SETTING]`: where each setting of a run is read, and how runs are grouped.
struct GroupingSettings {
    /// The names as given (`weight-decay`, `lr`, `beta`), for headers.
    var names: [String]

    /// A run's value of a setting: `beta` from `/model` (a DVIB), the rest from the
    /// `/training` attributes, under lr-train's flag name or the stored name.
    func value(of name: String, in run: RunReader) -> String? {
        if name == "beta", let beta = run.model.bottleneck?.beta { return formatSetting(beta) }
        let key = SettingKey(named: name)?.rawValue ?? name.replacingOccurrences(of: "-", with: "_")
        return run.trainingAttributes[key]
    }

    func values(in run: RunReader) throws -> [String] {
        try names.map { name in
            guard let value = value(of: name, in: run) else {
                throw RunFormatError(file: run.path, problem: "stores no setting \(name) (not in /training, nor /model@beta)")
            }
            return value
        }
    }

    /// Groups in the order of their values, numerically where they are numbers.
    static func ordered(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            if let u = Double(x), let v = Double(y) { return u < v }
            return x < y
        }
        return false
    }
}

extension RunGroup {
    /// Aggregates the runs and reads their trends. `thresholds` and `layers` count the request's.
    init(values: [String], runs: [GroupedRun], readers: [RunReader], measure: RankMeasure, thresholds: Int, layers: Int) {
        self.values = values
        self.runs = runs
        let exposures = Set(readers.map(Self.decayExposure))
        decayExposure = exposures.count == 1 ? exposures.first! : nil
        beta = readers.first?.model.bottleneck?.beta
        let aggregated = RunAggregation.aggregate(runs.map(\.checkpoints), thresholds: thresholds, layers: layers)
        checkpoints = aggregated
        trends = (0..<thresholds).map { t in
            (0..<layers).map { l in Self.trend(of: aggregated, runs: runs, threshold: t, layer: l, isCount: measure.isCount) }
        }
    }

    /// ηλT of a run, when it stores its learning rate, weight decay and steps.
    static func decayExposure(_ run: RunReader) -> Double? {
        let attributes = run.trainingAttributes
        guard let rate = attributes[SettingKey.learningRate.rawValue].flatMap(Double.init),
              let decay = attributes[SettingKey.weightDecay.rawValue].flatMap(Double.init),
              let steps = attributes[SettingKey.steps.rawValue].flatMap(Double.init) else { return nil }
        return rate * decay * steps
    }

    /// The trend of the group's mean, and how many of its runs have the same trend alone.
    static func trend(of checkpoints: [AggregatedCheckpoint], runs: [GroupedRun], threshold t: Int, layer l: Int, isCount: Bool)
        -> (group: FinalPhaseTrend?, runsAgreeing: Int) {
        let group = FinalPhaseTrend(steps: checkpoints.map(\.step), values: checkpoints.map { $0.measures[t][l].mean }, isCount: isCount)
        let agreeing = runs.filter { run in
            let finite = run.checkpoints.filter(\.isFinite)
            let own = FinalPhaseTrend(steps: finite.map(\.step), values: finite.map { $0.summary(threshold: t, layer: l).mean },
                                      isCount: isCount)
            return own != nil && own?.verdict == group?.verdict
        }.count
        return (group, agreeing)
    }
}

extension RankOptions {
    /// `--by`: analyzes every run, groups them by the settings and reports the groups.
    func analyzeGroups(_ settings: GroupingSettings, measures: MeasureRequest) throws {
        let selection = self.selection
        var members = [[String]: [(GroupedRun, RunReader)]]()
        var analyzed: CheckpointNetwork.AnalyzedLayers?
        var metricNames = Set<String>(), probeCount = Int.max
        var theory: GaussianInformationBottleneck?
        var allSteps = Set<Int>()
        Interrupts.stopGracefully()
        for path in runFiles {
            let analyzer = try openAnalyzer(path)
            analyzer.shouldStop = { Interrupts.requested }
            if let analyzed, !analyzed.hasSameShape(as: analyzer.layers) {
                throw RunFormatError(file: path, problem: "has other layers than \(files[0]); runs grouped together must have one shape")
            }
            analyzed = analyzer.layers
            allSteps.formUnion(try analyzer.run.steps())
            probeCount = min(probeCount, analyzer.probeCount)
            metricNames.formUnion(try analyzer.run.metricNames())
            if theory == nil, settings.names == ["beta"], analyzer.run.hasJointCovariance {
                theory = try GaussianInformationBottleneck(run: analyzer.run)
            }
            let run = GroupedRun(file: path, seed: settings.value(of: "seed", in: analyzer.run),
                                 checkpoints: try analyzer.analyze(selection, measures: measures))
            try analyzer.closeCache()
            if let tensorboard { try exportRun(run, analyzer: analyzer, measures: measures, to: tensorboard) }
            members[try settings.values(in: analyzer.run), default: []].append((run, analyzer.run))
        }
        guard let analyzed else { throw UnavailableRequest(.noRunFiles, file: files[0]) }
        try selection.checkRequested(in: allSteps.sorted(), subject: .runs(runFiles.count))
        let report = Report(file: "\(members.values.map(\.count).reduce(0, +)) runs", analyzed: analyzed, measures: measures,
                            layers: try selectLayers(count: analyzed.sizes.count - 1, file: files[0]), probeCount: probeCount,
                            metricNames: metricNames.sorted())
        let groups = members.keys.sorted(by: GroupingSettings.ordered).map { values in
            RunGroup(values: values, runs: members[values]!.map(\.0), readers: members[values]!.map(\.1),
                     measure: measures.measure, thresholds: measures.thresholds.count, layers: analyzed.sizes.count - 1)
        }
        let grouped = GroupedReport(report: report, settings: settings, groups: groups, theory: theory)
        try writeStandardOutput(grouped.render(format))
        if let plot { try grouped.writePlot(to: plot) }
    }

    /// `--tensorboard` for one run of a group: its own scalars, as for a single run.
    private func exportRun(_ run: GroupedRun, analyzer: RunAnalyzer, measures: MeasureRequest, to directory: String) throws {
        let report = Report(file: run.file, analyzed: analyzer.layers, measures: measures,
                            layers: try selectLayers(count: analyzer.layers.sizes.count - 1, file: run.file),
                            probeCount: analyzer.probeCount, metricNames: try analyzer.run.metricNames())
        let export = try TensorBoardExport(directory: directory, report: report, run: analyzer.run)
        try export.append(run.checkpoints)
        try export.close()
    }
}
