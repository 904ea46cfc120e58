import LinearAlgebra
import RandomNumbers
import Vocabulary

/// How a layer's initial weights are drawn; biases start at zero.
public enum Initialization: String, CaseIterable, Sendable {
    /// He et al. (2015): N(0, 2 / fan_in), for ReLU layers.
    case he
    /// Glorot and Bengio (2010): N(0, 2 / (fan_in + fan_out)), for tanh and linear layers.
    case glorot
}

/// A fully connected network: layer l computes the pre-activation
/// `z_l = W_l · a_{l−1} + b_l` and the activation `a_l = σ_l(z_l)`, with `a_{−1} = x`.
///
/// Weights are stored `[out, in]` (PyTorch's `Linear`, mlx-swift), and all parameters
/// live in one flat vector, layer by layer, weight then bias, so that optimizers and
/// checkpoints treat the network as a single array.
public struct MultilayerPerceptron: Sendable, Equatable {
    /// `[n_0, n_1, …, n_L]`: the input width, then each layer's output width.
    public let layerSizes: [Int]
    /// `σ_l` for each of the L layers; the last is `.identity` for a linear output.
    public let activations: [Activation]
    /// Every weight and bias, in the order of `parameterRanges`.
    public var parameters: [Float]

    public var layerCount: Int { activations.count }
    public var inputDimensions: Int { layerSizes[0] }
    public var outputDimensions: Int { layerSizes[layerCount] }

    /// Builds a network with zero parameters; see `initialized(seed:…)`.
    public init(layerSizes: [Int], activations: [Activation]) {
        precondition(layerSizes.count >= 2, "a network needs at least one layer")
        precondition(activations.count == layerSizes.count - 1, "one activation per layer")
        precondition(layerSizes.allSatisfy { $0 > 0 }, "layer sizes must be positive")
        self.layerSizes = layerSizes
        self.activations = activations
        let count = (0..<activations.count).reduce(0) { $0 + layerSizes[$1 + 1] * (layerSizes[$1] + 1) }
        self.parameters = Array(repeating: 0, count: count)
    }

    /// ReLU (or another) hidden layers with a linear last layer, the usual classifier
    /// and regressor shape.
    public init(layerSizes: [Int], hiddenActivation: Activation) {
        self.init(layerSizes: layerSizes,
                  activations: Array(repeating: hiddenActivation, count: layerSizes.count - 2) + [.identity])
    }

    /// Where layer l's weight (`n_{l+1} × n_l`, row-major) sits in `parameters`.
    public func weightRange(_ layer: Int) -> Range<Int> {
        let start = offset(layer)
        return start..<(start + layerSizes[layer + 1] * layerSizes[layer])
    }

    /// Where layer l's bias (`n_{l+1}`) sits in `parameters`.
    public func biasRange(_ layer: Int) -> Range<Int> {
        let start = weightRange(layer).upperBound
        return start..<(start + layerSizes[layer + 1])
    }

    private func offset(_ layer: Int) -> Int {
        (0..<layer).reduce(0) { $0 + layerSizes[$1 + 1] * (layerSizes[$1] + 1) }
    }

    /// A mask over `parameters`: true on weights, false on biases (decoupled weight
    /// decay applies to weights only).
    public var weightMask: [Bool] {
        var mask = [Bool](repeating: false, count: parameters.count)
        for layer in 0..<layerCount { for i in weightRange(layer) { mask[i] = true } }
        return mask
    }

    public func weight(_ layer: Int) -> Matrix<Float> {
        Matrix(rows: layerSizes[layer + 1], columns: layerSizes[layer], elements: Array(parameters[weightRange(layer)]))
    }

    public func bias(_ layer: Int) -> [Float] { Array(parameters[biasRange(layer)]) }

    public mutating func setWeight(_ layer: Int, _ weight: [Float]) {
        precondition(weight.count == weightRange(layer).count)
        parameters.replaceSubrange(weightRange(layer), with: weight)
    }

    public mutating func setBias(_ layer: Int, _ bias: [Float]) {
        precondition(bias.count == biasRange(layer).count)
        parameters.replaceSubrange(biasRange(layer), with: bias)
    }

    /// Draws every weight from `initialization` (He for ReLU layers and Glorot
    /// otherwise, when nil) with a generator seeded by `seed`; biases are zero.
    public mutating func initialize(seed: UInt64, initialization: Initialization? = nil) {
        var generator = SeededGenerator(seed: seed)
        for layer in 0..<layerCount {
            let fanIn = Double(layerSizes[layer]), fanOut = Double(layerSizes[layer + 1])
            let scheme = initialization ?? (activations[layer] == .relu ? .he : .glorot)
            let standardDeviation = scheme == .he ? (2 / fanIn).squareRoot() : (2 / (fanIn + fanOut)).squareRoot()
            for i in weightRange(layer) { parameters[i] = Float(generator.nextNormal() * standardDeviation) }
            for i in biasRange(layer) { parameters[i] = 0 }
        }
    }

    /// The pre-activations `z_l` of every layer for a batch of inputs (`batch × n_0`,
    /// row-major): element l has shape `batch × n_{l+1}`.
    public func preActivations(_ inputs: [Float], batchSize: Int) -> [[Float]] {
        var workspace = ForwardWorkspace(network: self, batchCapacity: batchSize)
        inputs.withUnsafeBufferPointer { workspace.forward(self, inputs: $0.baseAddress!, batchSize: batchSize) }
        return (0..<layerCount).map { Array(workspace.preActivations[$0].prefix(batchSize * layerSizes[$0 + 1])) }
    }

    /// The network's outputs for a batch of inputs.
    public func outputs(_ inputs: [Float], batchSize: Int) -> [Float] {
        preActivations(inputs, batchSize: batchSize)[layerCount - 1]
    }
}

/// Buffers for a forward pass over batches of up to `batchCapacity` inputs, reused
/// across steps so that training allocates nothing per step.
public struct ForwardWorkspace: Sendable {
    public let batchCapacity: Int
    /// `z_l`, `batchCapacity × n_{l+1}` each.
    public var preActivations: [[Float]]
    /// `a_l = σ_l(z_l)`, same shapes.
    public var activations: [[Float]]

    public init(network: MultilayerPerceptron, batchCapacity: Int) {
        self.batchCapacity = batchCapacity
        preActivations = (1...network.layerCount).map { [Float](repeating: 0, count: batchCapacity * network.layerSizes[$0]) }
        activations = preActivations
    }

    /// Fills `preActivations` and `activations` for the first `batchSize` rows.
    public mutating func forward(_ network: MultilayerPerceptron, inputs: UnsafePointer<Float>, batchSize: Int) {
        precondition(batchSize <= batchCapacity)
        network.parameters.withUnsafeBufferPointer { parameters in
            for layer in 0..<network.layerCount {
                let n = network.layerSizes[layer + 1], k = network.layerSizes[layer]
                let weight = parameters.baseAddress! + network.weightRange(layer).lowerBound
                let bias = parameters.baseAddress! + network.biasRange(layer).lowerBound
                // A cheap reference to the previous layer's output (no copy: it is not mutated here).
                let previousActivations = layer == 0 ? [] : activations[layer - 1]
                previousActivations.withUnsafeBufferPointer { stored in
                    let previous = layer == 0 ? inputs : UnsafePointer(stored.baseAddress!)
                    preActivations[layer].withUnsafeMutableBufferPointer { z in
                        // Broadcast the bias, then z ← a·Wᵀ + z in one GEMM.
                        BatchKernels.broadcastRows(bias, rows: batchSize, columns: n, into: z.baseAddress!, stride: n)
                        BLAS.gemm(.none, .transposed, m: batchSize, n: n, k: k,
                                  a: previous, b: weight, beta: 1, c: z.baseAddress!)
                    }
                }
                preActivations[layer].withUnsafeBufferPointer { z in
                    activations[layer].withUnsafeMutableBufferPointer { a in
                        BatchKernels.apply(network.activations[layer], rows: batchSize, columns: n,
                                           from: z.baseAddress!, stride: n, to: a.baseAddress!, stride: n)
                    }
                }
            }
        }
    }
}
