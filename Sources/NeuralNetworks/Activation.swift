#if canImport(Glibc)
import Glibc
#endif

/// The nonlinearity applied to a layer's pre-activation. Its raw value is the name
/// the run format stores in `/model` `activations`.
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// max(0, z); its derivative is the 0/1 indicator of z > 0.
    case relu
    /// tanh(z); derivative 1 − tanh²(z).
    case tanh
    /// z; the activation "after" a network's linear last layer.
    case identity

    @inlinable
    public func callAsFunction(_ z: Float) -> Float {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .tanh: return hyperbolicTangent(z)
        case .identity: return z
        }
    }

    /// dσ/dz at the pre-activation `z`. For ReLU at exactly 0 we take 0, as PyTorch and JAX do.
    @inlinable
    public func derivative<Scalar: BinaryFloatingPoint>(at z: Scalar) -> Scalar {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .tanh:
            let t = Scalar(hyperbolicTangent(Double(z)))
            return 1 - t * t
        case .identity: return 1
        }
    }
}

@usableFromInline func hyperbolicTangent(_ x: Float) -> Float { tanhf(x) }
@usableFromInline func hyperbolicTangent(_ x: Double) -> Double { Glibc.tanh(x) }
