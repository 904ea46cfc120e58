import RealModule
/// The update rule applied to the flat parameter vector after each gradient.
public enum OptimizerKind: String, CaseIterable, Sendable {
    /// Stochastic gradient descent with heavy-ball momentum: v ← μv + g, θ ← θ − ηv.
    case sgd
    /// Adam (Kingma and Ba, 2015) with bias correction; weight decay, if any, is an L2
    /// term added to the gradient, as in PyTorch's `Adam`.
    case adam
    /// AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay,
    /// θ ← θ − η·λ·θ on weights only, as in PyTorch's `AdamW`.
    case adamw
}

/// An optimizer and its state. The state is what `--resume` must restore for a
/// resumed run to match an uninterrupted one bit for bit.
public struct Optimizer: Sendable, Equatable {
    public var kind: OptimizerKind
    public var learningRate: Float
    public var weightDecay: Float
    /// SGD's μ.
    public var momentum: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    /// SGD's velocity, or Adam's first moment.
    public var firstMoment: [Float]
    /// Adam's second moment (unused by SGD).
    public var secondMoment: [Float]
    /// Updates taken so far (Adam's bias-correction t).
    public var updateCount: Int = 0
    /// `weightMask` as 1/0 lanes, built on the first update.
    private var decayMask: [Float] = []

    public init(kind: OptimizerKind, learningRate: Float, weightDecay: Float = 0, momentum: Float = 0.9,
                parameterCount: Int) {
        self.kind = kind
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.momentum = momentum
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: kind == .sgd ? 0 : parameterCount)
    }

    /// One update of `parameters` from `gradients`; weight decay touches only the
    /// entries where `weightMask` is true (never biases).
    public mutating func update(parameters: inout [Float], gradients: [Float], weightMask: [Bool]) {
        precondition(parameters.count == gradients.count && parameters.count == weightMask.count)
        updateCount += 1
        let eta = learningRate, lambda = weightDecay
        switch kind {
        case .sgd:
            let mu = momentum
            for i in parameters.indices {
                let g = gradients[i] + (weightMask[i] ? lambda * parameters[i] : 0)
                firstMoment[i] = mu * firstMoment[i] + g
                parameters[i] -= eta * firstMoment[i]
            }
        case .adam, .adamw:
            let decoupled = kind == .adamw
            let b1 = beta1, b2 = beta2, eps = epsilon
            let correction1 = 1 - Double.pow(Double(b1), Double(updateCount))
            let correction2 = 1 - Double.pow(Double(b2), Double(updateCount))
            // PyTorch's form: θ ← θ − (η/c₁)·m / (√v/√c₂ + ε).
            let stepSize = Float(Double(eta) / correction1)
            let rootCorrection2 = Float(correction2.squareRoot())
            if decayMask.count != weightMask.count { decayMask = weightMask.map { $0 ? 1 : 0 } }
            // Sixteen lanes at a time: the update is memory-bound, and every lane does the
            // scalar loop's operations in the same order, so results are bit-identical.
            parameters.withUnsafeMutableBufferPointer { theta in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        gradients.withUnsafeBufferPointer { gradient in
                            decayMask.withUnsafeBufferPointer { mask in
                                typealias Lanes = SIMD16<Float>
                                let lanes = Lanes.scalarCount
                                let vectorEnd = theta.count - theta.count % lanes
                                let etaLambda = eta * lambda
                                func load(_ p: UnsafeMutableBufferPointer<Float>, _ i: Int) -> Lanes {
                                    UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: Lanes.self)
                                }
                                func load(_ p: UnsafeBufferPointer<Float>, _ i: Int) -> Lanes {
                                    UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: Lanes.self)
                                }
                                func store(_ value: Lanes, _ p: UnsafeMutableBufferPointer<Float>, _ i: Int) {
                                    UnsafeMutableRawPointer(p.baseAddress! + i).storeBytes(of: value, as: Lanes.self)
                                }
                                var i = 0
                                while i < vectorEnd {
                                    var g = load(gradient, i), t = load(theta, i)
                                    let weightLanes = load(mask, i)
                                    if decoupled { t -= etaLambda * t * weightLanes } else { g += lambda * t * weightLanes }
                                    let mi = b1 * load(m, i) + (1 - b1) * g
                                    let vi = b2 * load(v, i) + (1 - b2) * g * g
                                    t -= stepSize * mi / (vi.squareRoot() / rootCorrection2 + eps)
                                    store(mi, m, i); store(vi, v, i); store(t, theta, i)
                                    i += lanes
                                }
                                while i < theta.count {
                                    var g = gradient[i], t = theta[i]
                                    if decoupled { t -= etaLambda * t * mask[i] } else { g += lambda * t * mask[i] }
                                    m[i] = b1 * m[i] + (1 - b1) * g
                                    v[i] = b2 * v[i] + (1 - b2) * g * g
                                    t -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
                                    theta[i] = t
                                    i += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
