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
    /// `weightMask` as maximal runs of equal values, built on the first update.
    private var decayRuns: [DecayRun] = []

    public init(kind: OptimizerKind, learningRate: Float, weightDecay: Float = 0, momentum: Float = 0.9,
                parameterCount: Int) {
        self.kind = kind
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.momentum = momentum
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: kind == .sgd ? 0 : parameterCount)
    }

    /// The scalars of update number `t` (1 for the first update).
    public func rule(forUpdate t: Int) -> UpdateRule {
        UpdateRule(kind: kind, learningRate: learningRate, weightDecay: weightDecay, momentum: momentum,
                   beta1: beta1, beta2: beta2, epsilon: epsilon, update: t)
    }

    /// One update of `parameters` from `gradients`; weight decay touches only the
    /// entries where `weightMask` is true (never biases).
    public mutating func update(parameters: inout [Float], gradients: [Float], weightMask: [Bool]) {
        precondition(parameters.count == gradients.count)
        update(weightMask: weightMask) { visit in visit(&parameters, gradients) }
    }

    /// One update of a parameter vector kept in pieces: `pieces` calls its argument with
    /// each piece and its gradient, in the vector's order, and the result is that of
    /// `update(parameters:gradients:weightMask:)` on the concatenation, without building it.
    public mutating func update(weightMask: [Bool], pieces: ((inout [Float], [Float]) -> Void) -> Void) {
        updateCount += 1
        let rule = rule(forUpdate: updateCount)
        if decayRuns.last?.range.upperBound != weightMask.count { decayRuns = DecayRun.runs(of: weightMask) }
        let runs = decayRuns
        var offset = 0
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                pieces { parameters, gradients in
                    precondition(parameters.count == gradients.count && offset + parameters.count <= weightMask.count)
                    let piece = offset..<(offset + parameters.count)
                    parameters.withUnsafeMutableBufferPointer { theta in
                        gradients.withUnsafeBufferPointer { g in
                            for run in runs where run.range.overlaps(piece) {
                                let start = max(run.range.lowerBound, piece.lowerBound)
                                let end = min(run.range.upperBound, piece.upperBound)
                                rule.apply(count: end - start, parameters: theta.baseAddress! + (start - offset),
                                           gradients: UnsafeMutablePointer(mutating: g.baseAddress! + (start - offset)),
                                           firstMoment: m.baseAddress! + start,
                                           secondMoment: v.baseAddress.map { $0 + start }, decays: run.decays)
                            }
                        }
                    }
                    offset += parameters.count
                }
            }
        }
        precondition(offset == weightMask.count, "the pieces hold \(offset) parameters, not \(weightMask.count)")
    }
}

/// A stretch of the parameter vector that is all weights (decayed) or all biases.
struct DecayRun: Sendable, Equatable {
    var range: Range<Int>
    var decays: Bool

    static func runs(of mask: [Bool]) -> [DecayRun] {
        var runs = [DecayRun](), start = 0
        for i in mask.indices where i + 1 == mask.count || mask[i + 1] != mask[i] {
            runs.append(DecayRun(range: start..<(i + 1), decays: mask[i]))
            start = i + 1
        }
        return runs
    }
}

/// One update's arithmetic on a stretch of parameters, shared by the whole-vector update
/// and the training step that updates each thread's rows of the weights.
///
/// Per entry, with g the gradient and (for weights) λ the weight decay:
/// - SGD: g ← g + λθ; v ← μv + g; θ ← θ − ηv.
/// - Adam: g ← g + λθ; AdamW instead θ ← θ − ηλθ. Then m ← β₁m + (1 − β₁)g,
///   v ← β₂v + (1 − β₂)g², θ ← θ − (η/c₁)·m / (√v/√c₂ + ε) with cᵢ = 1 − βᵢᵗ (PyTorch's form).
///
/// Every lane of the vector loop does the scalar loop's operations in the same order, so
/// the result does not depend on where a stretch starts or how long it is.
public struct UpdateRule: Sendable {
    public let kind: OptimizerKind
    let eta: Float, lambda: Float, mu: Float, b1: Float, b2: Float, eps: Float
    let stepSize: Float, rootCorrection2: Float

    init(kind: OptimizerKind, learningRate: Float, weightDecay: Float, momentum: Float,
         beta1: Float, beta2: Float, epsilon: Float, update t: Int) {
        self.kind = kind
        eta = learningRate; lambda = weightDecay; mu = momentum; b1 = beta1; b2 = beta2; eps = epsilon
        let correction1 = 1 - Double.pow(Double(beta1), Double(t))
        let correction2 = 1 - Double.pow(Double(beta2), Double(t))
        stepSize = Float(Double(learningRate) / correction1)
        rootCorrection2 = Float(correction2.squareRoot())
    }

    /// Updates `count` parameters in place from their gradients. `secondMoment` is nil for
    /// SGD. With `clearsGradients`, each gradient is set to 0 once used, so that the next
    /// gradient can be accumulated into it (a GEMM with β = 1 then skips its zeroing pass).
    public func apply(count: Int, parameters theta: UnsafeMutablePointer<Float>,
                      gradients g: UnsafeMutablePointer<Float>, firstMoment m: UnsafeMutablePointer<Float>,
                      secondMoment v: UnsafeMutablePointer<Float>?, decays: Bool, clearsGradients: Bool = false) {
        guard count > 0 else { return }
        switch kind {
        case .sgd:
            sgd(count, theta, g, m, lambda: decays ? lambda : 0, clearsGradients)
        case .adam, .adamw:
            let decoupled = kind == .adamw
            adam(count, theta, g, m, v!, decoupledDecay: decays && decoupled ? eta * lambda : 0,
                 l2: decays && !decoupled ? lambda : 0, clearsGradients)
        }
    }

    private typealias Lanes = SIMD8<Float>

    /// Biases pass a decay of 0: θ·0 added or subtracted leaves every value's bits as they are.
    private func sgd(_ count: Int, _ theta: UnsafeMutablePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                     _ velocity: UnsafeMutablePointer<Float>, lambda: Float, _ clears: Bool) {
        let eta = eta, mu = mu
        var i = 0
        while i + Lanes.scalarCount <= count {
            let t = load(theta, i)
            let g = load(gradient, i) + lambda * t
            let v = mu * load(velocity, i) + g
            store(v, velocity, i); store(t - eta * v, theta, i)
            if clears { store(Lanes(), gradient, i) }
            i += Lanes.scalarCount
        }
        while i < count {
            let g = gradient[i] + lambda * theta[i]
            velocity[i] = mu * velocity[i] + g
            theta[i] -= eta * velocity[i]
            if clears { gradient[i] = 0 }
            i += 1
        }
    }

    /// The update divides by √c₂ only while it differs from 1: from about the 16 000th
    /// update on it rounds to 1 in Float, and x/1 = x, so skipping the division (a third
    /// of the loop's time, which is bound by the divider) leaves every result as it was.
    private func adam(_ count: Int, _ theta: UnsafeMutablePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                      _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
                      decoupledDecay: Float, l2: Float, _ clears: Bool) {
        let b1 = b1, b2 = b2, eps = eps, stepSize = stepSize, rootCorrection2 = rootCorrection2
        @inline(__always) func lanes(_ i: Int, corrects: Bool) {
            var t = load(theta, i)
            let g = load(gradient, i) + l2 * t
            t -= decoupledDecay * t
            let mi = b1 * load(m, i) + (1 - b1) * g
            let vi = b2 * load(v, i) + (1 - b2) * g * g
            let root = corrects ? vi.squareRoot() / rootCorrection2 : vi.squareRoot()
            t -= stepSize * mi / (root + eps)
            store(mi, m, i); store(vi, v, i); store(t, theta, i)
            if clears { store(Lanes(), gradient, i) }
        }
        var i = 0
        let vectorEnd = count - count % Lanes.scalarCount
        if rootCorrection2 == 1 {
            while i < vectorEnd { lanes(i, corrects: false); i += Lanes.scalarCount }
        } else {
            while i < vectorEnd { lanes(i, corrects: true); i += Lanes.scalarCount }
        }
        while i < count {
            var t = theta[i]
            let g = gradient[i] + l2 * t
            t -= decoupledDecay * t
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            t -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
            theta[i] = t
            if clears { gradient[i] = 0 }
            i += 1
        }
    }

    @inline(__always)
    private func load(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> Lanes {
        UnsafeRawPointer(p + i).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    private func store(_ value: Lanes, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: value, as: Lanes.self)
    }
}
