import Datasets
import LinearAlgebra
import NeuralNetworks
import Platform
import RandomNumbers
import RunFormat
import TerminalProgress

/// Training stopped before the last step; the checkpoints written so far are kept.
public struct TrainingStopped: Error, CustomStringConvertible, Sendable {
    public var description: String
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
                throw ConfigurationError(.trainSubset, "\(subset) is outside 1…\(dataset.train.count), the training set's size")
            }
            var generator = SeededGenerator(seed: c.seed ^ 0x5EB5_E7)
            dataset.train = dataset.train.selecting(generator.permutation(of: dataset.train.count).prefix(subset))
        }
        let probeSplit = c.probeSource == .train ? dataset.train : dataset.test
        guard c.probeCount > 0, c.probeCount <= probeSplit.count else {
            throw ConfigurationError(.probe, "\(c.probeCount) is outside 1…\(probeSplit.count), the \(c.probeSource.rawValue) examples")
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
        case .idx(let directory):
            guard !directory.isEmpty else { throw ConfigurationError(.data, "this preset needs the IDX directory, idx:DIR") }
            let name = directory.split(separator: "/").last.map(String.init) ?? "idx"
            return try IDXFiles.load(directory: directory, name: name)
        }
    }

    private func checkShape(_ dataset: Dataset) throws {
        let c = configuration
        guard c.layerSizes.first == dataset.train.inputDimensions else {
            throw ConfigurationError(.layerSizes, "the first width is \(c.layerSizes[0]), but the data has \(dataset.train.inputDimensions) input dimensions")
        }
        let outputs = c.layerSizes.last!
        if dataset.task == .regression, outputs != dataset.train.targetWidth {
            throw ConfigurationError(.layerSizes, "the last width is \(outputs), but the targets have \(dataset.train.targetWidth) dimensions")
        }
        if let classes = dataset.classCount, outputs != classes {
            throw ConfigurationError(.layerSizes, "the last width is \(outputs), but the data has \(classes) classes")
        }
        if c.architecture == .dvib {
            guard c.layerSizes.count >= 3, c.layerSizes[c.layerSizes.count - 2] % 2 == 0 else {
                throw ConfigurationError(.layerSizes, "a DVIB's widths are n_0,…,2K,n_out: the encoder ends in 2K units (μ and σ), the decoder maps K to the output")
            }
        }
    }

    /// The probe set: the first examples of the split the configuration names.
    func probeExamples(_ dataset: Dataset) -> Examples {
        (configuration.probeSource == .train ? dataset.train : dataset.test).prefix(configuration.probeCount)
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
    public func train(outputPath: String, overwrite: Bool, quiet: Bool = false) throws -> TrainingSummary {
        let dataset = try loadDataset()
        let model = makeModel(task: dataset.task)
        BLASThreads.useOne()  // before the first evaluation, so that every checkpoint's metrics are computed alike
        let initialMetrics = model.evaluate(dataset)
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
                    startStep: 0, startWallTime: 0, initialMetrics: initialMetrics, quiet: quiet)
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
                              quiet: Bool = false) throws -> TrainingSummary {
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
            throw ConfigurationError(.steps, "\(path) already reached step \(lastStep) of \(configuration.steps); raise it to train further")
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
                                   startStep: lastStep, startWallTime: wallTime, quiet: quiet)
        }
    }

    /// `initialMetrics`, when given, are the untrained model's, already evaluated for the
    /// header's metric names: the step-0 checkpoint stores them instead of evaluating again.
    func run(model: any TrainableModel, optimizer: Optimizer, dataset: Dataset, writer: RunWriter,
             startStep: Int, startWallTime: Double, initialMetrics: [String: Double]? = nil, quiet: Bool) throws -> TrainingSummary {
        let c = configuration
        // Mini-batch GEMMs (batch 64) are too small to amortize OpenBLAS's thread
        // hand-offs; we split each step across the cores ourselves (`PerceptronStep`).
        BLASThreads.useOne()
        let train = dataset.train
        let batchesPerEpoch = (train.count + c.batchSize - 1) / c.batchSize
        let schedule = c.checkpoints.steps(totalSteps: c.steps)
        let runner = model.makeStepRunner(optimizer: optimizer, examples: train, batchCapacity: c.batchSize)
        let teamStep = min(c.threads ?? CurrentProcess.coreCount, PerceptronStep.partCount) > 1 ? runner.partitionedStep : nil
        var epochOrder = [Int](), orderEpoch = -1
        let progress = ProgressReporter(label: "lr-train", total: c.steps - startStep)
        let start = ProgressReporter.now()
        var stepSeconds = 0.0, nextProgress = -Double.infinity
        var lastLoss = Double.nan
        let probeInputs = probeExamples(dataset).inputs

        let pipeline = CheckpointPipeline()
        // The pipeline's thread trains as thread 1 of a team whenever it has no checkpoint to
        // write, and the team is faster than the loop alone.
        var team: TrainingTeam?
        var choice = TeamChoice()
        func leaveTeam() {
            team?.leave()
            team = nil
        }
        // However the loop ends, nothing is left training or writing when the caller closes the file.
        defer {
            leaveTeam()
            pipeline.drain()
        }
        let storesActivations = c.storesActivations, probeCount = c.probeCount
        func checkpoint(at step: Int, evaluatedMetrics: [String: Double]? = nil) throws {
            if let error = pipeline.failure { throw error }
            leaveTeam()
            let (model, optimizer) = runner.snapshot()
            let snapshot = Snapshot(value: (model: model, dataset: dataset, writer: writer, record: CheckpointRecord(
                step: step, epoch: Double(step) / Double(batchesPerEpoch),
                wallTime: startWallTime + ProgressReporter.now() - start, metrics: [:], weights: [], biases: [],
                optimizerState: OptimizerState(parameters: model.parameters, firstMoment: optimizer.firstMoment,
                                               secondMoment: optimizer.secondMoment, updateCount: optimizer.updateCount))))
            pipeline.submit {
                let (model, dataset, writer, partial) = snapshot.value
                var record = partial
                record.metrics = evaluatedMetrics ?? model.evaluate(dataset)
                let layers = model.storedLayers
                record.weights = layers.map(\.weight)
                record.biases = layers.map(\.bias)
                if storesActivations { record.activations = model.preActivations(probeInputs, count: probeCount) }
                try writer.append(record)
                return record.metrics
            }
        }

        // A resumed run has its step-0 checkpoint (and every one up to startStep) already.
        if writer.checkpointCount == 0 { try checkpoint(at: 0, evaluatedMetrics: initialMetrics) }
        var nextCheckpoint = schedule.firstIndex { $0 > startStep } ?? schedule.count
        for step in startStep..<c.steps {
            let epoch = step / batchesPerEpoch, position = step % batchesPerEpoch
            if epoch != orderEpoch {
                var generator = SeededGenerator(seed: c.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1))
                epochOrder = generator.permutation(of: train.count)
                orderEpoch = epoch
            }
            let begin = position * c.batchSize
            let batch = min(c.batchSize, train.count - begin)
            let stepStart = ProgressReporter.now()
            if !choice.usesTeam {
                leaveTeam()
            } else if team == nil, let teamStep, pipeline.isIdle {
                team = pipeline.startTeam(teamStep)
            }
            let value = runner.step(indices: epochOrder[begin..<(begin + batch)], step: step, team: team)
            guard value.isFinite else {
                leaveTeam()
                progress.finish()
                _ = try pipeline.finish()
                throw TrainingStopped(description: "the training loss became \(value) at step \(step + 1); stopped, keeping the \(writer.checkpointCount) checkpoints written so far")
            }
            let stepEnd = ProgressReporter.now()
            stepSeconds += stepEnd - stepStart
            // Only steps taken the way the choice asked for (not alone while a checkpoint is written) count.
            if teamStep != nil && (team != nil) == choice.usesTeam { choice.record(seconds: stepEnd - stepStart) }
            lastLoss = value
            if !quiet && stepEnd >= nextProgress {
                progress.update(step + 1 - startStep, unit: "steps", detail: "loss \(format(lastLoss, digits: 4))")
                nextProgress = stepEnd + 0.05
            }
            if nextCheckpoint < schedule.count && schedule[nextCheckpoint] == step + 1 {
                try checkpoint(at: step + 1)
                nextCheckpoint += 1
            }
        }
        leaveTeam()
        if !quiet {
            progress.update(c.steps - startStep, unit: "steps", detail: "loss \(format(lastLoss, digits: 4))", force: true)
            progress.finish()
        }
        let lastMetrics = try pipeline.finish()
        return TrainingSummary(steps: c.steps - startStep, stepSeconds: stepSeconds,
                               wallSeconds: ProgressReporter.now() - start, checkpointCount: writer.checkpointCount,
                               finalMetrics: lastMetrics)
    }
}
