import LinearAlgebra
import RandomNumbers

extension Matrix {
    /// A matrix of independent standard normal entries, reproducible from `seed`.
    public static func randomNormal(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns,
                      elements: (0..<(rows * columns)).map { _ in Scalar(generator.nextNormal()) })
    }

    /// A random orthogonal matrix: the left singular vectors of a random square matrix.
    public static func randomOrthogonal(_ size: Int, seed: UInt64) -> Matrix {
        try! randomNormal(rows: size, columns: size, seed: seed).singularValueDecomposition().u
    }

    /// The identity matrix of the given size.
    public static func identity(_ size: Int) -> Matrix {
        Matrix(diagonal: Array(repeating: 1, count: size))
    }

    /// The same values in another precision.
    public func converted<Other: LinearAlgebraScalar>(to: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, elements: elements.map { Other($0) })
    }

    /// `U·diag(singularValues)·Vᵀ` with random orthogonal `U` (rows × rows) and `V`
    /// (columns × columns): a matrix whose singular values are known exactly.
    public static func withSingularValues(_ singularValues: [Scalar], rows: Int, columns: Int, seed: UInt64) -> Matrix {
        precondition(singularValues.count <= min(rows, columns))
        let u = randomOrthogonal(rows, seed: seed)
        let v = randomOrthogonal(columns, seed: seed &+ 1)
        var sigma = Matrix(rows: rows, columns: columns)
        for (i, s) in singularValues.enumerated() { sigma[i, i] = s }
        return Matrix.product(u * sigma, v, transposeB: .transposed)
    }
}
