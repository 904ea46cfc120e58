import HDF5
import LinearAlgebra
import RunFormat

/// The information bottleneck of jointly Gaussian variables, solved in closed form
/// (Chechik, Globerson, Tishby and Weiss, "Information Bottleneck for Gaussian Variables",
/// Journal of Machine Learning Research 6, 2005).
///
/// For jointly Gaussian `(X, Y)` with covariance
///
///     Σ = ⎡ Σ_x   Σ_xy ⎤
///         ⎣ Σ_yx  Σ_y  ⎦,
///
/// the encoder `T = A·X + ξ` minimizing `I(X;T) − β·I(T;Y)` is built from the left
/// eigenvectors of `Σ_{x|y}·Σ_x⁻¹`, where `Σ_{x|y} = Σ_x − Σ_xy·Σ_y⁻¹·Σ_yx` is the
/// conditional covariance of X given Y. Its eigenvalues `0 ≤ λ_1 ≤ λ_2 ≤ … ≤ λ_{n_x} ≤ 1`
/// (ascending) set the critical trade-offs: component `i` enters the encoder (the rank of
/// `A` steps from `i − 1` to `i`) when `β` exceeds `β_i^c = 1 / (1 − λ_i)`. A direction with
/// `λ_i = 1` carries no information about Y and never enters (`β_i^c = ∞`).
///
/// Equivalently `1 − λ_i = ρ_i²`, the squared canonical correlations of X and Y.
///
/// Two conventions for β:
/// - the information bottleneck's, `min I(X;T) − β_IB·I(T;Y)`: component `i` is present
///   when `β_IB > 1 / (1 − λ_i)` (`criticalBetasIB`, `rank(atIBBeta:)`);
/// - ours, the variational bottleneck's `loss = task + β·KL`, which weighs the compression
///   term instead, so `β = 1 / β_IB`: component `i` is present when `β < 1 − λ_i`
///   (`criticalBetasCompression`, `rank(atCompressionBeta:)`).
///
/// The eigenvalues are computed from a symmetric matrix with the same spectrum. With the
/// Cholesky factors `Σ_x = L_x·L_xᵀ` and `Σ_{x|y} = L_{x|y}·L_{x|y}ᵀ` (the latter read off the
/// Cholesky factor of Σ with Y ordered first, which never forms `Σ_y⁻¹`),
/// `L_x⁻¹·Σ_{x|y}·L_x⁻ᵀ = B·Bᵀ` with `B = L_x⁻¹·L_{x|y}`, so `λ_i = σ_i(B)²`. Roundoff outside
/// `[0, 1]` is clamped.
public struct GaussianInformationBottleneck: Sendable, Equatable {
    /// A joint covariance the bottleneck cannot be solved for, and why.
    public struct CovarianceError: Error, CustomStringConvertible, Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Not a square matrix, or one that does not split into nonempty X and Y blocks.
            case shape
            /// NaN or infinite entries.
            case nonFinite
            case notSymmetric
            /// The joint covariance, or that of X, is not positive definite.
            case notPositiveDefinite
        }

        public var kind: Kind
        public var problem: String

        public init(_ kind: Kind, problem: String) {
            self.kind = kind
            self.problem = problem
        }

        public var description: String { problem }
    }

    /// Eigenvalues `λ_i` above or within this distance of 1 count as exactly 1: directions
    /// of X that carry no information about Y, which never enter the encoder.
    public static let uninformativeTolerance = 1e-12

    /// `n_x`, the dimension of X: the first `n_x` coordinates of the joint covariance.
    public let inputDimensions: Int
    /// `n_y`, the dimension of Y: the remaining coordinates.
    public let targetDimensions: Int
    /// The eigenvalues `λ_i` of `Σ_{x|y}·Σ_x⁻¹` in ascending order, each in `[0, 1]`;
    /// `n_x` of them. Small `λ_i` are the directions of X most informative about Y.
    public let eigenvalues: [Double]

    /// Solves the bottleneck for the joint covariance of `(X, Y)` with X first.
    ///
    /// - Parameters:
    ///   - jointCovariance: Σ, `(n_x + n_y) × (n_x + n_y)`, symmetric positive definite.
    ///   - inputDimensions: `n_x`, with `1 ≤ n_x < n_x + n_y`.
    /// - Throws: `CovarianceError` when Σ is not square, has non-finite entries, is not
    ///   symmetric (to a relative 1e-8), is not positive definite, or `n_x` is out of range.
    public init(jointCovariance: Matrix<Double>, inputDimensions: Int) throws {
        let n = jointCovariance.rows
        guard n == jointCovariance.columns else {
            throw CovarianceError(.shape, problem: "the joint covariance is \(jointCovariance.rows)×\(jointCovariance.columns), not square")
        }
        guard inputDimensions >= 1, inputDimensions < n else {
            throw CovarianceError(.shape, problem: "\(inputDimensions) input dimensions do not split a \(n)×\(n) joint covariance into nonempty X and Y blocks")
        }
        guard jointCovariance.elements.allSatisfy(\.isFinite) else {
            throw CovarianceError(.nonFinite, problem: "the joint covariance has NaN or infinite entries")
        }
        for i in 0..<n {
            for j in 0..<i {
                let scale = (abs(jointCovariance[i, i]) * abs(jointCovariance[j, j])).squareRoot()
                let difference = abs(jointCovariance[i, j] - jointCovariance[j, i])
                guard difference <= 1e-8 * scale || difference == 0 else {
                    throw CovarianceError(.notSymmetric, problem: "the joint covariance is not symmetric: entries (\(i), \(j)) and (\(j), \(i)) are \(jointCovariance[i, j]) and \(jointCovariance[j, i])")
                }
            }
        }
        let nx = inputDimensions, ny = n - inputDimensions
        self.inputDimensions = nx
        self.targetDimensions = ny

        // Σ reordered as (Y, X) and symmetrized. Its Cholesky factor's lower-right n_x × n_x
        // block is the factor of the Schur complement Σ_x − Σ_xy·Σ_y⁻¹·Σ_yx = Σ_{x|y}.
        let order = Array(nx..<n) + Array(0..<nx)
        var reordered = Matrix<Double>(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n {
                let a = order[i], b = order[j]
                reordered[i, j] = (jointCovariance[a, b] + jointCovariance[b, a]) / 2
            }
        }
        let joint: Matrix<Double>
        do {
            joint = try reordered.cholesky()
        } catch {
            throw CovarianceError(.notPositiveDefinite, problem: "the joint covariance is not positive definite")
        }
        var conditionalFactor = Matrix<Double>(rows: nx, columns: nx)
        for i in 0..<nx { for j in 0...i { conditionalFactor[i, j] = joint[ny + i, ny + j] } }

        var inputCovariance = Matrix<Double>(rows: nx, columns: nx)
        for i in 0..<nx { for j in 0..<nx { inputCovariance[i, j] = reordered[ny + i, ny + j] } }
        let inputFactor: Matrix<Double>
        do {
            inputFactor = try inputCovariance.cholesky()
        } catch {
            throw CovarianceError(.notPositiveDefinite, problem: "the covariance of X is not positive definite")
        }

        let whitened = Self.solveLowerTriangular(inputFactor, conditionalFactor)
        let singularValues = try whitened.singularValues()
        eigenvalues = singularValues.reversed().map { min(max($0 * $0, 0), 1) }
    }

    /// Solves the bottleneck for the joint covariance a synthetic Gaussian run stores at
    /// `/data/joint_covariance`, with `n_x = layer_sizes[0]`.
    ///
    /// - Throws: `RunFormatError` about the run's file when the dataset is missing (the run
    ///   is not a synthetic Gaussian one), unreadable, or not a valid joint covariance.
    public init(run: RunReader) throws {
        let path = RunLayout.jointCovariance
        guard run.hasJointCovariance else {
            throw RunFormatError(file: run.path, problem: "has no \(path); the theory applies to synthetic Gaussian runs")
        }
        let (elements, width) = try run.jointCovariance()
        do {
            try self.init(jointCovariance: Matrix(rows: width, columns: width, elements: elements),
                          inputDimensions: run.model.layerSizes[0])
        } catch let error as CovarianceError {
            throw RunFormatError(file: run.path, problem: "\(path): \(error.problem)")
        }
    }

    /// The critical trade-offs in the information bottleneck's convention,
    /// `min I(X;T) − β·I(T;Y)`: `β_i^c = 1 / (1 − λ_i)`, ascending, with `∞` for directions
    /// that never enter (`λ_i ≥ 1 − uninformativeTolerance`). Component `i` is present for
    /// `β > β_i^c`; every `β_i^c ≥ 1`.
    public var criticalBetasIB: [Double] {
        eigenvalues.map { $0 >= 1 - Self.uninformativeTolerance ? .infinity : 1 / (1 - $0) }
    }

    /// The critical trade-offs in our convention, `loss = task + β·KL` (so `β = 1 / β_IB`):
    /// `1 − λ_i`, descending, with 0 for directions that never enter. Component `i` is present
    /// for `β < 1 − λ_i`; every value is in `[0, 1]`.
    public var criticalBetasCompression: [Double] {
        eigenvalues.map { $0 >= 1 - Self.uninformativeTolerance ? 0 : 1 - $0 }
    }

    /// The rank of the optimal encoder `A` at `β` in the information bottleneck's convention
    /// (`min I(X;T) − β·I(T;Y)`): the number of `i` with `β > 1 / (1 − λ_i)`. Zero for `β ≤ 1`.
    public func rank(atIBBeta beta: Double) -> Int {
        criticalBetasIB.count(where: { beta > $0 })
    }

    /// The rank of the optimal encoder `A` at `β` in our convention (`loss = task + β·KL`,
    /// `β = 1 / β_IB`): the number of `i` with `β < 1 − λ_i`. Zero for `β ≥ 1`.
    public func rank(atCompressionBeta beta: Double) -> Int {
        criticalBetasCompression.count(where: { beta < $0 })
    }

    /// `L⁻¹·C` for lower-triangular `L` by forward substitution, column by column.
    static func solveLowerTriangular(_ l: Matrix<Double>, _ c: Matrix<Double>) -> Matrix<Double> {
        precondition(l.rows == l.columns && l.rows == c.rows)
        let n = l.rows
        var x = c
        for column in 0..<c.columns {
            for i in 0..<n {
                var sum = x[i, column]
                for k in 0..<i { sum -= l[i, k] * x[k, column] }
                x[i, column] = sum / l[i, i]
            }
        }
        return x
    }
}
