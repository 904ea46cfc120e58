import LinearAlgebra
import RandomNumbers
import RealModule

/// Jointly Gaussian inputs and targets, the paper's synthetic regression task: a
/// network learns to map x to the correlated y.
///
/// The joint covariance of z = (x, y) is `Σ = Q·diag(λ)·Qᵀ`, with Q a random orthogonal
/// matrix drawn from `seed` and the decaying spectrum `λ_k = exp(−k / decayLength)`,
/// k = 0 … n_x + n_y − 1. Samples are `z = Q·(√λ ⊙ ξ)` with ξ standard normal.
public struct GaussianRegression: Sendable {
    public var inputDimensions: Int
    public var targetDimensions: Int
    /// How many indices the spectrum takes to fall by a factor e.
    public var decayLength: Double
    public var seed: UInt64

    public init(inputDimensions: Int, targetDimensions: Int, decayLength: Double, seed: UInt64) {
        self.inputDimensions = inputDimensions
        self.targetDimensions = targetDimensions
        self.decayLength = decayLength
        self.seed = seed
    }

    var dimensions: Int { inputDimensions + targetDimensions }

    public var spectrum: [Double] { (0..<dimensions).map { Double.exp(-Double($0) / decayLength) } }

    /// The random orthogonal basis Q: the Q factor of a Gaussian matrix, with the signs
    /// fixed by R's diagonal, which makes it Haar-distributed (Mezzadri, 2007).
    public var basis: Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        let n = dimensions
        var q = Matrix<Double>(rows: n, columns: n, elements: (0..<(n * n)).map { _ in generator.nextNormal() })
        // Modified Gram–Schmidt on columns, twice for orthogonality to working precision.
        for _ in 0..<2 {
            for j in 0..<n {
                for i in 0..<j {
                    var dot = 0.0
                    for r in 0..<n { dot += q[r, i] * q[r, j] }
                    for r in 0..<n { q[r, j] -= dot * q[r, i] }
                }
                var norm = 0.0
                for r in 0..<n { norm += q[r, j] * q[r, j] }
                norm = norm.squareRoot()
                for r in 0..<n { q[r, j] /= norm }
            }
        }
        return q
    }

    /// Σ, `(n_x + n_y) × (n_x + n_y)`: x occupies the first n_x coordinates.
    public var jointCovariance: Matrix<Double> {
        let q = basis
        return Matrix.product(q * Matrix(diagonal: spectrum), q, transposeB: .transposed)
    }

    /// `count` independent samples, split into inputs and targets. Each split draws from
    /// its own stream (`streamSeed`), so the test set does not depend on the training set's size.
    public func sample(count: Int, streamSeed: UInt64) -> Examples {
        let q = basis, scale = spectrum.map { $0.squareRoot() }
        var generator = SeededGenerator(seed: seed ^ (streamSeed &* 0x9E37_79B9_7F4A_7C15))
        let n = dimensions
        var latent = Matrix<Double>(rows: count, columns: n)
        for i in 0..<count { for k in 0..<n { latent[i, k] = scale[k] * generator.nextNormal() } }
        let z = Matrix.product(latent, q, transposeB: .transposed)
        var inputs = [Float](), targets = [Float]()
        inputs.reserveCapacity(count * inputDimensions)
        targets.reserveCapacity(count * targetDimensions)
        for i in 0..<count {
            for k in 0..<inputDimensions { inputs.append(Float(z[i, k])) }
            for k in inputDimensions..<n { targets.append(Float(z[i, k])) }
        }
        return Examples(inputs: inputs, targets: targets, inputDimensions: inputDimensions, targetWidth: targetDimensions)
    }

    public func dataset(trainCount: Int, testCount: Int) -> Dataset {
        Dataset(
            name: "gaussian", task: .regression,
            train: sample(count: trainCount, streamSeed: 1), test: sample(count: testCount, streamSeed: 2),
            source: "synthetic: n_x=\(inputDimensions), n_y=\(targetDimensions), spectrum exp(-k/\(decayLength)), seed \(seed)",
            jointCovariance: jointCovariance.elements)
    }
}
