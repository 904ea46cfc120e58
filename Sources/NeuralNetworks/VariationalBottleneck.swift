import LinearAlgebra
import RandomNumbers
import RealModule
import Vocabulary

/// The Deep Variational Information Bottleneck (Alemi, Fischer, Dillon and Murphy, 2017).
///
/// An encoder MLP ends in a 2K-wide linear layer e(x); its first K outputs are the mean
/// μ(x) and the next K give the standard deviation σ(x) = softplus(e_{K+k}(x) − 5) (the
/// offset is Alemi et al.'s, so that training starts with little noise) of
/// q(t|x) = N(μ(x), diag σ(x)²). A reparameterized sample t = μ + σ ⊙ ξ, ξ ~ N(0, I), feeds a
/// linear decoder. The loss is
///
///   task(decoder(t), y) + β · KL(q(t|x) ‖ N(0, I)),   KL = ½ Σ_k (μ_k² + σ_k² − 1 − log σ_k²),
///
/// averaged over the batch, in nats. Our β weighs the compression term, so it is the
/// reciprocal of the β in min I(X;T) − β I(T;Y). For regression the task loss is the
/// Gaussian negative log-likelihood with a learned full precision matrix P = U·Uᵀ
/// (U lower triangular, diagonal exp(u_ii)), so that both terms are in nats and the
/// trade-off matches the information bottleneck's.
public struct VariationalBottleneck: Sendable, Equatable {
    public var encoder: MultilayerPerceptron
    public var decoder: MultilayerPerceptron
    /// U's lower triangle, row-major `d × d` (regression only; empty for classification).
    public var precisionFactor: [Float]
    public let bottleneckDimensions: Int
    public var beta: Float
    public let isClassifier: Bool

    public static let standardDeviationOffset: Float = 5

    /// `encoderSizes` runs from the input to 2K; the decoder maps K to `outputDimensions`.
    public init(encoderSizes: [Int], hiddenActivation: Activation, outputDimensions: Int, beta: Float, isClassifier: Bool) {
        precondition(encoderSizes.count >= 2 && encoderSizes.last! % 2 == 0, "the encoder must end in 2K units")
        encoder = MultilayerPerceptron(layerSizes: encoderSizes, hiddenActivation: hiddenActivation)
        bottleneckDimensions = encoderSizes.last! / 2
        decoder = MultilayerPerceptron(layerSizes: [bottleneckDimensions, outputDimensions], hiddenActivation: .identity)
        precisionFactor = isClassifier ? [] : [Float](repeating: 0, count: outputDimensions * outputDimensions)
        self.beta = beta
        self.isClassifier = isClassifier
    }

    public mutating func initialize(seed: UInt64, initialization: Initialization? = nil) {
        encoder.initialize(seed: seed, initialization: initialization)
        decoder.initialize(seed: seed &+ 1, initialization: .glorot)
        for i in precisionFactor.indices { precisionFactor[i] = 0 }  // U = I: unit precision
    }

    /// Every parameter, in the order encoder, decoder, precision factor.
    public var parameters: [Float] {
        get { encoder.parameters + decoder.parameters + precisionFactor }
        set {
            let e = encoder.parameters.count, d = decoder.parameters.count
            encoder.parameters = Array(newValue[0..<e])
            decoder.parameters = Array(newValue[e..<(e + d)])
            precisionFactor = Array(newValue[(e + d)...])
        }
    }

    /// Weight decay applies to the encoder's and decoder's weights only.
    public var weightMask: [Bool] {
        encoder.weightMask + decoder.weightMask + [Bool](repeating: false, count: precisionFactor.count)
    }

    /// σ = softplus(raw − offset), computed without overflow.
    @inlinable static func standardDeviation(_ raw: Float) -> Float {
        let x = raw - standardDeviationOffset
        return x > 20 ? x : Float.log(onePlus: Float.exp(x))
    }

    @inlinable static func sigmoid(_ x: Float) -> Float { 1 / (1 + Float.exp(-x)) }
}

/// Buffers for DVIB training steps and evaluation.
public struct BottleneckWorkspace: Sendable {
    var encoder: TrainingWorkspace
    var decoder: TrainingWorkspace
    var noise: [Float]
    var samples: [Float]
    var sampleGradient: [Float]
    /// dLoss/dθ in `VariationalBottleneck.parameters`' order (built on each call; training
    /// reads the pieces through `update`).
    public var gradients: [Float] { encoder.gradients + decoder.gradients + precisionFactorGradient }

    public init(model: VariationalBottleneck, batchCapacity: Int) {
        encoder = TrainingWorkspace(network: model.encoder, batchCapacity: batchCapacity)
        decoder = TrainingWorkspace(network: model.decoder, batchCapacity: batchCapacity)
        let k = model.bottleneckDimensions
        noise = [Float](repeating: 0, count: batchCapacity * k)
        samples = noise
        sampleGradient = noise
    }

    /// `optimizer`'s update of `model` from the last `lossAndGradient`, piece by piece
    /// (encoder, decoder, precision factor) in place.
    public func update(_ model: inout VariationalBottleneck, with optimizer: inout Optimizer, weightMask: [Bool]) {
        optimizer.update(weightMask: weightMask) { visit in
            visit(&model.encoder.parameters, encoder.gradients)
            visit(&model.decoder.parameters, decoder.gradients)
            visit(&model.precisionFactor, precisionFactorGradient)
        }
    }

    /// One forward and backward pass; returns (objective, task loss, KL) for the batch and
    /// leaves dLoss/dθ in `gradients`. The noise ξ comes from `generator`.
    public mutating func lossAndGradient(
        _ model: VariationalBottleneck, inputs: UnsafePointer<Float>, targets: UnsafePointer<Float>,
        batchSize b: Int, generator: inout SeededGenerator
    ) -> (objective: Double, task: Double, kl: Double) {
        let k = model.bottleneckDimensions
        encoder.forward.forward(model.encoder, inputs: inputs, batchSize: b)
        let e = encoder.forward.preActivations[model.encoder.layerCount - 1]
        for i in 0..<(b * k) { noise[i] = Float(generator.nextNormal()) }
        var kl = 0.0
        for row in 0..<b {
            for j in 0..<k {
                let mu = e[row * 2 * k + j], sigma = VariationalBottleneck.standardDeviation(e[row * 2 * k + k + j])
                samples[row * k + j] = mu + sigma * noise[row * k + j]
                kl += 0.5 * Double(mu * mu + sigma * sigma - 1 - 2 * Float.log(sigma))
            }
        }
        kl /= Double(b)
        let (task, outputGradient) = taskLossAndGradient(model, samples: samples, targets: targets, batchSize: b)
        decoder.outputGradient = outputGradient
        samples.withUnsafeBufferPointer { t in
            sampleGradient.withUnsafeMutableBufferPointer { dt in
                decoder.backpropagate(model.decoder, inputs: t.baseAddress!, batchSize: b, inputGradient: dt.baseAddress!)
            }
        }
        // dLoss/de: through t = μ + σξ and the KL term.
        var encoderGradient = [Float](repeating: 0, count: b * 2 * k)
        let scale = model.beta / Float(b)
        for row in 0..<b {
            for j in 0..<k {
                let mu = e[row * 2 * k + j], raw = e[row * 2 * k + k + j]
                let sigma = VariationalBottleneck.standardDeviation(raw)
                let dt = sampleGradient[row * k + j]
                encoderGradient[row * 2 * k + j] = dt + scale * mu
                let dSigma = dt * noise[row * k + j] + scale * (sigma - 1 / sigma)
                encoderGradient[row * 2 * k + k + j] = dSigma * VariationalBottleneck.sigmoid(raw - VariationalBottleneck.standardDeviationOffset)
            }
        }
        encoder.outputGradient = encoderGradient
        encoder.backpropagate(model.encoder, inputs: inputs, batchSize: b)
        return (task + Double(model.beta) * kl, task, kl)
    }

    var precisionFactorGradient: [Float] = []

    /// The task loss of the decoder applied to `samples` and dLoss/dŷ; for regression also
    /// sets the precision factor's gradient.
    mutating func taskLossAndGradient(_ model: VariationalBottleneck, samples: [Float], targets: UnsafePointer<Float>, batchSize b: Int) -> (Double, [Float]) {
        samples.withUnsafeBufferPointer { decoder.forward.forward(model.decoder, inputs: $0.baseAddress!, batchSize: b) }
        let outputs = decoder.forward.preActivations[0]
        let d = model.decoder.outputDimensions
        var gradient = [Float](repeating: 0, count: b * d)
        if model.isClassifier {
            let value = outputs.withUnsafeBufferPointer { y in
                gradient.withUnsafeMutableBufferPointer { g in
                    Loss.softmaxCrossEntropy.evaluate(outputs: y.baseAddress!, targets: targets, batchSize: b,
                                                      outputDimensions: d, gradient: g.baseAddress!)
                }
            }
            precisionFactorGradient = []
            return (value, gradient)
        }
        let (value, outputGradient, factorGradient) = GaussianLikelihood.negativeLogLikelihood(
            outputs: outputs, targets: targets, batchSize: b, dimensions: d, factor: model.precisionFactor)
        precisionFactorGradient = factorGradient
        return (value, outputGradient)
    }
}

/// −log N(y; ŷ, P⁻¹) with P = U·Uᵀ, U lower triangular with diagonal exp(u_ii):
/// ½‖Uᵀr‖² − Σ u_ii + (d/2)·log 2π, r = y − ŷ, averaged over the batch.
public enum GaussianLikelihood {
    public static func negativeLogLikelihood(
        outputs: [Float], targets: UnsafePointer<Float>, batchSize b: Int, dimensions d: Int, factor: [Float]
    ) -> (value: Double, outputGradient: [Float], factorGradient: [Float]) {
        var u = [Float](repeating: 0, count: d * d)
        var logDeterminantHalf = 0.0
        for i in 0..<d {
            for j in 0...i { u[i * d + j] = i == j ? Float.exp(factor[i * d + i]) : factor[i * d + j] }
            logDeterminantHalf += Double(factor[i * d + i])
        }
        var value = 0.0
        var outputGradient = [Float](repeating: 0, count: b * d)
        var factorGradient = [Float](repeating: 0, count: d * d)
        var projected = [Float](repeating: 0, count: d)  // Uᵀr
        for row in 0..<b {
            for j in 0..<d {
                var sum: Float = 0
                for i in j..<d { sum += u[i * d + j] * (targets[row * d + i] - outputs[row * d + i]) }
                projected[j] = sum
            }
            for j in 0..<d { value += 0.5 * Double(projected[j] * projected[j]) }
            // d/dŷ ½‖Uᵀr‖² = −U·(Uᵀr); d/dU_ij = r_i·(Uᵀr)_j for i ≥ j.
            for i in 0..<d {
                var sum: Float = 0
                for j in 0...i { sum += u[i * d + j] * projected[j] }
                outputGradient[row * d + i] = -sum / Float(b)
                let r = targets[row * d + i] - outputs[row * d + i]
                for j in 0...i { factorGradient[i * d + j] += r * projected[j] / Float(b) }
            }
        }
        for i in 0..<d {
            // Chain through U_ii = exp(u_ii), and the −log det term.
            factorGradient[i * d + i] = factorGradient[i * d + i] * u[i * d + i] - 1
        }
        let constant = 0.5 * Double(d) * Double.log(2 * Double.pi)
        return (value / Double(b) - logDeterminantHalf + constant, outputGradient, factorGradient)
    }
}

extension VariationalBottleneck {
    /// μ and σ of `count` inputs from the encoder's last pre-activations `[count, 2K]`, and
    /// the sum of their KL terms KL(N(μ, σ²) ‖ N(0, 1)).
    static func representation(encoderOutputs e: [Float], count n: Int, dimensions k: Int)
        -> (means: [Float], deviations: [Float], kl: Double) {
        var means = [Float](repeating: 0, count: n * k), deviations = means
        var kl = 0.0
        for row in 0..<n {
            for j in 0..<k {
                means[row * k + j] = e[row * 2 * k + j]
                deviations[row * k + j] = standardDeviation(e[row * 2 * k + k + j])
                let mu = Double(means[row * k + j]), sigma = Double(deviations[row * k + j])
                kl += 0.5 * (mu * mu + sigma * sigma - 1 - 2 * Double.log(sigma))
            }
        }
        return (means, deviations, kl)
    }

    /// Evaluation metrics on `count` examples: the objective and task loss with the
    /// decoder on μ (no noise), the KL term, and for classifiers the accuracy on μ and the
    /// accuracy averaged over `samples` draws of t.
    public func evaluate(inputs: [Float], targets: [Float], count: Int, samples: Int, seed: UInt64) -> [String: Double] {
        let k = bottleneckDimensions, d = decoder.outputDimensions
        let chunk = 1000
        var workspace = ForwardWorkspace(network: encoder, batchCapacity: min(chunk, count))
        var decoderWorkspace = ForwardWorkspace(network: decoder, batchCapacity: min(chunk, count))
        var generator = SeededGenerator(seed: seed)
        var task = 0.0, kl = 0.0, correct = 0, sampledCorrect = 0
        var begin = 0
        while begin < count {
            let n = min(chunk, count - begin)
            inputs.withUnsafeBufferPointer { workspace.forward(encoder, inputs: $0.baseAddress! + begin * encoder.inputDimensions, batchSize: n) }
            let (means, deviations, chunkKL) = Self.representation(encoderOutputs: workspace.preActivations[encoder.layerCount - 1],
                                                                   count: n, dimensions: k)
            kl += chunkKL
            let targetWidth = isClassifier ? 1 : d
            let chunkTargets = Array(targets[(begin * targetWidth)..<((begin + n) * targetWidth)])
            func decode(_ t: [Float]) -> [Float] {
                t.withUnsafeBufferPointer { decoderWorkspace.forward(decoder, inputs: $0.baseAddress!, batchSize: n) }
                return Array(decoderWorkspace.preActivations[0].prefix(n * d))
            }
            let outputs = decode(means)
            chunkTargets.withUnsafeBufferPointer { t in
                if isClassifier {
                    outputs.withUnsafeBufferPointer { y in
                        task += Loss.softmaxCrossEntropy.evaluate(outputs: y.baseAddress!, targets: t.baseAddress!, batchSize: n, outputDimensions: d) * Double(n)
                        correct += Loss.correctPredictions(outputs: y.baseAddress!, labels: t.baseAddress!, batchSize: n, classes: d)
                    }
                } else {
                    task += GaussianLikelihood.negativeLogLikelihood(outputs: outputs, targets: t.baseAddress!, batchSize: n,
                                                                     dimensions: d, factor: precisionFactor).value * Double(n)
                }
            }
            if isClassifier {
                for _ in 0..<samples {
                    var t = means
                    for i in t.indices { t[i] += deviations[i] * Float(generator.nextNormal()) }
                    let sampled = decode(t)
                    sampled.withUnsafeBufferPointer { y in
                        chunkTargets.withUnsafeBufferPointer { labels in
                            sampledCorrect += Loss.correctPredictions(outputs: y.baseAddress!, labels: labels.baseAddress!, batchSize: n, classes: d)
                        }
                    }
                }
            }
            begin += n
        }
        var metrics = ["task_loss": task / Double(count), "kl": kl / Double(count)]
        metrics["loss"] = metrics["task_loss"]! + Double(beta) * metrics["kl"]!
        if isClassifier {
            metrics["accuracy"] = Double(correct) / Double(count)
            if samples > 0 { metrics["accuracy_sampled"] = Double(sampledCorrect) / Double(count * samples) }
        }
        return metrics
    }

    /// Pre-activations on `count` inputs for `/activations`: every encoder layer, then the
    /// decoder applied to μ.
    public func preActivations(_ inputs: [Float], count: Int) -> [[Float]] {
        let encoded = encoder.preActivations(inputs, batchSize: count)
        let k = bottleneckDimensions
        let e = encoded.last!
        var means = [Float](repeating: 0, count: count * k)
        for row in 0..<count { for j in 0..<k { means[row * k + j] = e[row * 2 * k + j] } }
        return encoded + decoder.preActivations(means, batchSize: count)
    }
}
