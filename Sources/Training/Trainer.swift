import Datasets
import LinearAlgebra
import NeuralNetworks
import Platform
import RandomNumbers
import RunFormat
import Vocabulary

/// Training stopped before the last step because the loss became NaN or infinite; the
/// checkpoints written so far are kept.
public struct TrainingStopped: Error, CustomStringConvertible, Sendable {
    /// The run file.
    public var file: String
    /// The loss: NaN or ±infinity.
    public var loss: Double
    /// The step whose loss it is, counted from 1.
    public var step: Int
    public var checkpointsKept: Int

    public init(file: String, loss: Double, step: Int, checkpointsKept: Int) {
        self.file = file
        self.loss = loss
        self.step = step
        self.checkpointsKept = checkpointsKept
    }

    public var description: String {
        "\(file): the training loss became \(loss) at step \(step); stopped, keeping the \(checkpointsKept) checkpoints written so far"
    }
}

/// Writing the run failed (a full disk, a quota, an I/O error): the checkpoints committed
/// before are kept, and `--resume` continues from the last; a new run that had none is removed.
public struct RunWriteFailed: Error, CustomStringConvertible, Sendable {
    public var failure: RunFormatError
    public var checkpointsKept: Int

    public var description: String {
        guard checkpointsKept > 0 else { return "\(failure); nothing was kept" }
        let kept = checkpointsKept == 1 ? "its complete checkpoint is kept" : "its \(checkpointsKept) complete checkpoints are kept"
        return "\(failure); \(kept), and lr-train --resume continues the run (until then h5py opens it with swmr=True)"
    }
}

/// What a finished (or resumed and finished) run reports; `lr-train --summary-json` writes it.
public struct TrainingSummary: Sendable, Encodable {
    public var steps: Int
    /// Seconds spent in training steps alone (no evaluation or checkpoint I/O).
    public var stepSeconds: Double
    /// Wall time of the whole run, checkpoints included.
    public var wallSeconds: Double
    public var checkpointCount: Int
    public var finalMetrics: [String: Double]
    public var stepsPerSecond: Double { stepSeconds > 0 ? Double(steps) / stepSeconds : 0 }

    enum CodingKeys: String, CodingKey {
        case steps, stepSeconds = "step_seconds", wallSeconds = "wall_seconds", checkpointCount = "checkpoints"
        case finalMetrics = "final_metrics", stepsPerSecond = "steps_per_second"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(steps, forKey: .steps)
        try container.encode(stepSeconds, forKey: .stepSeconds)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(checkpointCount, forKey: .checkpointCount)
        try container.encode(finalMetrics.mapValues { $0.isFinite ? $0 : nil }, forKey: .finalMetrics)
        try container.encode(stepsPerSecond, forKey: .stepsPerSecond)
    }
}

/// Trains an MLP or a DVIB with mini-batch gradient descent and appends checkpoints to a
/// run file.
///
/// Every random choice is a pure function of the seed and the position in training: the
/// initialization, the training subset, each epoch's shuffle (seeded by seed and epoch)
/// and a DVIB's noise (seeded by seed and step). So a resumed run needs only the
/// parameters and the optimizer state to continue exactly where an uninterrupted run would be.
public struct Trainer: Sendable {
    public var configuration: TrainingConfiguration
    public var producer: String

    public init(configuration: TrainingConfiguration, producer: String) {
        self.configuration = configuration
        self.producer = producer
    }

    /// Loads or generates the data the configuration names, standardized and subset as it
    /// says, and checks it against the network's shape and the probe's size.
    public func loadDataset() throws -> Dataset {
        let c = configuration
        var dataset = try loadSource()
        if c.standardizesInputs { dataset = dataset.standardized() }
        if let subset = c.trainSubset {
            guard subset > 0, subset <= dataset.train.count else {
                throw ConfigurationError(.outOfRange, .trainSubset, "\(subset) is outside 1…\(dataset.train.count), the training set's size")
            }
            var generator = SeededGenerator(seed: c.seed ^ 0x5EB5_E7)
            dataset.train = dataset.train.selecting(generator.permutation(of: dataset.train.count).prefix(subset))
        }
        let available = probeSplit(dataset).count
        guard c.probeCount > 0, c.probeCount <= available else {
            throw ConfigurationError(.outOfRange, .probe, "\(c.probeCount) is outside 1…\(available), the \(c.probeSource.rawValue) examples")
        }
        try checkShape(dataset)
        return dataset
    }

    private func loadSource() throws -> Dataset {
        let c = configuration
        switch c.data {
        case .gaussian(let nx, let ny, let decay):
            return GaussianRegression(inputDimensions: nx, targetDimensions: ny, decayLength: decay, seed: c.seed)
                .dataset(trainCount: c.gaussianTrainCount, testCount: c.gaussianTestCount)
        case .twelveBits:
            return SphericalClasses.twelveBits(seed: c.seed)
        case .gaussianSphere(let dimensions):
            return SphericalClasses.gaussian(dimensions: dimensions, trainCount: c.gaussianTrainCount, testCount: c.gaussianTestCount,
                                             seed: c.seed)
        case .idx(let directory):
            guard !directory.isEmpty else { throw ConfigurationError(.incomplete, .data, "this preset needs the IDX directory, idx:DIR") }
            let name = directory.split(separator: "/").last.map(String.init) ?? "idx"
            return try IDXFiles.load(directory: directory, name: name)
        case .mnistSample:
            return try MNISTSample.load()
        case .modularAddition(let modulus, let fraction):
            return ModularAddition(modulus: modulus, trainingFraction: fraction, seed: c.seed).dataset()
        }
    }

    private func checkShape(_ dataset: Dataset) throws {
        let c = configuration
        guard c.architecture != .cnn else {
            throw ConfigurationError(.shapeMismatch, .architecture, "lr-train does not train convolutional networks yet")
        }
        guard c.layerSizes.first == dataset.train.inputDimensions else {
            throw ConfigurationError(.shapeMismatch, .layerSizes, "the first width is \(c.layerSizes[0]), but the data has \(dataset.train.inputDimensions) input dimensions")
        }
        let outputs = c.layerSizes.last!
        if dataset.task == .regression, outputs != dataset.train.targetWidth {
            throw ConfigurationError(.shapeMismatch, .layerSizes, "the last width is \(outputs), but the targets have \(dataset.train.targetWidth) dimensions")
        }
        if let classes = dataset.classCount, outputs != classes {
            throw ConfigurationError(.shapeMismatch, .layerSizes, "the last width is \(outputs), but the data has \(classes) classes")
        }
        if c.architecture == .dvib {
            guard c.layerSizes.count >= 3, c.layerSizes[c.layerSizes.count - 2] % 2 == 0 else {
                throw ConfigurationError(.shapeMismatch, .layerSizes, "a DVIB's widths are n_0,…,2K,n_out: the encoder ends in 2K units (μ and σ), the decoder maps K to the output")
            }
        }
    }

    /// The probe set: the first examples of the split the configuration names.
    func probeExamples(_ dataset: Dataset) -> Examples {
        probeSplit(dataset).prefix(configuration.probeCount)
    }

    /// The examples the probe set is taken from.
    func probeSplit(_ dataset: Dataset) -> Examples {
        switch configuration.probeSource {
        case .train: dataset.train
        case .test: dataset.test
        case .all: dataset.train.appending(dataset.test)
        }
    }

    /// The examples a checkpoint's metrics are computed on: the first `evaluationExamples`
    /// of each split.
    func evaluationSet(_ dataset: Dataset) -> Dataset {
        guard let count = configuration.evaluationExamples else { return dataset }
        var subset = dataset
        subset.train = dataset.train.prefix(count)
        subset.test = dataset.test.prefix(count)
        return subset
    }

    /// A freshly initialized model of the configured architecture.
    func makeModel(task: LearningTask) -> any TrainableModel {
        let c = configuration
        switch c.architecture {
        case .mlp:
            var network = MultilayerPerceptron(layerSizes: c.layerSizes, hiddenActivation: c.hiddenActivation)
            network.initialize(seed: c.seed, initialization: c.initialization)
            return PerceptronModel(network: network, loss: c.loss, batchCapacity: c.batchSize)
        case .dvib:
            var model = VariationalBottleneck(
                encoderSizes: Array(c.layerSizes.dropLast()), hiddenActivation: c.hiddenActivation,
                outputDimensions: c.layerSizes.last!, beta: c.beta, isClassifier: task == .classification)
            model.initialize(seed: c.seed, initialization: c.initialization)
            return BottleneckModel(model: model, batchCapacity: c.batchSize, seed: c.seed)
        case .cnn:
            preconditionFailure("loadDataset refuses a cnn before a model is made")
        }
    }

    func header(dataset: Dataset, model: any TrainableModel, metricNames: [String]) -> RunHeader {
        let c = configuration
        let probe = probeExamples(dataset)
        return RunHeader(
            producer: producer,
            model: model.description,
            data: DataDescription(task: dataset.task, name: dataset.name, seed: Int64(bitPattern: c.seed),
                                  trainCount: dataset.train.count, testCount: dataset.test.count, source: dataset.source,
                                  probeSource: c.probeSource.rawValue, inputMean: dataset.standardization?.mean,
                                  inputStandardDeviation: dataset.standardization?.standardDeviation),
            probe: Probe(inputs: probe.inputs, inputDimensions: probe.inputDimensions,
                         targets: probe.targets, targetWidth: probe.targetWidth),
            jointCovariance: dataset.jointCovariance,
            trainingAttributes: c.attributes,
            storesActivations: c.storesActivations,
            parameterCount: model.parameters.count,
            metricNames: metricNames)
    }

    /// Trains from scratch into a new run file.
    public func train(outputPath: String, overwrite: Bool, progress: ((TrainingProgress) -> Void)? = nil) throws -> TrainingSummary {
        let dataset = try loadDataset()
        let model = makeModel(task: dataset.task)
        BLASThreads.useOne()  // before the first evaluation, so that every checkpoint's metrics are computed alike
        let initialMetrics = model.evaluate(evaluationSet(dataset))
        let optimizer = configuration.makeOptimizer(parameterCount: model.parameters.count)
        let writer: RunWriter
        do {
            writer = try RunWriter.create(
                path: outputPath, header: header(dataset: dataset, model: model, metricNames: Array(initialMetrics.keys)),
                overwrite: overwrite)
        } catch let failure as RunFormatError where failure.kind == .writeFailed {
            throw RunWriteFailed(failure: failure, checkpointsKept: 0)
        }
        return try Self.closing(writer, removingIfEmpty: true) {
            try run(model: model, optimizer: optimizer, dataset: dataset, writer: writer,
                    startStep: 0, startWallTime: 0, initialMetrics: initialMetrics, progress: progress)
        }
    }

    /// Runs `body`, then closes `writer`, checked, however `body` ended. A failed write
    /// becomes `RunWriteFailed`; a new run that committed no checkpoint is then removed.
    static func closing(_ writer: RunWriter, removingIfEmpty: Bool, _ body: () throws -> TrainingSummary) throws -> TrainingSummary {
        let summary: TrainingSummary
        do {
            summary = try body()
            try writer.close()
        } catch {
            try? writer.close()
            guard let failure = error as? RunFormatError, failure.kind == .writeFailed else { throw error }
            if removingIfEmpty && writer.checkpointCount == 0 { FileSystem.remove(writer.path) }
            throw RunWriteFailed(failure: failure, checkpointsKept: writer.checkpointCount)
        }
        return summary
    }

    /// Continues the run in `path` from its last checkpoint, with its stored configuration
    /// (`steps` may be raised to train further; `threads` is not stored, nil means every core).
    public static func resume(path: String, producer: String, steps: Int? = nil, threads: Int? = nil,
                              progress: ((TrainingProgress) -> Void)? = nil) throws -> TrainingSummary {
        let reader = try RunReader(path: path)
        var configuration = try TrainingConfiguration(attributes: reader.trainingAttributes)
        if let steps { configuration.steps = steps }
        configuration.threads = threads
        let trainer = Trainer(configuration: configuration, producer: producer)
        let storedSteps = try reader.steps()
        guard let lastStep = storedSteps.last else {
            throw RunFormatError(file: path, problem: "has no checkpoint to resume from")
        }
        let wallTime = try reader.metric("wall_time", count: storedSteps.count)?.last ?? 0
        let metricNames = try reader.metricNames()
        try reader.close()
        guard lastStep < configuration.steps else {
            throw ConfigurationError(.alreadyReached, .steps, "\(path) already reached step \(lastStep) of \(configuration.steps); raise it to train further")
        }

        let dataset = try trainer.loadDataset()
        var model = trainer.makeModel(task: dataset.task)
        let writer = try RunWriter.reopen(path: path, header: trainer.header(dataset: dataset, model: model, metricNames: metricNames))
        return try closing(writer, removingIfEmpty: false) {
            guard let state = try writer.optimizerState(forStep: lastStep), state.parameters.count == model.parameters.count else {
                throw RunFormatError(file: path, problem: "holds no optimizer state for step \(lastStep); cannot resume exactly")
            }
            model.parameters = state.parameters
            var optimizer = configuration.makeOptimizer(parameterCount: model.parameters.count)
            optimizer.firstMoment = state.firstMoment
            if configuration.optimizer != .sgd { optimizer.secondMoment = state.secondMoment }
            optimizer.updateCount = state.updateCount
            return try trainer.run(model: model, optimizer: optimizer, dataset: dataset, writer: writer,
                                   startStep: lastStep, startWallTime: wallTime, progress: progress)
        }
    }

    /// Trains `model` from `startStep` to the last step into `writer` (`TrainingLoop`).
    func run(model: any TrainableModel, optimizer: Optimizer, dataset: Dataset, writer: RunWriter, startStep: Int,
             startWallTime: Double, initialMetrics: [String: Double]? = nil,
             progress: ((TrainingProgress) -> Void)?) throws -> TrainingSummary {
        try TrainingLoop(configuration: configuration, model: model, optimizer: optimizer, dataset: dataset,
                         evaluated: evaluationSet(dataset), probeInputs: probeExamples(dataset).inputs, writer: writer,
                         startStep: startStep, startWallTime: startWallTime, progress: progress)
            .run(initialMetrics: initialMetrics)
    }
}
