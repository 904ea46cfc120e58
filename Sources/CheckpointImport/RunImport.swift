import Platform
import RunFormat
import Vocabulary

/// Everything an import needs besides the checkpoints themselves.
public struct ImportSettings: Sendable {
    /// `/@producer`, e.g. `lr-import 0.1.0`.
    public var producer: String
    /// What the checkpoints are, for `/data@source` and messages: `Keras 3 .weights.h5`, …
    public var format: String
    /// The run file to write.
    public var output: String
    public var overwrite: Bool
    /// `--probe`: `FILE.npy` or `FILE.h5:/dataset`.
    public var probe: String
    /// `--targets`, optional.
    public var targets: String?
    /// `--task`; inferred from the targets when `nil`.
    public var task: LearningTask?
    /// `--activations`, parsed.
    public var activations: [Activation]?
    /// How the layers were chosen and ordered, for `/data@source`.
    public var layerOrder: String

    public init(producer: String, format: String, output: String, overwrite: Bool, probe: String, targets: String?,
                task: LearningTask?, activations: [Activation]?, layerOrder: String) {
        self.producer = producer
        self.format = format
        self.output = output
        self.overwrite = overwrite
        self.probe = probe
        self.targets = targets
        self.task = task
        self.activations = activations
        self.layerOrder = layerOrder
    }
}

/// What was written.
public struct ImportSummary: Sendable {
    public var output: String
    public var steps: [Int]
    public var layerSizes: [Int]
    public var activations: [Activation]
    public var probeCount: Int
    public var task: LearningTask
    public var targetsGiven: Bool
}

/// Turns checkpoint files into a run file (run format v1) through the same `RunWriter`
/// as `lr-train`: the same layout, compression and commit order.
///
/// The run is written to a hidden temporary file beside the output and renamed into place
/// only when every checkpoint has been read and written, so a refused input leaves no
/// output behind (and an existing output untouched).
///
/// The model is an MLP with the layer widths of the checkpoints' shapes. An imported run
/// has no losses: the metrics the format requires (`train_loss`, `test_loss`, and
/// `test_accuracy` for classification) hold NaN, as do `epoch` and `wall_time`; `/data`
/// is named `imported` with seed and example counts 0, and `/data@source` lists the
/// original files with their steps, the layers, the probe and the targets.
public enum RunImport {
    /// Reads each checkpoint with `read`, in the given (step) order, checks that all have
    /// the first one's layers and shapes, and writes the run. `progress(done, total)` is
    /// called after each checkpoint.
    public static func run(
        checkpoints: [CheckpointFile], settings: ImportSettings,
        read: (String) throws -> CheckpointLayers, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        guard !checkpoints.isEmpty else { throw CheckpointImportError(.incomplete, file: "", problem: "no checkpoint files given") }
        let staged = try stageOutput(settings.output, overwrite: settings.overwrite, inputs: checkpoints.map(\.path))
        defer { staged.discard() }

        // The probe is read before the checkpoints, so that a bad one is reported first.
        let probeArray = try LoadedArray.load(settings.probe, allowIntegers: false)
        let targetArray = try settings.targets.map { try LoadedArray.load($0, allowIntegers: true) }

        var writer: RunWriter?
        var first: (path: String, layers: CheckpointLayers)?
        var summary: ImportSummary?
        for (index, checkpoint) in checkpoints.enumerated() {
            let layers = try read(checkpoint.path)
            if let first {
                try requireSameShapes(layers, as: first.layers, file: checkpoint.path, firstFile: first.path)
            } else {
                first = (checkpoint.path, layers)
                let activations = try ImportActivations.resolve(
                    option: settings.activations, fromFile: layers.activations, layers: layers.layers.map(\.name),
                    file: checkpoint.path, format: settings.format)
                let sizes = [layers.layers[0].inputs] + layers.layers.map(\.outputs)
                let probe = try makeProbe(probeArray, targets: targetArray, task: settings.task, layerSizes: sizes)
                let source = describeSource(checkpoints: checkpoints, settings: settings, layers: layers,
                                            activationsFromFile: layers.activations != nil, targetsGiven: targetArray != nil)
                let header = RunHeader(
                    producer: settings.producer,
                    model: ModelDescription(architecture: .mlp, layerSizes: sizes, activations: activations),
                    data: DataDescription(task: probe.task, name: "imported", seed: 0, trainCount: 0, testCount: 0, source: source),
                    probe: probe.probe, storesActivations: false, parameterCount: 0,
                    metricNames: ["train_loss", "test_loss"] + (probe.task == .classification ? ["test_accuracy"] : []))
                writer = try writing(settings.output) { try RunWriter.create(path: staged.temporaryPath, header: header, overwrite: false) }
                summary = ImportSummary(output: settings.output, steps: [], layerSizes: sizes, activations: activations,
                                        probeCount: probe.probe.count, task: probe.task, targetsGiven: targetArray != nil)
            }
            if let recorded = layers.activations, let firstRecorded = first?.layers.activations, recorded != firstRecorded {
                throw CheckpointImportError(
                    .mismatch, file: checkpoint.path, problem: "records the activations \(recorded.joined(separator: ", ")) but \(first!.path) records \(firstRecorded.joined(separator: ", "))")
            }
            try writing(settings.output) { try writer!.append(CheckpointRecord(
                step: checkpoint.step, epoch: .nan, wallTime: .nan, metrics: [:],
                weights: layers.layers.map(\.weight), biases: layers.layers.map(\.bias))) }
            summary!.steps.append(checkpoint.step)
            progress(index + 1, checkpoints.count)
        }
        try writing(settings.output) { try writer!.close() }
        try commit(staged, overwrite: settings.overwrite)
        return summary!
    }

    /// Runs `body`, reporting the writer's errors (which name the temporary file) as
    /// errors about the output.
    static func writing<T>(_ output: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RunFormatError {
            throw CheckpointImportError(.output, file: output, problem: "cannot write the run: \(error.problem)")
        }
    }

    static func requireSameShapes(_ layers: CheckpointLayers, as first: CheckpointLayers, file: String, firstFile: String) throws {
        let names = layers.layers.map(\.name), firstNames = first.layers.map(\.name)
        guard names == firstNames else {
            throw CheckpointImportError(
                .mismatch, file: file, problem: "has the layers \(names.joined(separator: ", ")) but \(firstFile) has \(firstNames.joined(separator: ", ")); all checkpoints must hold the same network")
        }
        for (layer, reference) in zip(layers.layers, first.layers) where layer.shapeDescription != reference.shapeDescription {
            throw CheckpointImportError(
                .mismatch, file: file, problem: "layer \"\(layer.name)\" is \(layer.shapeDescription) ([out, in]) but \(reference.shapeDescription) in \(firstFile); all checkpoints must hold the same network")
        }
    }

    /// The probe inputs `[N, n_0]` (trailing axes flattened) and targets: given ones
    /// checked against the task and output width, or none (the run then has no `/probe/y`).
    static func makeProbe(
        _ inputs: LoadedArray, targets: LoadedArray?, task: LearningTask?, layerSizes: [Int]
    ) throws -> (probe: Probe, task: LearningTask) {
        let width = layerSizes[0], outputs = layerSizes.last!
        guard inputs.shape.count >= 2 else {
            throw CheckpointImportError(.mismatch, file: inputs.file, problem: "the probe has shape \(inputs.shape); it needs [N, \(width)] (one input per row)")
        }
        let count = inputs.shape[0]
        let rowWidth = inputs.shape.dropFirst().reduce(1, *)
        guard rowWidth == width else {
            throw CheckpointImportError(
                .mismatch, file: inputs.file, problem: "the probe inputs have width \(rowWidth) (shape \(inputs.shape)) but the first layer takes \(width) inputs (n_0 = \(width))")
        }
        guard count > 0 else { throw CheckpointImportError(.mismatch, file: inputs.file, problem: "the probe holds no inputs (shape \(inputs.shape))") }
        guard inputs.values.allSatisfy({ $0.isFinite && Float($0).isFinite }) else {
            throw CheckpointImportError(.unsupported, file: inputs.file, problem: "the probe inputs hold NaN, infinity or values too large for float32")
        }
        let x = inputs.values.map { Float($0) }

        guard let targets else {
            return (Probe(inputs: x, inputDimensions: width, targets: nil, targetWidth: 0), task ?? .regression)
        }
        let chosen = task ?? (targets.isInteger ? .classification : .regression)
        guard targets.shape.first == count else {
            throw CheckpointImportError(
                .mismatch, file: targets.file, problem: "the targets have shape \(targets.shape) but the probe has \(count) inputs; one target row per input")
        }
        switch chosen {
        case .classification:
            guard targets.shape.count == 1 || (targets.shape.count == 2 && targets.shape[1] == 1) else {
                throw CheckpointImportError(
                    .mismatch, file: targets.file, problem: "classification targets are one integer label per input, shape [\(count)], not \(targets.shape)")
            }
            let classes = max(outputs, 2)
            if let bad = targets.values.first(where: { $0 != $0.rounded() || $0 < 0 || $0 >= Double(classes) }) {
                let label = bad == bad.rounded() && abs(bad) < 1e15 ? String(Int64(bad)) : String(bad)
                throw CheckpointImportError(
                    .mismatch, file: targets.file, problem: "the label \(label) is not a class of the \(outputs)-output network (0…\(classes - 1))")
            }
            return (Probe(inputs: x, inputDimensions: width, targets: targets.values.map { Float($0) }, targetWidth: 1), chosen)
        case .regression:
            let targetWidth = targets.shape.dropFirst().reduce(1, *)
            guard targetWidth == outputs, targets.shape.count <= 2 else {
                throw CheckpointImportError(
                    .mismatch, file: targets.file, problem: "regression targets need shape [\(count), \(outputs)] (the network's \(outputs) outputs), not \(targets.shape)")
            }
            guard targets.values.allSatisfy({ $0.isFinite }) else {
                throw CheckpointImportError(.unsupported, file: targets.file, problem: "the targets hold NaN or infinity")
            }
            return (Probe(inputs: x, inputDimensions: width, targets: targets.values.map { Float($0) }, targetWidth: outputs), chosen)
        }
    }

    static func describeSource(checkpoints: [CheckpointFile], settings: ImportSettings, layers: CheckpointLayers,
                               activationsFromFile: Bool, targetsGiven: Bool) -> String {
        let files = checkpoints.map { "\($0.path) (step \($0.step))" }.joined(separator: ", ")
        let names = layers.layers.map(\.name).joined(separator: ", ")
        let activations = activationsFromFile ? "from the files" : (settings.activations == nil ? "none needed" : "as given on the command line")
        let targets = settings.targets.map { "probe targets \($0)" } ?? "no probe targets given"
        return "imported by \(settings.producer) from \(checkpoints.count) \(settings.format) checkpoint\(checkpoints.count == 1 ? "" : "s"): \(files); layers \(names) (\(settings.layerOrder)); activations \(activations); probe inputs \(settings.probe); \(targets); no losses were recorded (the loss and accuracy metrics are NaN)"
    }
}

// MARK: - Staging the output

extension RunImport {
    /// A staged file for the output, after checking that `path` may be written: not a
    /// directory, not one of the inputs, and not an existing file unless `overwrite`.
    static func stageOutput(_ path: String, overwrite: Bool, inputs: [String]) throws -> StagedFile {
        let (directory, name) = FileSystem.split(path)
        guard !name.isEmpty else { throw CheckpointImportError(.output, file: path, problem: "names a directory, not the run file to write") }
        if let kind = try? FileSystem.kind(of: path) {
            if kind == .directory {
                throw CheckpointImportError(.output, file: path, problem: "is a directory, not the run file to write")
            }
            if !overwrite { throw CheckpointImportError(.output, file: path, problem: "already exists", remedy: .overwrite) }
            let resolved = FileSystem.resolvedPath(path)
            if inputs.contains(where: { FileSystem.resolvedPath($0) == resolved }) {
                throw CheckpointImportError(.output, file: path, problem: "is one of the checkpoint files", remedy: .otherOutput)
            }
        }
        if !directory.isEmpty, (try? FileSystem.kind(of: directory)) != .directory {
            throw CheckpointImportError(.output, file: path, problem: "its directory \(directory) does not exist")
        }
        return StagedFile(finalPath: path)
    }

    /// Moves the finished run into place, replacing an existing file only with `overwrite`.
    static func commit(_ staged: StagedFile, overwrite: Bool) throws {
        do {
            try staged.commit(replacing: overwrite)
        } catch .fileExists {
            throw CheckpointImportError(.output, file: staged.finalPath, problem: "already exists", remedy: .overwrite)
        } catch {
            throw CheckpointImportError(.output, file: staged.finalPath, problem: "cannot move the finished run into place: \(error)")
        }
    }
}
