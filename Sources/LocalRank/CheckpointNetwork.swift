import LinearAlgebra
import RunFormat
import Vocabulary

/// The function a run computes at one checkpoint, in Double: analysis precision, so
/// that products of several layers do not lose the small singular values to rounding.
public struct CheckpointNetwork: Sendable {
    public let layerSizes: [Int]
    public let activations: [Activation]
    /// W_l, `n_{l+1} × n_l`.
    public let weights: [Matrix<Double>]
    public let biases: [[Double]]

    public init(layerSizes: [Int], activations: [Activation], weights: [Matrix<Double>], biases: [[Double]]) {
        self.layerSizes = layerSizes
        self.activations = activations
        self.weights = weights
        self.biases = biases
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

        public init(model: ModelDescription) {
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
            sizes == other.sizes && names == other.names && storedLayerCount == other.storedLayerCount
        }
    }

    /// The analyzed network of a run at one checkpoint, from its stored (Float) weights of
    /// the first `layers.storedLayerCount` layers; a DVIB's bottleneck keeps μ's rows only.
    public init(layers: AnalyzedLayers, weights storedWeights: [[Float]], biases storedBiases: [[Float]]) {
        let sizes = layers.sizes
        self.init(layerSizes: sizes, activations: layers.activations,
                  weights: (0..<(sizes.count - 1)).map { layer in
                      let values = storedWeights[layer].prefix(sizes[layer + 1] * sizes[layer])
                      return Matrix(rows: sizes[layer + 1], columns: sizes[layer], elements: values.map(Double.init))
                  },
                  biases: (0..<(sizes.count - 1)).map { storedBiases[$0].prefix(sizes[$0 + 1]).map(Double.init) })
    }

    public var layerCount: Int { weights.count }

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
            if layer + 1 < layerCount { previous = activated(layer, z) }
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
}
