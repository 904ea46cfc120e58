import Datasets
import NeuralNetworks
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
