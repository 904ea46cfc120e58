import ArgumentParser
import ChartFiles
import CommandLineSupport
import LocalRank
import Platform
import RunFormat
import TerminalProgress

extension InformationEstimator {
    /// `--estimator`'s values.
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        case binning, kde
    }
}

struct InformationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "information",
        abstract: "Estimate I(X;T) and I(T;Y) of each layer at each checkpoint: the information plane.",
        discussion: """
            T is what layer l passes on, σ_l(z_l) (a classifier's last layer: its softmax), replayed in \
            float64 from each checkpoint's weights as the Jacobians are; X is uniform over the run's \
            probe inputs and Y their labels (/probe/y). Values are in bits. A value of I(X;T) within 1% \
            of log2 N (N probe inputs) is marked saturated: the estimator tells (nearly) every input \
            apart, so the value says nothing about compression.

            Examples:
              lr-analyze information run.h5
              lr-analyze information run.h5 --estimator kde --noise-variance 0.1 --format csv
              lr-analyze information run.h5 --bin-range -1:1 --plot plane.svg --plot-rank --eps 1e-3
              lr-analyze information sweep/*.h5 --by activation --plot planes.svg
            """)

    @OptionGroup var options: InformationOptions

    func run() throws { try options.analyze() }
}

/// `lr-analyze information`'s options and the analysis they ask for. Numeric options take
/// the next argument whatever it looks like (`--bin-range -1:1`, `--bins -3`).
struct InformationOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A run file (run format v1), or several with --by.", valueName: "run.h5"))
    var files: [String]

    @Option(help: ArgumentHelp("binning (equal-width bins; each input's vector of bins is one symbol) or kde (the pairwise-distance upper and lower bounds of Kolchinsky and Tracey on T plus Gaussian noise, as Saxe et al. 2018 use them).", valueName: "name"))
    var estimator: InformationEstimator.Choice = .binning

    @Option(parsing: .unconditional, help: ArgumentHelp("binning: bins per unit, spanning [min, max] of the layer's values over the probe inputs at each checkpoint. Default: 30.", valueName: "K"))
    var bins: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("binning: a fixed range for every layer and checkpoint instead, e.g. -1:1 for tanh layers as the original code did; values outside join the end bins.", valueName: "lo:hi"),
            transform: BinRange.init(option:))
    var binRange: BinRange?

    @Option(parsing: .unconditional, help: ArgumentHelp("kde: the variance s² of the noise added to T. Default: 0.1.", valueName: "s²"))
    var noiseVariance: Double?

    @OptionGroup var shown: ReportSelection
    var format: OutputFormat { shown.format }
    var checkpoints: CheckpointSelection { shown.checkpoints }
    var layers: LayerSelection { shown.layers }
    var probe: Int? { shown.probe }

    @Option(help: ArgumentHelp("Group several runs by stored settings (lr-train's flag names such as activation or lr, or /training attribute names); each group's runs (its seeds) are aggregated step by step: mean, std and count.", valueName: "setting,…"),
            transform: GroupingSettings.init(option:))
    var by: GroupingSettings?

    @Option(help: ArgumentHelp("Also draw the information plane, I(T;Y) against I(X;T) with one curve per layer through its checkpoints and points coloured by training step (kde: the upper bounds), one panel per run or group: SVG, PNG or PDF by the extension.", valueName: "file.svg"))
    var plot: String?

    @Flag(help: "With --plot: put the local rank of the same checkpoints (at --eps) beside each plane.")
    var plotRank = false

    @Option(parsing: .unconditional, help: ArgumentHelp("With --plot-rank: the threshold ε of the local rank. Default: 1e-3.", valueName: "ε"),
            transform: Thresholds.init(option:))
    var eps = Thresholds(values: [1e-3])

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads: binning estimates that many checkpoints at once, kde spreads each estimate over them (and --plot-rank's spectra). Default: the number of cores.", valueName: "n"))
    var threads: Int?

    @Option(help: ArgumentHelp("The analysis cache: it keeps the estimates (by estimator and parameters) and --plot-rank's spectra, so that a rerun computes only what is missing. Default: the run's name with .lr.h5 (run.h5 → run.lr.h5).", valueName: "path"))
    var cache: String?

    @Flag(help: "Ignore and replace an existing cache, even one computed from another run.")
    var recompute = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give a run file") }
        if files.count > 1 && by == nil { throw ValidationError("several runs are compared with --by SETTING (e.g. --by activation)") }
        if let plot, ChartFormat(path: plot) == nil {
            throw ValidationError("--plot '\(plot)': charts are written as .svg, .png or .pdf; name the file with one of these extensions")
        }
        if plotRank && plot == nil { throw ValidationError("--plot-rank draws beside --plot's planes; give --plot FILE too") }
        if eps.values.count != 1 { throw ValidationError("--eps takes one threshold here, for --plot-rank's panel") }
        switch estimator {
        case .binning:
            if noiseVariance != nil { throw ValidationError("--noise-variance is the kde estimator's; add --estimator kde") }
            if let bins, bins < 1 { throw ValidationError("--bins must be at least 1, not \(bins)") }
        case .kde:
            if bins != nil || binRange != nil { throw ValidationError("--bins and --bin-range are the binning estimator's, not kde's") }
            if let noiseVariance, !(noiseVariance > 0 && noiseVariance.isFinite) {
                throw ValidationError("--noise-variance must be a positive number, not \(noiseVariance)")
            }
        }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, not \(threads)") }
    }

    /// The estimator with its parameters.
    var request: InformationEstimator {
        switch estimator {
        case .binning: .binning(bins: bins ?? InformationEstimator.defaultBins, range: binRange?.range)
        case .kde: .kernelDensity(noiseVariance: noiseVariance ?? InformationEstimator.defaultNoiseVariance)
        }
    }

    /// The run files: with --by, every file given but the analysis caches.
    var runFiles: [String] { by == nil ? [files[0]] : files.filter { !$0.hasSuffix(".lr.h5") } }

    func openAnalyzer(_ path: String) throws -> RunAnalyzer {
        if let cache, by == nil { try createParentDirectories(of: cache) }
        let analyzer = try RunAnalyzer(runPath: path, cachePath: by == nil ? cache : nil, probeCount: probe,
                                       threads: threads ?? CurrentProcess.coreCount, recompute: recompute, producer: tool.producer)
        if !quiet { analyzer.progress = ProgressReporter.counting(label: tool.name, unit: "checkpoints") }
        analyzer.shouldStop = { Interrupts.requested }
        analyzer.notesCacheWaits(tool)
        return analyzer
    }

    /// Estimates, prints the report and draws the planes. Throws `NonFiniteCheckpoints` after
    /// the report when a checkpoint's weights are not finite.
    func analyze() throws {
        if let plot { try createParentDirectories(of: plot) }
        Interrupts.stopGracefully()
        var runs = [InformationRun]()
        for path in runFiles { runs.append(try estimate(path)) }
        guard let first = runs.first else { throw UnavailableRequest(.noRunFiles, file: files[0]) }
        if by != nil { try checkpoints.checkRequested(in: Set(runs.flatMap(\.steps)).sorted(), subject: .runs(runs.count)) }
        let report = InformationReport(
            file: by == nil ? first.file : "\(runs.count) runs", analyzed: first.layers,
            layers: try layers.indices(count: first.layers.sizes.count - 1, file: first.file), estimator: request,
            probeCount: runs.map(\.probeCount).min()!, labels: first.labels,
            metricNames: Set(runs.flatMap(\.metricNames)).sorted(), outputIsProbabilities: first.outputIsProbabilities)
        if let by {
            let grouped = try GroupedInformationReport(report: report, settings: by, runs: runs)
            print(grouped.render(format), terminator: "")
            if let plot { try writeChart(grouped.planes(rankEpsilon: plotRank ? eps.values[0] : nil), to: plot) }
        } else {
            print(report.render(first.checkpoints, format: format), terminator: "")
            if let plot { try writeChart(report.planes(first, rankEpsilon: plotRank ? eps.values[0] : nil), to: plot) }
        }
        let nonFinite = runs.flatMap { run in run.checkpoints.filter { !$0.isFinite }.map { (run.file, $0.step) } }
        if let file = nonFinite.first?.0 {
            throw NonFiniteCheckpoints(file: file, steps: nonFinite.filter { $0.0 == file }.map(\.1))
        }
    }

    /// One run's estimates (and local ranks, for --plot-rank).
    func estimate(_ path: String) throws -> InformationRun {
        let analyzer = try openAnalyzer(path)
        if by == nil { try checkpoints.checkRequested(in: try analyzer.run.steps(), subject: .run(path)) }
        let checkpoints = try analyzer.information(self.checkpoints, estimator: request)
        var rank: [AnalyzedCheckpoint]?
        if plotRank {
            rank = try analyzer.analyze(self.checkpoints, measures: MeasureRequest(measure: .localRank, thresholds: eps.values))
        }
        try analyzer.closeCache()
        return InformationRun(file: path, layers: analyzer.layers, probeCount: analyzer.probeCount,
                              labels: try analyzer.classLabels(), outputIsProbabilities: analyzer.outputIsProbabilities,
                              metricNames: try analyzer.run.metricNames(), steps: try analyzer.run.steps(),
                              seed: by.flatMap { $0.value(of: "seed", in: analyzer.run) },
                              settings: try by?.values(in: analyzer.run) ?? [], checkpoints: checkpoints, rank: rank)
    }
}

/// One analyzed run.
struct InformationRun {
    var file: String
    var layers: CheckpointNetwork.AnalyzedLayers
    var probeCount: Int
    var labels: Result<ClassLabels, MissingLabels>
    var outputIsProbabilities: Bool
    var metricNames: [String]
    /// Every checkpoint's step in the run.
    var steps: [Int]
    var seed: String?
    /// The `--by` settings' values.
    var settings: [String]
    var checkpoints: [InformationCheckpoint]
    /// Local rank at one ε, for --plot-rank.
    var rank: [AnalyzedCheckpoint]?
}

/// `--bin-range lo:hi`.
struct BinRange: Sendable, Equatable {
    var range: ClosedRange<Double>

    init(option text: String) throws(OptionValueError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low.isFinite, high.isFinite, low < high else {
            throw OptionValueError("--bin-range '\(text)' is not lo:hi with lo < hi, e.g. -1:1")
        }
        range = low...high
    }
}
