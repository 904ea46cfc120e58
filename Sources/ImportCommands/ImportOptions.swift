import ArgumentParser
import CheckpointImport
import CommandLineSupport
import Platform
import TerminalProgress
import Vocabulary

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

    @Option(help: ArgumentHelp("Hidden-layer activation for files that do not record it (Keras 3 .weights.h5, safetensors): relu, tanh or identity for every hidden layer, or a list with one per hidden layer like relu,tanh. The last layer is stored as identity. Legacy Keras .h5 models record theirs.", valueName: "names"),
            transform: Self.activations)
    var activations: [Activation]?

    @Option(help: ArgumentHelp("The layers to import, in forward order, comma-separated: Keras group keys (dense, dense_1, sequential/dense) or layer names, legacy Keras layer names, or PyTorch module prefixes (0, 2, fc1). Default: every dense layer, in the order docs/import.md describes.", valueName: "names"),
            transform: Self.layerNames)
    var layers: [String]?

    @Option(help: ArgumentHelp("The step of each checkpoint file, comma-separated, in the order the files are given (each pattern's matches sorted by name). Default: the last number in each file name.", valueName: "list"),
            transform: Self.steps)
    var steps: [Int]?

    @Option(help: ArgumentHelp("The run file to write.", valueName: "file.h5"))
    var out: String

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @Flag(help: "No progress output (the one-line summary at the end is still printed).")
    var quiet = false

    /// `--activations relu` or `relu,tanh`.
    static func activations(_ text: String) throws(OptionValueError) -> [Activation] {
        guard let activations = ImportActivations.parseOption(text) else {
            throw OptionValueError("--activations '\(text)' is not relu, tanh or identity, or a comma-separated list of them")
        }
        return activations
    }

    /// `--layers dense,dense_1`: names, none empty, none twice.
    static func layerNames(_ text: String) throws(OptionValueError) -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(where: \.isEmpty) else {
            throw OptionValueError("--layers '\(text)' is not a comma-separated list of layer names")
        }
        guard Set(names).count == names.count else { throw OptionValueError("--layers names a layer twice") }
        return names
    }

    /// `--steps 0,100,200`: non-negative integers.
    static func steps(_ text: String) throws(OptionValueError) -> [Int] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw OptionValueError("--steps '\(text)' is not a comma-separated list of non-negative integers")
        }
        return values.map { $0! }
    }

    /// Expands the patterns, orders the checkpoints, imports them with `read` and prints
    /// the summary.
    func run(patterns: [String], format: String, layerOrder: String, read: @escaping (String) throws -> CheckpointLayers) throws {
        let files = try CheckpointNaming.expand(patterns)
        for file in files { try CheckpointNaming.refusePickle(file) }
        let checkpoints = try CheckpointNaming.order(files, steps: steps)
        let settings = ImportSettings(
            producer: tool.producer, format: format, output: out, overwrite: force, probe: probe, targets: targets,
            task: task, activations: activations, layerOrder: layers == nil ? layerOrder : "chosen with --layers")
        try createParentDirectories(of: out)
        let progress = quiet ? { _, _ in } : ProgressReporter.counting(label: tool.name, unit: "checkpoints")
        progress(0, checkpoints.count)
        let summary = try RunImport.run(checkpoints: checkpoints, settings: settings, read: read, progress: progress)
        StandardStreams.writeError("\(tool.name): wrote \(summary.output): \(summary.description)\n")
    }
}

extension ImportSummary {
    /// "3 checkpoints (steps 1…3), layers 5→4→3, relu, 6 probe inputs, classification".
    var description: String {
        let stepList = steps.count == 1 ? "step \(steps[0])" : "steps \(steps.first!)…\(steps.last!)"
        let hidden = activations.dropLast().map(\.rawValue)
        let activation = hidden.isEmpty ? "" : Set(hidden).count == 1 ? ", \(hidden.first!)" : ", \(hidden.joined(separator: ","))"
        let noTargets = targetsGiven ? "" : " (no targets given)"
        return "\(steps.count) checkpoint\(steps.count == 1 ? "" : "s") (\(stepList)), layers \(layerSizes.map(String.init).joined(separator: "→"))\(activation), \(probeCount) probe inputs, \(task.rawValue)\(noTargets)"
    }
}
