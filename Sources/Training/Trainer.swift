import Datasets
import LinearAlgebra
import NeuralNetworks
import RandomNumbers
import RunFormat
import TerminalProgress

/// Training stopped before the last step; the checkpoints written so far are kept.
public struct TrainingStopped: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// What a finished (or resumed and finished) run reports.
public struct TrainingSummary: Sendable {
    public var steps: Int
    /// Seconds spent in training steps alone (no evaluation or checkpoint I/O).
    public var stepSeconds: Double
    /// Wall time of the whole run, checkpoints included.
    public var wallSeconds: Double
    public var checkpointCount: Int
    public var finalMetrics: [String: Double]
    public var stepsPerSecond: Double { stepSeconds > 0 ? Double(steps) / stepSeconds : 0 }
}

/// Trains an MLP with mini-batch gradient descent and appends checkpoints to a run file.
///
/// Every random choice is a pure function of the seed and the position in training: the
/// initialization, the training subset, and each epoch's shuffle (seeded by seed and
/// epoch). So a resumed run needs only the weights and the optimizer state to continue
/// exactly where an uninterrupted run would be.
public struct Trainer {
    public var configuration: TrainingConfiguration
    public var producer: String

    public init(configuration: TrainingConfiguration, producer: String) {
        self.configuration = configuration
        self.producer = producer
    }

    /// Loads or generates the data the configuration names, subset and probe included.
    public func loadDataset() throws -> Dataset {
        let c = configuration
        var dataset: Dataset
        switch c.data {
        case .gaussian(let nx, let ny, let decay):
            dataset = GaussianRegression(inputDimensions: nx, targetDimensions: ny, decayLength: decay, seed: c.seed)
                .dataset(trainCount: c.gaussianTrainCount, testCount: c.gaussianTestCount)
        case .idx(let directory):
            guard !directory.isEmpty else {
                throw ConfigurationError("this preset needs the IDX directory: --data idx:DIR")
            }
            let name = directory.split(separator: "/").last.map(String.init) ?? "idx"
            dataset = try IDXFiles.load(directory: directory, name: name)
        }
        if let subset = c.trainSubset {
            guard subset > 0, subset <= dataset.train.count else {
                throw ConfigurationError("--train-subset \(subset) is outside 1…\(dataset.train.count) (the training set's size)")
            }
            var generator = SeededGenerator(seed: c.seed ^ 0x5EB5_E7)
            dataset.train = dataset.train.selecting(generator.permutation(of: dataset.train.count).prefix(subset))
        }
        guard c.probeCount > 0, c.probeCount <= dataset.train.count else {
            throw ConfigurationError("--probe \(c.probeCount) is outside 1…\(dataset.train.count) (the training examples)")
        }
        guard c.layerSizes.first == dataset.train.inputDimensions else {
            throw ConfigurationError("--layers starts with \(c.layerSizes[0]) but the data has \(dataset.train.inputDimensions) input dimensions")
        }
        let outputs = c.layerSizes.last!
        if dataset.task == .regression, outputs != dataset.train.targetWidth {
            throw ConfigurationError("--layers ends with \(outputs) but the targets have \(dataset.train.targetWidth) dimensions")
        }
        if let classes = dataset.classCount, outputs != classes {
            throw ConfigurationError("--layers ends with \(outputs) but the data has \(classes) classes")
        }
        return dataset
    }

    func header(dataset: Dataset, network: MultilayerPerceptron) -> RunHeader {
        let c = configuration
        let probe = dataset.train.prefix(c.probeCount)
        return RunHeader(
            producer: producer,
            model: ModelDescription(architecture: "mlp", layerSizes: c.layerSizes,
                                    activations: network.activations.map(\.rawValue)),
            data: DataDescription(name: dataset.name, task: dataset.task.rawValue, seed: Int64(bitPattern: c.seed),
                                  trainCount: dataset.train.count, testCount: dataset.test.count, source: dataset.source),
            probe: Probe(inputs: probe.inputs, inputDimensions: probe.inputDimensions,
                         targets: probe.targets, targetWidth: probe.targetWidth),
            jointCovariance: dataset.jointCovariance,
            trainingAttributes: c.attributes,
            storesActivations: c.storesActivations,
            parameterCount: network.parameters.count)
    }

    /// Trains from scratch into a new run file.
    public func train(outputPath: String, overwrite: Bool, quiet: Bool = false) throws -> TrainingSummary {
        let dataset = try loadDataset()
        var network = MultilayerPerceptron(layerSizes: configuration.layerSizes, hiddenActivation: configuration.hiddenActivation)
        network.initialize(seed: configuration.seed, initialization: configuration.initialization)
        let optimizer = Optimizer(kind: configuration.optimizer, learningRate: configuration.learningRate,
                                  weightDecay: configuration.weightDecay, parameterCount: network.parameters.count)
        let writer = try RunWriter.create(path: outputPath, header: header(dataset: dataset, network: network), overwrite: overwrite)
        defer { try? writer.close() }
        return try run(network: network, optimizer: optimizer, dataset: dataset, writer: writer,
                       startStep: 0, startWallTime: 0, quiet: quiet)
    }

    /// Continues the run in `path` from its last checkpoint, with its stored configuration
    /// (`steps` may be raised to train further).
    public static func resume(path: String, producer: String, steps: Int? = nil, quiet: Bool = false) throws -> TrainingSummary {
        let reader = try RunReader(path: path)
        var configuration = try TrainingConfiguration(attributes: reader.trainingAttributes)
        if let steps { configuration.steps = steps }
        let trainer = Trainer(configuration: configuration, producer: producer)
        let storedSteps = try reader.steps()
        guard let lastStep = storedSteps.last else {
            throw RunFormatError(file: path, problem: "has no checkpoint to resume from")
        }
        var network = MultilayerPerceptron(layerSizes: configuration.layerSizes, hiddenActivation: configuration.hiddenActivation)
        for layer in 0..<network.layerCount {
            network.setWeight(layer, try reader.storedWeight(checkpoint: storedSteps.count - 1, layer: layer))
            network.setBias(layer, try reader.storedBias(checkpoint: storedSteps.count - 1, layer: layer))
        }
        let wallTime = try reader.metric("wall_time", count: storedSteps.count).last ?? 0
        try reader.close()

        let dataset = try trainer.loadDataset()
        let writer = try RunWriter.reopen(path: path, header: trainer.header(dataset: dataset, network: network))
        defer { try? writer.close() }
        var optimizer = Optimizer(kind: configuration.optimizer, learningRate: configuration.learningRate,
                                  weightDecay: configuration.weightDecay, parameterCount: network.parameters.count)
        if lastStep > 0 {
            guard let state = try writer.optimizerState(forStep: lastStep) else {
                throw RunFormatError(file: path, problem: "holds no optimizer state for step \(lastStep); cannot resume exactly")
            }
            optimizer.firstMoment = state.firstMoment
            if configuration.optimizer != .sgd { optimizer.secondMoment = state.secondMoment }
            optimizer.updateCount = state.updateCount
        }
        guard lastStep < configuration.steps else {
            throw ConfigurationError("\(path) already reached step \(lastStep) of \(configuration.steps); pass --steps to train further")
        }
        return try trainer.run(network: network, optimizer: optimizer, dataset: dataset, writer: writer,
                               startStep: lastStep, startWallTime: wallTime, quiet: quiet)
    }

    func run(network: MultilayerPerceptron, optimizer: Optimizer, dataset: Dataset, writer: RunWriter,
             startStep: Int, startWallTime: Double, quiet: Bool) throws -> TrainingSummary {
        var network = network, optimizer = optimizer
        let c = configuration
        // Mini-batch GEMMs (batch 64) are too small to amortize OpenBLAS's thread
        // hand-offs: one thread measured 1.1× (fashion-mlp4) to 5× (gaussian-mlp3) faster.
        let savedBLASThreads = BLASThreads.count
        BLASThreads.count = 1
        defer { BLASThreads.count = savedBLASThreads }
        let loss = c.loss
        let train = dataset.train
        let batchesPerEpoch = (train.count + c.batchSize - 1) / c.batchSize
        let schedule = c.checkpoints.steps(totalSteps: c.steps)
        let weightMask = network.weightMask
        var workspace = TrainingWorkspace(network: network, batchCapacity: c.batchSize)
        var batchInputs = [Float](repeating: 0, count: c.batchSize * train.inputDimensions)
        var batchTargets = [Float](repeating: 0, count: c.batchSize * train.targetWidth)
        var epochOrder = [Int](), orderEpoch = -1
        let progress = ProgressReporter(label: "lr-train", total: c.steps - startStep)
        let start = ProgressReporter.now()
        var stepSeconds = 0.0
        var lastMetrics = [String: Double]()
        var lastLoss = Double.nan

        func checkpoint(at step: Int) throws {
            let metrics = evaluate(network, dataset: dataset, loss: loss)
            lastMetrics = metrics
            let activations = c.storesActivations
                ? network.preActivations(Array(train.inputs.prefix(c.probeCount * train.inputDimensions)), batchSize: c.probeCount)
                : nil
            try writer.append(CheckpointRecord(
                step: step, epoch: Double(step) / Double(batchesPerEpoch),
                wallTime: startWallTime + ProgressReporter.now() - start, metrics: metrics,
                weights: (0..<network.layerCount).map { Array(network.parameters[network.weightRange($0)]) },
                biases: (0..<network.layerCount).map { Array(network.parameters[network.biasRange($0)]) },
                activations: activations,
                optimizerState: OptimizerState(firstMoment: optimizer.firstMoment, secondMoment: optimizer.secondMoment,
                                               updateCount: optimizer.updateCount)))
        }

        if startStep == 0 { try checkpoint(at: 0) }
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
            gather(train, indices: epochOrder[begin..<(begin + batch)], inputs: &batchInputs, targets: &batchTargets)
            let value = batchInputs.withUnsafeBufferPointer { x in
                batchTargets.withUnsafeBufferPointer { t in
                    workspace.lossAndGradient(network, inputs: x.baseAddress!, targets: t.baseAddress!, batchSize: batch, loss: loss)
                }
            }
            guard value.isFinite else {
                progress.finish()
                throw TrainingStopped(description: "the training loss became \(value) at step \(step + 1); stopped, keeping the \(writer.checkpointCount) checkpoints written so far")
            }
            optimizer.update(parameters: &network.parameters, gradients: workspace.gradients, weightMask: weightMask)
            stepSeconds += ProgressReporter.now() - stepStart
            lastLoss = value
            if !quiet { progress.update(step + 1 - startStep, unit: "steps", detail: "loss \(format(lastLoss, digits: 4))") }
            if nextCheckpoint < schedule.count && schedule[nextCheckpoint] == step + 1 {
                try checkpoint(at: step + 1)
                nextCheckpoint += 1
            }
        }
        if !quiet {
            progress.update(c.steps - startStep, unit: "steps", detail: "loss \(format(lastLoss, digits: 4))", force: true)
            progress.finish()
        }
        return TrainingSummary(steps: c.steps - startStep, stepSeconds: stepSeconds,
                               wallSeconds: ProgressReporter.now() - start, checkpointCount: writer.checkpointCount,
                               finalMetrics: lastMetrics)
    }

    private func gather(_ examples: Examples, indices: ArraySlice<Int>, inputs: inout [Float], targets: inout [Float]) {
        let d = examples.inputDimensions, t = examples.targetWidth
        for (row, index) in indices.enumerated() {
            for k in 0..<d { inputs[row * d + k] = examples.inputs[index * d + k] }
            for k in 0..<t { targets[row * t + k] = examples.targets[index * t + k] }
        }
    }

    /// Loss (and accuracy, for classification) on the training and test sets.
    func evaluate(_ network: MultilayerPerceptron, dataset: Dataset, loss: Loss) -> [String: Double] {
        var metrics = [String: Double]()
        for (name, examples) in [("train", dataset.train), ("test", dataset.test)] {
            let chunk = 1000
            var workspace = ForwardWorkspace(network: network, batchCapacity: min(chunk, examples.count))
            var total = 0.0, correct = 0
            var begin = 0
            while begin < examples.count {
                let count = min(chunk, examples.count - begin)
                examples.inputs.withUnsafeBufferPointer { x in
                    workspace.forward(network, inputs: x.baseAddress! + begin * examples.inputDimensions, batchSize: count)
                }
                let outputs = workspace.preActivations[network.layerCount - 1]
                examples.targets.withUnsafeBufferPointer { t in
                    outputs.withUnsafeBufferPointer { y in
                        let targets = t.baseAddress! + begin * examples.targetWidth
                        total += loss.evaluate(outputs: y.baseAddress!, targets: targets, batchSize: count,
                                               outputDimensions: network.outputDimensions) * Double(count)
                        if loss == .softmaxCrossEntropy {
                            correct += Loss.correctPredictions(outputs: y.baseAddress!, labels: targets, batchSize: count,
                                                               classes: network.outputDimensions)
                        }
                    }
                }
                begin += count
            }
            metrics["\(name)_loss"] = total / Double(examples.count)
            if loss == .softmaxCrossEntropy { metrics["\(name)_accuracy"] = Double(correct) / Double(examples.count) }
        }
        return metrics
    }
}
