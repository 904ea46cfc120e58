import LinearAlgebra
import RunFormat
import Vocabulary

/// The function a run computes at one checkpoint, in Double: analysis precision, so
/// that products of several layers do not lose the small singular values to rounding.
public struct CheckpointNetwork: Sendable {
    public let layerSizes: [Int]
    public let activations: [Activation]
    /// W_l, `n_{l+1} × n_l`: the linear map of layer l on its input (a conv2d layer's operator,
    /// `LayerOperators`; its input is pooled from n_l values when `inputPooling[l]` is set).
    public let weights: [Matrix<Double>]
    /// b_l, one per pre-activation unit.
    public let biases: [[Double]]
    /// The pooling a `cnn` applies to layer l's input, after layer l − 1's activation; nil
    /// for none (every layer of an MLP, and layer 0).
    let inputPooling: [PoolingMap?]

    public init(layerSizes: [Int], activations: [Activation], weights: [Matrix<Double>], biases: [[Double]]) {
        self.init(layerSizes: layerSizes, activations: activations, weights: weights, biases: biases,
                  inputPooling: Array(repeating: nil, count: weights.count))
    }

    init(layerSizes: [Int], activations: [Activation], weights: [Matrix<Double>], biases: [[Double]], inputPooling: [PoolingMap?]) {
        self.layerSizes = layerSizes
        self.activations = activations
        self.weights = weights
        self.biases = biases
        self.inputPooling = inputPooling
    }

    /// The layers whose pre-activations local rank is measured on: every layer of an MLP;
    /// for a DVIB, the encoder's layers up to the bottleneck, whose analyzed output is the
    /// representation μ(x) (its first K rows).
    public struct AnalyzedLayers: Sendable, Equatable {
        /// n_0, then each analyzed layer's width.
        public var sizes: [Int]
        public var activations: [Activation]
        /// "layer 0", …, and "mu" for a DVIB's representation.
        public var names: [String]
        /// How many stored layers the analysis reads.
        public var storedLayerCount: Int
        /// A `cnn`'s layers; nil when every layer is dense.
        public var stack: LayerStack?

        public init(model: ModelDescription) {
            stack = model.layers
            if let bottleneck = model.bottleneck {
                sizes = Array(model.layerSizes[0...bottleneck.layer]) + [bottleneck.dimensions]
                activations = Array(model.activations[0...bottleneck.layer])
                names = (0..<bottleneck.layer).map { "layer \($0)" } + ["mu"]
                storedLayerCount = bottleneck.layer + 1
            } else {
                sizes = model.layerSizes
                activations = model.activations
                names = (0..<model.layerCount).map { "layer \($0)" }
                storedLayerCount = model.layerCount
            }
        }

        /// Whether runs with these layers can be grouped with runs with `other`'s: the same
        /// widths and names, whatever their activations (`--by activation` compares them).
        public func hasSameShape(as other: AnalyzedLayers) -> Bool {
            sizes == other.sizes && names == other.names && storedLayerCount == other.storedLayerCount && stack == other.stack
        }
    }

    /// The analyzed network of a run at one checkpoint, from its stored (Float) weights of
    /// the first `layers.storedLayerCount` layers; a DVIB's bottleneck keeps μ's rows only.
    public init(layers: AnalyzedLayers, weights storedWeights: [[Float]], biases storedBiases: [[Float]]) {
        if let stack = layers.stack {
            self.init(stack: stack, activations: layers.activations, weights: storedWeights, biases: storedBiases)
            return
        }
        let sizes = layers.sizes
        self.init(layerSizes: sizes, activations: layers.activations,
                  weights: (0..<(sizes.count - 1)).map { layer in
                      let values = storedWeights[layer].prefix(sizes[layer + 1] * sizes[layer])
                      return Matrix(rows: sizes[layer + 1], columns: sizes[layer], elements: values.map(Double.init))
                  },
                  biases: (0..<(sizes.count - 1)).map { storedBiases[$0].prefix(sizes[$0 + 1]).map(Double.init) })
    }

    /// A `cnn` from its stored weights: conv2d layers become their operators, and average
    /// and max pooling maps between the layers.
    init(stack: LayerStack, activations: [Activation], weights storedWeights: [[Float]], biases storedBiases: [[Float]]) {
        let layers = 0..<stack.weightedLayerCount
        self.init(layerSizes: stack.layerSizes, activations: activations,
                  weights: layers.map { LayerOperators.matrix(layer: $0, of: stack, stored: storedWeights[$0]) },
                  biases: layers.map { LayerOperators.bias(layer: $0, of: stack, stored: storedBiases[$0]) },
                  inputPooling: layers.map { l in stack.inputPooling(layer: l).map { PoolingMap($0, reading: stack.pooledShape(layer: l)) } })
    }

    public var layerCount: Int { weights.count }

    /// The matrix the Jacobian recursion multiplies by at layer l: W_l, or W_l·P when average
    /// pooling P precedes it (a fixed linear map, so it joins the layer).
    func jacobianWeight(layer l: Int) -> Matrix<Double> {
        guard let pooling = inputPooling[l], !pooling.isMaximum else { return weights[l] }
        return pooling.averaged(weights[l])
    }

    /// The max pooling before layer l, whose Jacobian selects one unit per window at each input.
    func maxPooling(layer l: Int) -> PoolingMap? {
        guard l < layerCount, let pooling = inputPooling[l], pooling.isMaximum else { return nil }
        return pooling
    }

    /// Whether every weight and bias is a finite number.
    public var isFinite: Bool {
        weights.allSatisfy { $0.elements.allSatisfy(\.isFinite) } && biases.allSatisfy { $0.allSatisfy(\.isFinite) }
    }

    /// The pre-activations z_l of every layer for `count` inputs (`count × n_0`): element l
    /// is `count × n_{l+1}`.
    public func preActivations(inputs: [Double], count: Int) -> [Matrix<Double>] {
        var result = [Matrix<Double>]()
        var previous = Matrix(rows: count, columns: layerSizes[0], elements: inputs)
        for layer in 0..<layerCount {
            let z = preActivation(layer, of: previous)
            result.append(z)
            if layer + 1 < layerCount { previous = input(ofLayer: layer + 1, from: activated(layer, z)) }
        }
        return result
    }

    /// z_l = previous · W_lᵀ + b_l for the rows of `previous` (the outputs of layer l − 1).
    func preActivation(_ layer: Int, of previous: Matrix<Double>) -> Matrix<Double> {
        var z = Matrix<Double>(rows: previous.rows, columns: layerSizes[layer + 1])
        for row in 0..<previous.rows {
            for j in 0..<layerSizes[layer + 1] { z[row, j] = biases[layer][j] }
        }
        Matrix.multiply(previous, weights[layer], transposeB: .transposed, beta: 1, into: &z)
        return z
    }

    /// σ_l(z), element by element.
    func activated(_ layer: Int, _ z: Matrix<Double>) -> Matrix<Double> {
        let activation = activations[layer]
        return Matrix(rows: z.rows, columns: z.columns, elements: z.elements.map { activation($0) })
    }

    /// The input of layer l from the outputs of layer l − 1: pooled when a pooling layer
    /// lies between them.
    func input(ofLayer l: Int, from outputs: Matrix<Double>) -> Matrix<Double> {
        inputPooling[l].map { $0.applied(toRows: outputs) } ?? outputs
    }
}
