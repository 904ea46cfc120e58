import Foundation
import HDF5
import Platform

/// Everything a run file holds before its first checkpoint.
public struct RunHeader: Sendable {
    public var producer: String
    public var model: ModelDescription
    public var data: DataDescription
    public var probe: Probe
    /// Joint covariance of (x, y) for Gaussian data, `(n_0 + n_y)²` row-major.
    public var jointCovariance: [Double]?
    /// The training configuration, stored as `/training` attributes so that `--resume`
    /// needs no flags.
    public var trainingAttributes: [String: String]
    public var storesActivations: Bool
    /// The optimizer's parameter count; 0 when no optimizer state is kept.
    public var parameterCount: Int
    /// The float64 `[C]` metrics each checkpoint records, e.g. `train_loss`.
    public var metricNames: [String]

    public init(producer: String, model: ModelDescription, data: DataDescription, probe: Probe,
                jointCovariance: [Double]? = nil, trainingAttributes: [String: String] = [:],
                storesActivations: Bool, parameterCount: Int, metricNames: [String]) {
        self.producer = producer
        self.model = model
        self.data = data
        self.probe = probe
        self.jointCovariance = jointCovariance
        self.trainingAttributes = trainingAttributes
        self.storesActivations = storesActivations
        self.parameterCount = parameterCount
        self.metricNames = metricNames
    }
}

/// Writes a run file in SWMR mode: every object is created up front, then each
/// checkpoint is appended and flushed, so that readers can follow a run while it trains
/// and a killed trainer leaves every completed checkpoint readable.
///
/// A checkpoint is committed by extending `/checkpoints/step` last, after its other rows
/// and its optimizer slot are written and on the disk (`HDF5File.synchronize`). When a
/// write fails (a full disk), nothing more is written: the file keeps the checkpoints
/// committed before, which `--resume` continues from.
///
/// One writer at a time: the writer holds the run's `FileLock` while it lives.
public final class RunWriter: @unchecked Sendable {
    public let path: String
    let file: HDF5File
    let header: RunHeader
    let lock: FileLock
    public private(set) var checkpointCount: Int

    /// Creates the file (failing if it exists unless `overwrite`), writes the header and
    /// starts SWMR writing. The header is written under a temporary name and moved into
    /// place once complete, so that a failure leaves no half-made run behind.
    public static func create(path: String, header: RunHeader, overwrite: Bool) throws -> RunWriter {
        if !overwrite, FileSystem.exists(path) { throw RunFormatError(.alreadyExists, file: path, problem: "already exists") }
        let lock = try acquireLock(path)
        let staged = StagedFile(finalPath: path)
        let file = try RunFormatError.reading(path) {
            let file = try HDF5File.create(staged.temporaryPath, mode: .failIfExists)
            try writeHeader(header, to: file)
            try file.synchronize()
            return file
        }
        do {
            try staged.commit(replacing: overwrite)
        } catch .fileExists {
            throw RunFormatError(.alreadyExists, file: path, problem: "already exists")
        } catch {
            throw RunFormatError(.writeFailed, file: path, problem: "cannot move the new run into place (\(error))")
        }
        try RunFormatError.reading(path) { try file.startSWMRWrite() }
        return RunWriter(path: path, file: file, header: header, lock: lock, checkpointCount: 0)
    }

    /// Reopens a run to continue it: checkpoints past the last committed one (a kill or a
    /// failed write mid-checkpoint) are cut away, and SWMR writing restarts.
    public static func reopen(path: String, header: RunHeader) throws -> RunWriter {
        let lock = try acquireLock(path)
        return try RunFormatError.reading(path) {
            // A killed SWMR writer leaves the file marked as open for writing. Opening as a
            // SWMR writer at once bounds metadata retries, so a damaged file fails quickly.
            let file = try HDF5File.open(path, mode: .swmrWrite, clearingStatusFlags: true)
            let steps = try file.root.openDataset(RunLayout.steps)
            let count = try RunReader.committedCheckpoints(steps)
            if try steps.shape[0] != count { try steps.extend(to: [count]) }
            for datasetPath in try checkpointDatasetPaths(in: file, header: header) {
                let dataset = try file.root.openDataset(datasetPath)
                var shape = try dataset.shape
                if shape[0] != count {
                    shape[0] = count
                    try dataset.extend(to: shape)
                }
            }
            return RunWriter(path: path, file: file, header: header, lock: lock, checkpointCount: count)
        }
    }

    /// The run's writer lock, or a one-line refusal when another process writes the run.
    static func acquireLock(_ path: String) throws -> FileLock {
        let lock: FileLock?
        do {
            lock = try FileLock.tryAcquire(path)
        } catch {
            throw RunFormatError(error.code == ENOENT ? .notFound : .writeFailed, file: path,
                                 problem: "cannot lock it for writing (\(error))")
        }
        guard let lock else {
            throw RunFormatError(.busy, file: path, problem: "another process is writing it (lr-train, or lr-import); wait until it has finished")
        }
        return lock
    }

    init(path: String, file: HDF5File, header: RunHeader, lock: FileLock, checkpointCount: Int) {
        self.path = path
        self.file = file
        self.header = header
        self.lock = lock
        self.checkpointCount = checkpointCount
    }

    static func checkpointDatasetPaths(in file: HDF5File, header: RunHeader) throws -> [String] {
        let layers = 0..<header.model.layerCount
        var paths = try file.root.openGroup(RunLayout.checkpoints).memberNames().map(RunLayout.metric)
        paths += layers.flatMap { [RunLayout.weight(layer: $0), RunLayout.bias(layer: $0)] }
        if file.root.contains(RunLayout.activations) { paths += layers.map(RunLayout.activations(layer:)) }
        return paths
    }

    static func writeHeader(_ header: RunHeader, to file: HDF5File) throws {
        let root = file.root
        let rootAttribute = RunLayout.RootAttribute.self
        try root.setAttribute(rootAttribute.format, RunLayout.format)
        try root.setAttribute(rootAttribute.formatVersion, RunLayout.formatVersion)
        try root.setAttribute(rootAttribute.producer, header.producer)
        try root.setAttribute(rootAttribute.created, iso8601Now())
        try root.setAttribute(rootAttribute.hdf5Version, HDF5Library.version)
        try writeModel(header, to: root)
        try writeData(header, to: root)
        try writeProbe(header, to: root)
        try createSeries(header, in: root)
        let training = try root.createGroup(RunLayout.training)
        for (name, value) in header.trainingAttributes.sorted(by: { $0.key < $1.key }) {
            try training.setAttribute(name, value)
        }
        try createOptimizerSlots(parameterCount: header.parameterCount, in: root)
        try file.flush()
    }

    /// `/model` and its attributes.
    private static func writeModel(_ header: RunHeader, to root: HDF5Group) throws {
        let model = try root.createGroup(RunLayout.model)
        let modelAttribute = RunLayout.ModelAttribute.self
        try model.setAttribute(modelAttribute.architecture, header.model.architecture.rawValue)
        try model.setAttribute(modelAttribute.layerSizes, header.model.layerSizes.map(Int64.init))
        try model.setAttribute(modelAttribute.activations, header.model.activations.map(\.rawValue))
        try model.setAttribute(modelAttribute.weightLayout, RunLayout.weightLayoutOutIn)
        if let bottleneck = header.model.bottleneck {
            try model.setAttribute(modelAttribute.bottleneckLayer, Int64(bottleneck.layer))
            try model.setAttribute(modelAttribute.bottleneckDimensions, Int64(bottleneck.dimensions))
            try model.setAttribute(modelAttribute.beta, bottleneck.beta)
        }
        if let layers = header.model.layers {
            try model.setAttribute(modelAttribute.layers, layers.json)
            let shape = layers.inputShape
            try model.setAttribute(modelAttribute.inputShape, [shape.channels, shape.height, shape.width].map(Int64.init))
        }
    }

    /// `/data`, its attributes, and the joint covariance of Gaussian data.
    private static func writeData(_ header: RunHeader, to root: HDF5Group) throws {
        let data = try root.createGroup(RunLayout.data)
        let dataAttribute = RunLayout.DataAttribute.self
        let description = header.data
        try data.setAttribute(dataAttribute.task, description.task.rawValue)
        if let name = description.name { try data.setAttribute(dataAttribute.name, name) }
        if let seed = description.seed { try data.setAttribute(dataAttribute.seed, seed) }
        if let count = description.trainCount { try data.setAttribute(dataAttribute.trainCount, Int64(count)) }
        if let count = description.testCount { try data.setAttribute(dataAttribute.testCount, Int64(count)) }
        if let source = description.source { try data.setAttribute(dataAttribute.source, source) }
        if let split = description.probeSource { try data.setAttribute(dataAttribute.probeSource, split) }
        if let mean = description.inputMean { try data.setAttribute(dataAttribute.inputMean, mean) }
        if let deviation = description.inputStandardDeviation { try data.setAttribute(dataAttribute.inputStandardDeviation, deviation) }
        if let covariance = header.jointCovariance {
            let width = Int(Double(covariance.count).squareRoot())
            _ = try root.writeDataset(RunLayout.jointCovariance, covariance, shape: [width, width])
        }
    }

    /// The probe's inputs and targets.
    private static func writeProbe(_ header: RunHeader, to root: HDF5Group) throws {
        let probe = header.probe
        _ = try root.writeDataset(RunLayout.probeInputs, probe.inputs, shape: [probe.count, probe.inputDimensions])
        switch (probe.targets, header.data.task) {
        case (let targets?, .classification):
            _ = try root.writeDataset(RunLayout.probeTargets, targets.map { Int64($0) }, shape: [probe.count])
        case (let targets?, .regression):
            _ = try root.writeDataset(RunLayout.probeTargets, targets, shape: [probe.count, probe.targetWidth])
        case (nil, _):
            break
        }
    }

    /// The empty series that checkpoints grow along their first axis: steps, epochs, wall
    /// times, metrics, and each layer's weights, biases and (if stored) probe activations.
    private static func createSeries(_ header: RunHeader, in root: HDF5Group) throws {
        func extendible<T: HDF5Scalar>(_ path: String, _ type: T.Type, _ rest: [Int], fillValue: T? = nil) throws {
            _ = try root.createDataset(path, of: type, shape: [0] + rest, maximumShape: [nil] + rest.map { $0 },
                                       chunkShape: [1] + rest, deflateLevel: RunLayout.deflateLevel, shuffle: true,
                                       fletcher32: true, fillValue: fillValue)
        }
        try extendible(RunLayout.steps, Int64.self, [], fillValue: RunLayout.unwrittenStep)
        try extendible(RunLayout.epochs, Double.self, [])
        try extendible(RunLayout.wallTimes, Double.self, [])
        for name in header.metricNames.sorted() { try extendible(RunLayout.metric(name), Double.self, []) }
        let sizes = header.model.layerSizes
        for layer in 0..<header.model.layerCount {
            try extendible(RunLayout.weight(layer: layer), Float.self, header.model.weightShape(layer: layer))
            try extendible(RunLayout.bias(layer: layer), Float.self, [header.model.biasWidth(layer: layer)])
            if header.storesActivations {
                try extendible(RunLayout.activations(layer: layer), Float.self, [header.probe.count, sizes[layer + 1]])
            }
        }
    }

    /// The optimizer's two alternating state slots, for resuming (none without parameters).
    private static func createOptimizerSlots(parameterCount p: Int, in root: HDF5Group) throws {
        guard p > 0 else { return }
        _ = try root.writeDataset(RunLayout.optimizerSlotSteps, [Int64](repeating: -1, count: 2), shape: [2])
        _ = try root.writeDataset(RunLayout.optimizerSlotUpdates, [Int64](repeating: 0, count: 2), shape: [2])
        _ = try root.createDataset(RunLayout.optimizerFirstMoment, of: Float.self, shape: [2, p], chunkShape: [1, p])
        _ = try root.createDataset(RunLayout.optimizerSecondMoment, of: Float.self, shape: [2, p], chunkShape: [1, p])
        _ = try root.createDataset(RunLayout.optimizerParameters, of: Float.self, shape: [2, p], chunkShape: [1, p])
    }

    static func iso8601Now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Appends one checkpoint and commits it.
    public func append(_ checkpoint: CheckpointRecord) throws {
        try RunFormatError.reading(path) {
            let root = file.root
            let layers = header.model.layerCount
            precondition(checkpoint.weights.count == layers && checkpoint.biases.count == layers)
            for layer in 0..<layers {
                try appendRow(root.openDataset(RunLayout.weight(layer: layer)), checkpoint.weights[layer])
                try appendRow(root.openDataset(RunLayout.bias(layer: layer)), checkpoint.biases[layer])
                if header.storesActivations, let activations = checkpoint.activations {
                    try appendRow(root.openDataset(RunLayout.activations(layer: layer)), activations[layer])
                }
            }
            try appendRow(root.openDataset(RunLayout.epochs), [checkpoint.epoch])
            try appendRow(root.openDataset(RunLayout.wallTimes), [checkpoint.wallTime])
            for name in try root.openGroup(RunLayout.checkpoints).memberNames()
            where !RunLayout.checkpointBookkeeping.contains(name) {
                try appendRow(root.openDataset(RunLayout.metric(name)), [checkpoint.metrics[name] ?? .nan])
            }
            if let state = checkpoint.optimizerState, header.parameterCount > 0 {
                // Two slots, alternating: the previous checkpoint's state survives a kill
                // while this one's is being written.
                let slot = checkpointCount % 2
                let slotSteps = try root.openDataset(RunLayout.optimizerSlotSteps)
                try slotSteps.write([Int64(-1)], offset: [slot], count: [1])
                let p = header.parameterCount
                try root.openDataset(RunLayout.optimizerFirstMoment).write(state.firstMoment, offset: [slot, 0], count: [1, p])
                let second = state.secondMoment.isEmpty ? [Float](repeating: 0, count: p) : state.secondMoment
                try root.openDataset(RunLayout.optimizerSecondMoment).write(second, offset: [slot, 0], count: [1, p])
                try root.openDataset(RunLayout.optimizerParameters).write(state.parameters, offset: [slot, 0], count: [1, p])
                try root.openDataset(RunLayout.optimizerSlotUpdates).write([Int64(state.updateCount)], offset: [slot], count: [1])
                try file.synchronize()
                try slotSteps.write([Int64(checkpoint.step)], offset: [slot], count: [1])
            }
            try file.synchronize()
            try commit(root.openDataset(RunLayout.steps), [Int64(checkpoint.step)])
            checkpointCount += 1
        }
    }

    /// Writes the commit record's row and flushes it: the dataset first (its chunk, then the
    /// extent that shows it, so that a failed chunk write never leaves a readable row holding
    /// the fill value), then the file.
    private func commit(_ steps: HDF5Dataset, _ values: [Int64]) throws {
        try appendRow(steps, values)
        try steps.flush()
        try file.flush()
    }

    /// Writes `values` as row `checkpointCount` of a `[C, …]` dataset, growing it if needed
    /// (a dataset may already hold a row from an uncommitted attempt; it is overwritten).
    private func appendRow<T: HDF5Scalar>(_ dataset: HDF5Dataset, _ values: [T]) throws {
        var shape = try dataset.shape
        if shape[0] <= checkpointCount {
            shape[0] = checkpointCount + 1
            try dataset.extend(to: shape)
        }
        try dataset.write(values, offset: [checkpointCount] + shape.dropFirst().map { _ in 0 },
                          count: [1] + shape.dropFirst())
    }

    /// The optimizer state stored for `step`, if its slot still holds it.
    public func optimizerState(forStep step: Int) throws -> OptimizerState? {
        try RunFormatError.reading(path) {
            let root = file.root
            guard header.parameterCount > 0, root.contains(RunLayout.optimizerSlotSteps) else { return nil }
            let steps = try root.openDataset(RunLayout.optimizerSlotSteps).read(as: Int64.self)
            guard let slot = steps.firstIndex(of: Int64(step)) else { return nil }
            let p = header.parameterCount
            let first = try root.openDataset(RunLayout.optimizerFirstMoment).read(as: Float.self, offset: [slot, 0], count: [1, p])
            let second = try root.openDataset(RunLayout.optimizerSecondMoment).read(as: Float.self, offset: [slot, 0], count: [1, p])
            let parameters = try root.openDataset(RunLayout.optimizerParameters).read(as: Float.self, offset: [slot, 0], count: [1, p])
            let updates = try root.openDataset(RunLayout.optimizerSlotUpdates).read(as: Int64.self)[slot]
            return OptimizerState(parameters: parameters, firstMoment: first, secondMoment: second, updateCount: Int(updates))
        }
    }

    public func close() throws {
        try RunFormatError.reading(path) { try file.close() }
    }
}
