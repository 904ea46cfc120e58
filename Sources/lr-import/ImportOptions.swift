import ArgumentParser
import CheckpointImport
import CommandLineSupport
import Platform
import RunFormat
import TerminalProgress

extension LearningTask: ExpressibleByArgument {}

/// The options both subcommands share: the probe, the model details the files may lack,
/// the checkpoint steps and the output.
struct ImportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The probe inputs [N, n_0] at which local rank is measured: a NumPy .npy file (float32 or float64, C order) or an HDF5 dataset as FILE.h5:/dataset.", valueName: "file"))
    var probe: String

    @Option(help: ArgumentHelp("Targets for the probe inputs, the same kinds of file: integer labels [N] (classification) or floats [N, n_L] (regression). Default: none (the run then has no /probe/y; the analysis does not need it).", valueName: "file"))
    var targets: String?

    @Option(help: ArgumentHelp("regression or classification. Default: classification for integer --targets, otherwise regression.", valueName: "task"))
    var task: LearningTask?

    @Option(help: ArgumentHelp("Hidden-layer activation for files that do not record it (Keras 3 .weights.h5, safetensors): relu, tanh or identity for every hidden layer, or a list with one per hidden layer like relu,tanh. The last layer is stored as identity. Legacy Keras .h5 models record theirs.", valueName: "names"))
    var activations: String?

    @Option(help: ArgumentHelp("The layers to import, in forward order, comma-separated: Keras group keys (dense, dense_1, sequential/dense) or layer names, legacy Keras layer names, or PyTorch module prefixes (0, 2, fc1). Default: every dense layer, in the order docs/import.md describes.", valueName: "names"))
    var layers: String?

    @Option(help: ArgumentHelp("The step of each checkpoint file, comma-separated, in the order the files are given (each pattern's matches sorted by name). Default: the last number in each file name.", valueName: "list"))
    var steps: String?

    @Option(help: ArgumentHelp("The run file to write.", valueName: "file.h5"))
    var out: String

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @Flag(help: "No progress output (the one-line summary at the end is still printed).")
    var quiet = false

    @Flag(help: "Read data that HDF5 inputs keep in other files (external links, external raw storage, virtual datasets); refused by default, as a shared file could make lr-import read any file you can read.")
    var allowExternal = false

    var parsedActivations: [Activation]? { activations.flatMap(ImportActivations.parseOption) }
    var parsedLayers: [String]? { layers.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } }
    var parsedSteps: [Int]? { steps.flatMap { text in
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return values.allSatisfy { ($0 ?? -1) >= 0 } ? values.map { $0! } : nil
    } }

    func validate() throws {
        if let activations, parsedActivations == nil {
            throw ValidationError("--activations '\(activations)' is not relu, tanh or identity, or a comma-separated list of them")
        }
        if let layers, parsedLayers?.isEmpty != false || parsedLayers!.contains(where: \.isEmpty) {
            throw ValidationError("--layers '\(layers)' is not a comma-separated list of layer names")
        }
        if let steps, parsedSteps == nil || parsedSteps!.isEmpty {
            throw ValidationError("--steps '\(steps)' is not a comma-separated list of non-negative integers")
        }
        if let layers = parsedLayers, Set(layers).count != layers.count {
            throw ValidationError("--layers names a layer twice")
        }
    }

    /// Expands the patterns, orders the checkpoints, imports them with `read` and prints
    /// the summary; any refusal becomes one line on stderr and exit status 1.
    func run(patterns: [String], format: String, layerOrder: String, read: @escaping (String) throws -> CheckpointLayers) throws {
        tool.watchHDF5()
        do {
            let files = try CheckpointNaming.expand(patterns)
            for file in files { try CheckpointNaming.refusePickle(file) }
            let checkpoints = try CheckpointNaming.order(files, steps: parsedSteps)
            var settings = ImportSettings(
                producer: producer, format: format, output: out, overwrite: force, probe: probe, targets: targets,
                task: task, activations: parsedActivations, layerOrder: parsedLayers == nil ? layerOrder : "chosen with --layers")
            settings.allowsExternalData = allowExternal
            let reporter = ProgressReporter(label: "lr-import", total: checkpoints.count)
            let summary = try RunImport.run(checkpoints: checkpoints, settings: settings, read: read) { done, total in
                if !quiet { reporter.update(done, unit: "checkpoints", force: done == total) }
            }
            if !quiet { reporter.finish() }
            let steps = summary.steps.count == 1 ? "step \(summary.steps[0])" : "steps \(summary.steps.first!)…\(summary.steps.last!)"
            let hidden = summary.activations.dropLast().map(\.rawValue)
            let activation = hidden.isEmpty ? "" : Set(hidden).count == 1 ? ", \(hidden.first!)" : ", \(hidden.joined(separator: ","))"
            let targets = summary.targetsGiven ? "" : " (no targets given)"
            StandardStreams.writeError("lr-import: wrote \(summary.output): \(summary.steps.count) checkpoint\(summary.steps.count == 1 ? "" : "s") (\(steps)), layers \(summary.layerSizes.map(String.init).joined(separator: "→"))\(activation), \(summary.probeCount) probe inputs, \(summary.task.rawValue)\(targets)\n")
        } catch let error as CheckpointImportError {
            tool.reportError(Self.message(error))
            throw ExitCode.failure
        } catch let error as ExitCode {
            throw error
        } catch {
            tool.reportError("\(out): \(error)")
            throw ExitCode.failure
        }
    }

    /// An import error with the flag that gets past it.
    static func message(_ error: CheckpointImportError) -> String {
        switch error.remedy {
        case .chooseLayers?: "\(error); choose the layers and their order with --layers NAME,NAME,…"
        case .giveActivations?: "\(error); give --activations relu (one name for every hidden layer) or a list like relu,tanh (one per hidden layer)"
        case .omitActivations?: "\(error); leave --activations out to use the file's"
        case .giveSteps?: "\(error); or give the steps with --steps"
        case .overwrite?: "\(error); pass --force to overwrite it"
        case .otherOutput?: "\(error); --out must name another file"
        case .allowExternal?: "\(error); pass --allow-external to read it"
        case nil: error.description
        }
    }
}
