import NeuralNetworks
import RealModule
import RandomNumbers
import Testing
import Vocabulary

@Suite struct VariationalBottleneckTests {
    /// Backpropagation through the sampling, the KL term and the Gaussian likelihood with a
    /// learned precision agrees with central differences (same noise on both sides).
    @Test(arguments: [false, true])
    func gradientsMatchFiniteDifferences(isClassifier: Bool) {
        var model = VariationalBottleneck(encoderSizes: [4, 6, 6], hiddenActivation: .tanh,
                                          outputDimensions: 3, beta: 0.3, isClassifier: isClassifier)
        model.initialize(seed: 11)
        var parameters = model.parameters
        // Move σ away from its tiny start and give the precision factor some structure.
        for i in parameters.indices { parameters[i] += 0.05 * Float((i * 7) % 5) - 0.1 }
        model.parameters = parameters
        let batch = 5
        let inputs: [Float] = (0..<(batch * 4)).map { Float(($0 * 13) % 9) / 4 - 1 }
        let targets: [Float] = isClassifier ? [0, 2, 1, 1, 0] : (0..<(batch * 3)).map { Float(($0 * 5) % 7) / 3 - 1 }
        func objective(_ parameters: [Float]) -> (Double, [Float]) {
            var probe = model
            probe.parameters = parameters
            var workspace = BottleneckWorkspace(model: probe, batchCapacity: batch)
            var generator = SeededGenerator(seed: 99)
            let value = inputs.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { t in
                    workspace.lossAndGradient(probe, inputs: x.baseAddress!, targets: t.baseAddress!, batchSize: batch, generator: &generator)
                }
            }
            return (value.objective, workspace.gradients)
        }
        let (_, gradient) = objective(model.parameters)
        let h: Float = 5e-3
        for i in stride(from: 0, to: gradient.count, by: 2) {
            var plus = model.parameters, minus = model.parameters
            plus[i] += h
            minus[i] -= h
            let numeric = (objective(plus).0 - objective(minus).0) / Double(2 * h)
            // Upper-triangle entries of the precision factor are unused: zero gradient.
            #expect(Double(gradient[i]).isApproximatelyEqual(to: numeric, absoluteTolerance: 3e-3, relativeTolerance: 3e-2),
                    "parameter \(i) of \(gradient.count)")
        }
    }

    @Test func klIsZeroForThePriorAndAccuracyIsReported() {
        var model = VariationalBottleneck(encoderSizes: [3, 4], hiddenActivation: .relu, outputDimensions: 2, beta: 1, isClassifier: true)
        // μ = 0 and σ = softplus(raw − 5) = 1 exactly when raw = 5 + log(e − 1): the prior.
        var parameters = model.parameters
        for i in parameters.indices { parameters[i] = 0 }
        let raw = 5 + Float(log(M_E - 1))
        for j in model.encoder.biasRange(0).suffix(2) { parameters[j] = raw }
        model.parameters = parameters
        let metrics = model.evaluate(inputs: [1, 2, 3, 4, 5, 6], targets: [0, 1], count: 2, samples: 4, seed: 1)
        #expect(metrics["kl"]!.isApproximatelyEqual(to: 0, absoluteTolerance: 1e-6))
        #expect(metrics["accuracy"] != nil && metrics["accuracy_sampled"] != nil)
    }
}

#if canImport(Glibc)
import Glibc
#endif
