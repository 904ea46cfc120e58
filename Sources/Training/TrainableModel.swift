import Datasets
import NeuralNetworks
import Platform
import RandomNumbers
import RunFormat

/// What the training loop needs of a model: one flat parameter vector for the optimizer,
/// a gradient step, metrics, and the per-layer weights that a checkpoint stores.
protocol TrainableModel {
    var parameters: [Float] { get set }
    var weightMask: [Bool] { get }
    /// `/model` as the run file describes it.
    var description: ModelDescription { get }
    /// Per stored layer, (W_l `[out, in]`, b_l).
    var storedLayers: [(weight: [Float], bias: [Float])] { get }
    /// Pre-activations of every stored layer on `count` probe inputs.
    func preActivations(_ inputs: [Float], count: Int) -> [[Float]]
    /// Metrics on the training and test sets, named as in `/checkpoints`.
    func evaluate(_ dataset: Dataset) -> [String: Double]
    /// The batch's loss; the gradient is left in the workspace, returned by `gradients`.
    mutating func lossAndGradient(inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, batchSize: Int, step: Int) -> Double
    var gradients: [Float] { get }
    /// `optimizer`'s update of the parameters from the last `lossAndGradient`.
    mutating func applyUpdate(_ optimizer: inout Optimizer, weightMask: [Bool])
    /// What takes this model's training steps with `optimizer` on `examples`.
    func makeStepRunner(optimizer: Optimizer, examples: Examples, batchCapacity: Int) -> any StepRunner
}

extension TrainableModel {
    func makeStepRunner(optimizer: Optimizer, examples: Examples, batchCapacity: Int) -> any StepRunner {
        SerialStepRunner(model: self, optimizer: optimizer, examples: examples, batchCapacity: batchCapacity)
    }
}

/// Takes a model's training steps — gather the batch, gradient, update — and holds the
/// model and optimizer state in between.
protocol StepRunner: AnyObject {
    /// A `PerceptronStep` that a second thread can share, if the model has one.
    var partitionedStep: PerceptronStep? { get }
    /// One step on the examples at `indices` (training step `step`, counted from 0); with a
    /// team, its two threads take it. Returns the batch's loss.
    func step(indices: ArraySlice<Int>, step: Int, team: TrainingTeam?) -> Double
    /// The model and the optimizer as they are now, for a checkpoint.
    func snapshot() -> (model: any TrainableModel, optimizer: Optimizer)
}

/// Steps on one thread through the model's `lossAndGradient` and `Optimizer.update`.
final class SerialStepRunner: StepRunner {
    private var model: any TrainableModel
    private var optimizer: Optimizer
    private let weightMask: [Bool]
    private let examples: Examples
    private var inputs: [Float], targets: [Float]

    init(model: any TrainableModel, optimizer: Optimizer, examples: Examples, batchCapacity: Int) {
        self.model = model
        self.optimizer = optimizer
        self.examples = examples
        weightMask = model.weightMask
        inputs = [Float](repeating: 0, count: batchCapacity * examples.inputDimensions)
        targets = [Float](repeating: 0, count: batchCapacity * examples.targetWidth)
    }

    var partitionedStep: PerceptronStep? { nil }

    func step(indices: ArraySlice<Int>, step: Int, team: TrainingTeam?) -> Double {
        let d = examples.inputDimensions, t = examples.targetWidth
        examples.inputs.withUnsafeBufferPointer { source in
            inputs.withUnsafeMutableBufferPointer { x in
                for (row, index) in indices.enumerated() {
                    (x.baseAddress! + row * d).update(from: source.baseAddress! + index * d, count: d)
                }
            }
        }
        for (row, index) in indices.enumerated() {
            for k in 0..<t { targets[row * t + k] = examples.targets[index * t + k] }
        }
        let value = inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in
                model.lossAndGradient(inputs: x.baseAddress!, targets: y.baseAddress!, batchSize: indices.count, step: step)
            }
        }
        model.applyUpdate(&optimizer, weightMask: weightMask)
        return value
    }

    func snapshot() -> (model: any TrainableModel, optimizer: Optimizer) { (model, optimizer) }
}

/// An MLP's steps through a `PerceptronStep`, on one thread or with a team.
final class PartitionedStepRunner: StepRunner {
    private let model: PerceptronModel
    private let optimizer: Optimizer
    private let engine: PerceptronStep
    /// Updates taken so far, a resumed run's included.
    private var updates: Int
    private static let solo = SpinBarrier(count: 1)

    init(model: PerceptronModel, optimizer: Optimizer, examples: Examples, batchCapacity: Int) {
        self.model = model
        self.optimizer = optimizer
        updates = optimizer.updateCount
        engine = PerceptronStep(network: model.network, loss: model.loss, optimizer: optimizer,
                                inputs: examples.inputs, targets: examples.targets, batchCapacity: batchCapacity)
    }

    var partitionedStep: PerceptronStep? { engine }

    func step(indices: ArraySlice<Int>, step: Int, team: TrainingTeam?) -> Double {
        updates += 1
        engine.prepare(indices: indices, update: updates)
        if let team { return team.run() }
        return engine.run(thread: 0, threads: 1, barrier: PartitionedStepRunner.solo)
    }

    func snapshot() -> (model: any TrainableModel, optimizer: Optimizer) {
        var current = model
        current.parameters = engine.parameters
        return (current, engine.optimizerState(optimizer, updateCount: updates))
    }
}

/// An MLP trained on its task loss.
struct PerceptronModel: TrainableModel {
    var network: MultilayerPerceptron
    let loss: Loss
    var workspace: TrainingWorkspace

    init(network: MultilayerPerceptron, loss: Loss, batchCapacity: Int) {
        self.network = network
        self.loss = loss
        workspace = TrainingWorkspace(network: network, batchCapacity: batchCapacity)
    }

    var parameters: [Float] {
        get { network.parameters }
        set { network.parameters = newValue }
    }
    var weightMask: [Bool] { network.weightMask }
    var gradients: [Float] { workspace.gradients }

    var description: ModelDescription {
        ModelDescription(architecture: .mlp, layerSizes: network.layerSizes, activations: network.activations)
    }

    var storedLayers: [(weight: [Float], bias: [Float])] {
        (0..<network.layerCount).map { (network.weight($0).elements, network.bias($0)) }
    }

    func preActivations(_ inputs: [Float], count: Int) -> [[Float]] {
        network.preActivations(inputs, batchSize: count)
    }

    mutating func lossAndGradient(inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, batchSize: Int, step: Int) -> Double {
        workspace.lossAndGradient(network, inputs: inputs, targets: targets, batchSize: batchSize, loss: loss)
    }

    mutating func applyUpdate(_ optimizer: inout Optimizer, weightMask: [Bool]) {
        optimizer.update(parameters: &network.parameters, gradients: workspace.gradients, weightMask: weightMask)
    }

    /// The two-part step of `PerceptronStep` when the network's last layer is linear.
    func makeStepRunner(optimizer: Optimizer, examples: Examples, batchCapacity: Int) -> any StepRunner {
        guard PerceptronStep.supports(network) else {
            return SerialStepRunner(model: self, optimizer: optimizer, examples: examples, batchCapacity: batchCapacity)
        }
        return PartitionedStepRunner(model: self, optimizer: optimizer, examples: examples, batchCapacity: batchCapacity)
    }

    func evaluate(_ dataset: Dataset) -> [String: Double] {
        var metrics = [String: Double]()
        for (name, examples) in [("train", dataset.train), ("test", dataset.test)] {
            let chunk = 1000
            var forward = ForwardWorkspace(network: network, batchCapacity: min(chunk, examples.count))
            var total = 0.0, correct = 0
            var begin = 0
            while begin < examples.count {
                let count = min(chunk, examples.count - begin)
                examples.inputs.withUnsafeBufferPointer { x in
                    forward.forward(network, inputs: x.baseAddress! + begin * examples.inputDimensions, batchSize: count)
                }
                let outputs = forward.preActivations[network.layerCount - 1]
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

/// A DVIB trained on task loss + β·KL; the noise of step s is drawn from a generator
/// seeded by (seed, s), so a resumed run draws the same noise.
struct BottleneckModel: TrainableModel {
    var model: VariationalBottleneck
    var workspace: BottleneckWorkspace
    let seed: UInt64
    /// Draws of t averaged for `test_accuracy_sampled`.
    static let evaluationSamples = 8

    init(model: VariationalBottleneck, batchCapacity: Int, seed: UInt64) {
        self.model = model
        self.seed = seed
        workspace = BottleneckWorkspace(model: model, batchCapacity: batchCapacity)
    }

    var parameters: [Float] {
        get { model.parameters }
        set { model.parameters = newValue }
    }
    var weightMask: [Bool] { model.weightMask }
    var gradients: [Float] { workspace.gradients }

    var description: ModelDescription {
        let encoder = model.encoder
        return ModelDescription(
            architecture: .dvib, layerSizes: encoder.layerSizes + [model.decoder.outputDimensions],
            activations: encoder.activations + [.identity],
            bottleneck: .init(layer: encoder.layerCount - 1, dimensions: model.bottleneckDimensions,
                              beta: Double("\(model.beta)") ?? Double(model.beta)))  // 0.001, not 0.0010000000474974513
    }

    var storedLayers: [(weight: [Float], bias: [Float])] {
        (0..<model.encoder.layerCount).map { (model.encoder.weight($0).elements, model.encoder.bias($0)) }
            + [(model.decoder.weight(0).elements, model.decoder.bias(0))]
    }

    func preActivations(_ inputs: [Float], count: Int) -> [[Float]] {
        model.preActivations(inputs, count: count)
    }

    mutating func lossAndGradient(inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, batchSize: Int, step: Int) -> Double {
        var generator = SeededGenerator(seed: seed ^ (0xD1B5_4A32_D192_ED03 &* UInt64(step + 1)))
        return workspace.lossAndGradient(model, inputs: inputs, targets: targets, batchSize: batchSize, generator: &generator).objective
    }

    mutating func applyUpdate(_ optimizer: inout Optimizer, weightMask: [Bool]) {
        workspace.update(&model, with: &optimizer, weightMask: weightMask)
    }

    func evaluate(_ dataset: Dataset) -> [String: Double] {
        var metrics = [String: Double]()
        for (name, examples) in [("train", dataset.train), ("test", dataset.test)] {
            let values = model.evaluate(inputs: examples.inputs, targets: examples.targets, count: examples.count,
                                        samples: name == "test" ? BottleneckModel.evaluationSamples : 0, seed: seed &+ 17)
            for (key, value) in values { metrics["\(name)_\(key)"] = value }
        }
        return metrics
    }
}
