import RealModule

// The words the run format, the networks, the data, the importers and the command lines
// share. This module depends on nothing of ours, so that the maths need not link HDF5 to
// name an activation; RealModule (swift-numerics) gives the activations' tanh.

/// The kind of network a run trained. Its raw value is `/model@architecture`.
public enum Architecture: String, CaseIterable, Sendable, Codable {
    /// A plain multilayer perceptron on the task loss.
    case mlp
    /// A Deep Variational Information Bottleneck: an encoder ending in 2K units (μ, then
    /// the pre-softplus of σ), a sample t = μ + σ⊙ξ, and a decoder from t.
    case dvib
    /// A network described layer by layer (`/model@layers`, `LayerKind`): convolutions,
    /// pooling, flattening and dense layers on an input of shape (C, H, W).
    case cnn
}

/// The kinds of layer a `cnn` run is built from. Its raw value is a layer's `kind` in
/// `/model@layers`. Dense and conv2d layers have weights, a pre-activation and an
/// activation; the others rearrange or pool what the layer before passed on.
public enum LayerKind: String, CaseIterable, Sendable, Codable {
    /// z = W·a + b on the flattened input, W `[out, in]`.
    case dense
    /// A 2-D cross-correlation with zero padding, weights `[out, in, kernel_h, kernel_w]`.
    case conv2d
    /// The largest value of each window, channel by channel.
    case maxPool = "max-pool"
    /// The mean of each window, channel by channel.
    case averagePool = "average-pool"
    /// (C, H, W) read as C·H·W values in C-H-W order: a change of shape only.
    case flatten

    /// Whether the layer has weights (and so a pre-activation whose local rank is measured).
    public var hasWeights: Bool { self == .dense || self == .conv2d }
    /// Whether the layer pools windows of its input.
    public var isPooling: Bool { self == .maxPool || self == .averagePool }
}

/// What the targets are. Its raw value is `/data@task`.
public enum LearningTask: String, CaseIterable, Sendable, Codable {
    /// Real target vectors: `/probe/y` is `[N, n_y]`.
    case regression
    /// Class labels: `/probe/y` is `[N]` integers.
    case classification
}

/// The nonlinearity applied to a layer's pre-activation, in training and in analysis
/// alike. Its raw value is the name stored in `/model@activations`.
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// max(0, z); its derivative is the 0/1 indicator of z > 0.
    case relu
    /// tanh(z); derivative 1 − tanh²(z).
    case tanh
    /// z; the "activation" after a network's linear last layer.
    case identity

    /// σ(z).
    @inlinable
    public func callAsFunction<Scalar: Real>(_ z: Scalar) -> Scalar {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .tanh: return Scalar.tanh(z)
        case .identity: return z
        }
    }

    /// σ'(z): the diagonal of D in J_l = W_l·D_{l−1}·…·D_0·W_0. ReLU's derivative at
    /// exactly 0 is taken as 0, as PyTorch and JAX do.
    @inlinable
    public func derivative<Scalar: Real>(at z: Scalar) -> Scalar {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .tanh:
            let t = Scalar.tanh(z)
            return 1 - t * t
        case .identity: return 1
        }
    }
}
