import ArgumentParser
import ChartFiles
import CommandLineSupport
import Foundation
import LocalRank
import Platform
import Plots
import RunFormat
import TerminalProgress

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension RankMeasure: ExpressibleByArgument {}

struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Print the local rank of each layer at each checkpoint (the default command).",
        discussion: """
            Examples:
              lr-analyze run.h5 --eps 1e-3
              lr-analyze run.h5 --eps 1e-2,1e-3,1e-4 --format csv
              lr-analyze run.h5 --eps 1e-3 --plot rank.svg
              lr-analyze run.h5 --measure effective-rank
              lr-analyze run.h5 --measure activation-effective-rank
              lr-analyze run.h5 --follow      (while lr-train writes run.h5)
              lr-analyze run.h5 --follow --tensorboard tb/      (then: tensorboard --logdir tb/)
            """)

    @OptionGroup var options: RankOptions

    func run() throws { try options.analyze() }
}

/// `lr-analyze`'s options (the rank command's) and the analysis they ask for. Public so that
/// `lr-mpi analyze` takes exactly these and reports exactly as lr-analyze does.
///
/// Numeric options take the next argument whatever it looks like, so that `--eps -1e-3` is
/// told it must be positive instead of that its value is missing.
public struct RankOptions: ParsableArguments {
    public init() {}

    @Argument(help: ArgumentHelp("A run file (run format v1), or several with --by.", valueName: "run.h5"))
    var files: [String]

    @Option(help: ArgumentHelp("Group several runs by stored settings: lr-train's flag names (weight-decay, lr, …), /training attribute names, or beta (a DVIB's /model@beta). Each group's runs (its seeds) are aggregated step by step: mean, std and count; the table shows each group at its last step and the final-phase trend; --plot draws mean ± std bands (against β when grouping by beta alone). Analysis caches (*.lr.h5) among the files are skipped.", valueName: "setting,…"),
            transform: GroupingSettings.init(option:))
    var by: GroupingSettings?

    var file: String { files[0] }

    @Option(parsing: .unconditional, help: ArgumentHelp("Threshold(s) ε, comma-separated: singular values greater than ε count. One table per ε. Default: 1e-3.", valueName: "list"),
            transform: Thresholds.init(option:))
    var eps = Thresholds(values: [1e-3])

    @Option(help: ArgumentHelp("Of the Jacobians' singular values: local-rank (σ > ε), relative-rank (σ > ε·σ_max), effective-rank (exp of the entropy of σ/Σσ), stable-rank (Σσ²/σ_max²); of the layers' weights W_l: weight-spectral-norm (‖W_l‖_σ), weight-frobenius-norm (‖W_l‖_F), weight-stable-rank (‖W_l‖_F²/‖W_l‖_σ²); of the N × n_{l+1} matrix of the layers' outputs σ(z_l) on the probe inputs: activation-effective-rank (RankMe: exp of the entropy of σ/Σσ + 1e-7), activation-rank (σ > ε of the column-centred matrix).", valueName: "measure"))
    var measure: RankMeasure = .localRank

    @OptionGroup var shown: ReportSelection
    var format: OutputFormat { shown.format }
    var checkpoints: CheckpointSelection { shown.checkpoints }
    var layers: LayerSelection { shown.layers }
    var probe: Int? { shown.probe }

    @Option(help: ArgumentHelp("Also write a chart of the measure against the training step, one line per layer: SVG, PNG or PDF by the file's extension (.svg, .png, .pdf).", valueName: "file.svg"))
    var plot: String?

    @Option(help: ArgumentHelp("Also write the results as TensorBoard scalars in DIR/<run name>/: per threshold and layer the measure's mean and std over the probe inputs (tags like local_rank/eps=1e-3/layer_2), and the run's metrics (metrics/test_loss), at each checkpoint's step and wall time. With --follow, appended as checkpoints arrive. Replaces an earlier export of the same run and measure.", valueName: "DIR"))
    var tensorboard: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads for the Jacobian spectra. Default: the number of cores.", valueName: "n"))
    public var threads: Int?

    @Option(help: ArgumentHelp("The analysis cache holding the spectra. Default: the run's name with .lr.h5 (run.h5 → run.lr.h5).", valueName: "path"))
    var cache: String?

    @Flag(help: "Ignore and replace an existing cache, even one computed from another run.")
    var recompute = false

    @Flag(help: "Keep analyzing new checkpoints of a run that is still being written, until it reaches its last step or nothing new arrives for --follow-timeout seconds.")
    public var follow = false

    @Option(parsing: .unconditional, help: ArgumentHelp("With --follow: stop after this many seconds without a new checkpoint.", valueName: "seconds"))
    var followTimeout: Double = 120

    @Flag(help: "No progress output.")
    public var quiet = false

    @Flag(help: "Read data that a run keeps in other files (external links, external raw storage, virtual datasets). Refused by default: a run file from elsewhere could make lr-analyze read any file you can read.")
    var allowExternal = false

    public func validate() throws {
        if files.isEmpty { throw ValidationError("give a run file") }
        if let plot, ChartFormat(path: plot) == nil {
            throw ValidationError("--plot '\(plot)': charts are written as .svg, .png or .pdf; name the file with one of these extensions")
        }
        if files.count > 1 && by == nil { throw ValidationError("several runs are compared with --by SETTING (e.g. --by beta, --by weight-decay,lr)") }
        if by != nil && follow { throw ValidationError("--follow takes one run, not --by") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, not \(threads)") }
        if let tensorboard {
            let directories = runFiles.map { TensorBoardExport.runDirectory(tensorboard, run: $0) }
            if let clash = directories.indices.first(where: { directories.firstIndex(of: directories[$0]) != $0 }) {
                throw ValidationError("--tensorboard: \(runFiles[directories.firstIndex(of: directories[clash])!]) and \(runFiles[clash]) would both write \(directories[clash]); give the runs distinct file names")
            }
        }
        if !(followTimeout > 0) { throw ValidationError("--follow-timeout must be positive") }
    }

    /// The run files analyzed: the one run, or with --by every file given but the analysis
    /// caches (`sweeps/*.h5` also matches the runs' own `*.lr.h5`).
    public var runFiles: [String] { by == nil ? [file] : files.filter { !$0.hasSuffix(".lr.h5") } }

    /// The checkpoints `--checkpoints` selects.
    public var selection: CheckpointSelection { checkpoints }

    /// The measure and thresholds asked for.
    public var measures: MeasureRequest { MeasureRequest(measure: measure, thresholds: eps.values) }

    /// Opens one of `runFiles` with its cache as this analysis does; `--cache` applies to a
    /// single run. `producer` is written into a cache it creates; `tool` speaks of the
    /// analysis (its progress, and a wait for another process writing the cache).
    public func openAnalyzer(_ path: String, threads: Int? = nil, producer: String? = nil,
                             tool: CommandLineTool? = nil) throws -> RunAnalyzer {
        let tool = tool ?? AnalysisCommands.tool
        if let cache, by == nil { try createParentDirectories(of: cache) }
        let analyzer = try RunAnalyzer(runPath: path, cachePath: by == nil ? cache : nil, probeCount: probe,
                                       threads: threads ?? self.threads ?? CurrentProcess.coreCount,
                                       recompute: recompute, producer: producer ?? tool.producer,
                                       allowingExternalData: allowExternal)
        if !quiet { analyzer.progress = ProgressReporter.counting(label: tool.name, unit: "checkpoints") }
        analyzer.notesCacheWaits(tool)
        return analyzer
    }

    /// Analyzes and prints the report, computing what the caches lack. Throws
    /// `NonFiniteCheckpoints` after the report when a checkpoint's weights are not finite.
    public func analyze() throws {
        let measures = self.measures
        // Before any work: a chart that cannot be written should not wait for the analysis.
        if let plot { try createParentDirectories(of: plot) }
        if let by {
            try analyzeGroups(by, measures: measures)
            return
        }
        let selection = self.selection
        let analyzer = try openAnalyzer(file)
        // A run still being written may reach the steps asked for later.
        if !follow { try selection.checkRequested(in: try analyzer.run.steps(), subject: .run(file)) }
        Interrupts.stopGracefully()
        analyzer.shouldStop = { Interrupts.requested }
        let layerCount = analyzer.layers.sizes.count - 1
        let report = Report(file: file, analyzed: analyzer.layers, measures: measures,
                            layers: try selectLayers(count: layerCount, file: file), probeCount: analyzer.probeCount,
                            metricNames: try analyzer.run.metricNames())
        let export = try tensorboard.map { try TensorBoardExport(directory: $0, report: report, run: analyzer.run) }
        var results = try analyzer.analyze(selection, measures: measures)
        try export?.append(results)
        if follow {
            results = try followRun(analyzer, selection: selection, initial: results, report: report, export: export)
        } else {
            try writeStandardOutput(report.render(results, format: format))
        }
        if let plot {
            try report.writePlot(results, to: plot)
        }
        try analyzer.closeCache()
        try export?.close()
        let nonFinite = results.filter { !$0.isFinite }
        if !nonFinite.isEmpty { throw NonFiniteCheckpoints(file: file, steps: nonFinite.map(\.step)) }
    }

    /// `analyze()` once every spectrum it needs is in the caches (put there by lr-mpi's
    /// ranks): nothing is computed, and with --recompute the fresh caches are kept.
    public func report() throws {
        var reading = self
        reading.recompute = false
        try reading.analyze()
    }

    /// The indices `--layers` names, checked against the `count` analyzed layers of `file`.
    public func selectLayers(count: Int, file: String) throws(UnavailableRequest) -> [Int] {
        try layers.indices(count: count, file: file)
    }

    /// Prints rows (and appends TensorBoard events) as checkpoints arrive, polling the SWMR run file.
    func followRun(_ analyzer: RunAnalyzer, selection: CheckpointSelection, initial: [AnalyzedCheckpoint], report: Report,
                   export: TensorBoardExport?) throws -> [AnalyzedCheckpoint] {
        var results = initial
        var done = Set(initial.map(\.index))
        if format != .json { try writeStandardOutput(report.render(results, format: format, header: true)) }
        var lastArrival = MonotonicClock.seconds()
        while true {
            if let planned = analyzer.plannedSteps, let last = results.last, last.step >= planned { break }
            if MonotonicClock.seconds() - lastArrival > followTimeout { break }
            MonotonicClock.sleep(seconds: 0.25)
            try analyzer.run.refresh()
            let new = try analyzer.analyze(selection, skipping: done, measures: report.measures)
            if new.isEmpty { continue }
            lastArrival = MonotonicClock.seconds()
            results += new
            done.formUnion(new.map(\.index))
            try export?.append(new)
            if format != .json { try writeStandardOutput(report.render(new, format: format, header: false)) }
        }
        if format == .json { try writeStandardOutput(report.render(results, format: .json)) }
        return results
    }
}

/// Checkpoints whose weights are NaN or infinite: reported as non-finite, the others
/// analyzed; lr-analyze exits with `ExitStatus.nonFiniteCheckpoints` after the report.
public struct NonFiniteCheckpoints: Error, CustomStringConvertible {
    public var file: String
    public var steps: [Int]

    public var description: String {
        let list = steps.map(String.init).joined(separator: ", ")
        return "\(file): checkpoint\(steps.count > 1 ? "s" : "") at step \(list) \(steps.count > 1 ? "have" : "has") NaN or infinite weights; reported as non-finite, the others analyzed"
    }
}

extension RunAnalyzer {
    /// Has `tool` note, in one line, a wait for another process that writes the cache.
    func notesCacheWaits(_ tool: CommandLineTool) {
        cacheWaitBegins = { cache in
            tool.note("\(cache): another process is writing this analysis cache; waiting for it to finish, then computing what it has not")
        }
    }
}
