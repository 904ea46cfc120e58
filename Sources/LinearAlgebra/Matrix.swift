/// A dense matrix stored row-major, the layout of C arrays, NumPy's default and
/// the run format's `[out, in]` weights, so that a weight read from a file is a
/// `Matrix` without copying or transposing.
public struct Matrix<Scalar: LinearAlgebraScalar>: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// Row-major elements: element (i, j) is `elements[i * columns + j]`.
    public var elements: [Scalar]

    public init(rows: Int, columns: Int, elements: [Scalar]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(elements.count == rows * columns, "\(elements.count) elements for a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// A matrix whose diagonal holds `diagonal` and is zero elsewhere.
    public init(diagonal: [Scalar]) {
        self.init(rows: diagonal.count, columns: diagonal.count)
        for (i, value) in diagonal.enumerated() { self[i, i] = value }
    }

    @inlinable  // specialized where it is used: element loops over a generic accessor are slow
    public subscript(row: Int, column: Int) -> Scalar {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    @inlinable
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { result.elements[j * rows + i] = elements[i * columns + j] }
        }
        return result
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let lines = (0..<rows).map { i in
            (0..<columns).map { j in "\(self[i, j])" }.joined(separator: " ")
        }
        return "Matrix \(rows)×\(columns)\n" + lines.joined(separator: "\n")
    }
}
