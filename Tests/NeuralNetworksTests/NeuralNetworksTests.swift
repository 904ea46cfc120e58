import NeuralNetworks
import RunFormat
import Numerics
import Testing

@Suite struct BackpropagationTests {
    /// Central differences in Double through the Float network agree with backpropagation.
    @Test(arguments: [(Loss.meanSquaredError, Activation.tanh), (.softmaxCrossEntropy, .relu), (.meanSquaredError, .identity)])
    func gradientsMatchFiniteDifferences(loss: Loss, activation: Activation) {
        var network = MultilayerPerceptron(layerSizes: [5, 7, 6, 3], hiddenActivation: activation)
        network.initialize(seed: 3)
        for i in network.parameters.indices where !network.weightMask[i] { network.parameters[i] = 0.05 * Float(i % 7) }
        let batch = 4
        let inputs: [Float] = (0..<(batch * 5)).map { Float(($0 * 37) % 11) / 5 - 1 }
        let targets: [Float] = loss == .meanSquaredError ? (0..<(batch * 3)).map { Float($0 % 5) / 4 } : [0, 2, 1, 2]
        var workspace = TrainingWorkspace(network: network, batchCapacity: batch)
        _ = inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { t in
                workspace.lossAndGradient(network, inputs: x.baseAddress!, targets: t.baseAddress!, batchSize: batch, loss: loss)
            }
        }
        func lossAt(_ parameters: [Float]) -> Double {
            var probe = network
            probe.parameters = parameters
            let outputs = probe.outputs(inputs, batchSize: batch)
            return outputs.withUnsafeBufferPointer { y in
                targets.withUnsafeBufferPointer { t in
                    loss.evaluate(outputs: y.baseAddress!, targets: t.baseAddress!, batchSize: batch, outputDimensions: 3)
                }
            }
        }
        let h: Float = 1e-2
        for i in stride(from: 0, to: network.parameters.count, by: 3) {
            var plus = network.parameters, minus = network.parameters
            plus[i] += h
            minus[i] -= h
            let numeric = (lossAt(plus) - lossAt(minus)) / Double(2 * h)
            #expect(Double(workspace.gradients[i]).isApproximatelyEqual(to: numeric, absoluteTolerance: 2e-3, relativeTolerance: 2e-2),
                    "parameter \(i)")
        }
    }

    @Test func reluNetworksDoNotPropagateThroughInactiveUnits() {
        var network = MultilayerPerceptron(layerSizes: [2, 2, 1], hiddenActivation: .relu)
        network.setWeight(0, [1, 0, 0, 1])
        network.setBias(0, [0, -10])
        network.setWeight(1, [1, 1])
        var workspace = TrainingWorkspace(network: network, batchCapacity: 1)
        let inputs: [Float] = [1, 1], targets: [Float] = [0]
        _ = inputs.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { t in
                workspace.lossAndGradient(network, inputs: x.baseAddress!, targets: t.baseAddress!, batchSize: 1, loss: .meanSquaredError)
            }
        }
        // The second hidden unit is off: its incoming weights get no gradient.
        #expect(workspace.gradients[network.weightRange(0)].suffix(2) == [0, 0])
        #expect(workspace.gradients[network.weightRange(0)].prefix(1) == [2])
    }
}

@Suite struct OptimizerTests {
    @Test func adamWMatchesPyTorchsUpdateByHand() {
        // PyTorch AdamW, one step: θ ← θ(1 − ηλ); m = (1−β1)g; v = (1−β2)g²;
        // θ ← θ − η·(m/(1−β1)) / (√(v/(1−β2)) + ε). Biases (mask false) get no decay.
        var optimizer = Optimizer(kind: .adamw, learningRate: 0.1, weightDecay: 0.5, parameterCount: 2)
        var parameters: [Float] = [1, 1]
        optimizer.update(parameters: &parameters, gradients: [0.2, 0.2], weightMask: [true, false])
        let decayed = 1 - 0.1 * 0.5
        let step = 0.1 * 0.2 / (0.2 + 1e-8)
        #expect(Double(parameters[0]).isApproximatelyEqual(to: decayed - step, relativeTolerance: 1e-5))
        #expect(Double(parameters[1]).isApproximatelyEqual(to: 1 - step, relativeTolerance: 1e-5))
    }

    @Test func sgdMomentumAccumulatesVelocity() {
        var optimizer = Optimizer(kind: .sgd, learningRate: 0.1, parameterCount: 1)
        var parameters: [Float] = [0]
        optimizer.update(parameters: &parameters, gradients: [1], weightMask: [true])
        optimizer.update(parameters: &parameters, gradients: [1], weightMask: [true])
        #expect(Double(parameters[0]).isApproximatelyEqual(to: -0.1 - 0.1 * 1.9, relativeTolerance: 1e-6))
    }
}

@Suite struct InitializationTests {
    @Test func sameSeedSameWeightsAndHeScale() {
        var a = MultilayerPerceptron(layerSizes: [400, 300, 10], hiddenActivation: .relu)
        var b = a
        a.initialize(seed: 7)
        b.initialize(seed: 7)
        #expect(a == b)
        let w = a.parameters[a.weightRange(0)]
        let variance = w.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(w.count)
        #expect(variance.isApproximatelyEqual(to: 2.0 / 400, relativeTolerance: 0.05))
        #expect(a.bias(0).allSatisfy { $0 == 0 })
    }
}
