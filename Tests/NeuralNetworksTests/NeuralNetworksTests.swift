import NeuralNetworks
import RealModule
import RandomNumbers
import Testing
import Vocabulary

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

    /// The update's vector loop against PyTorch's formulas written per element in Float, for
    /// early updates (√c₂ < 1) and late ones (√c₂ rounds to 1 and the loop skips dividing by it).
    @Test(arguments: [OptimizerKind.sgd, .adam, .adamw], [1, 7, 20_000])
    func vectorUpdateEqualsTheFormulaBitForBit(kind: OptimizerKind, update: Int) {
        // A stretch of 20 weights then 17 biases: each has groups of eight lanes and a tail.
        let count = 37, weights = 20
        var generator = SeededGenerator(seed: 9)
        func values(_ scale: Double) -> [Float] { (0..<count).map { _ in Float(generator.nextNormal() * scale) } }
        var theta = values(1), m = values(0.1), v = values(0.01).map(abs), gradient = values(0.3)
        var expected = theta, expectedM = m, expectedV = v
        let (b1, b2, eta, lambda, mu): (Float, Float, Float, Float, Float) = (0.9, 0.999, 1e-3, 0.1, 0.9)
        // The bias corrections in Double from the Float β's, as the optimizer computes them.
        let stepSize = Float(Double(eta) / (1 - Double.pow(Double(b1), Double(update))))
        let root2 = Float((1 - Double.pow(Double(b2), Double(update))).squareRoot())
        for i in 0..<count {
            var t = expected[i], g = gradient[i]
            let decays = i < weights
            switch kind {
            case .sgd:
                if decays { g += lambda * t }
                expectedM[i] = mu * expectedM[i] + g
                t -= eta * expectedM[i]
            case .adam, .adamw:
                if decays { if kind == .adamw { t -= eta * lambda * t } else { g += lambda * t } }
                expectedM[i] = b1 * expectedM[i] + (1 - b1) * g
                expectedV[i] = b2 * expectedV[i] + (1 - b2) * g * g
                t -= stepSize * expectedM[i] / (expectedV[i].squareRoot() / root2 + 1e-8)
            }
            expected[i] = t
        }
        let rule = Optimizer(kind: kind, learningRate: eta, weightDecay: lambda, momentum: mu, parameterCount: count)
            .rule(forUpdate: update)
        for (offset, length, decays) in [(0, weights, true), (weights, count - weights, false)] {
            theta.withUnsafeMutableBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            rule.apply(count: length, parameters: t.baseAddress! + offset, gradients: g.baseAddress! + offset,
                                       firstMoment: m.baseAddress! + offset,
                                       secondMoment: kind == .sgd ? nil : v.baseAddress! + offset, decays: decays,
                                       clearsGradients: true)
                        }
                    }
                }
            }
        }
        #expect(theta == expected)
        #expect(m == expectedM)
        if kind != .sgd { #expect(v == expectedV) }
        #expect(gradient.allSatisfy { $0 == 0 })
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
