@usableFromInline let valuesOnly = CChar(UInt8(ascii: "N"))
private let thinVectors = CChar(UInt8(ascii: "S"))

extension Matrix {
    /// Singular values in descending order, `min(rows, columns)` of them (LAPACK `gesdd`).
    public func singularValues() throws -> [Scalar] {
        var a = elements
        return try Matrix.singularValues(rows: rows, columns: columns, destroying: &a)
    }

    /// Singular values of the `rows × columns` row-major matrix in `elements`, which is
    /// overwritten; lets hot loops reuse one buffer instead of copying a `Matrix`.
    @inlinable  // specialized in hot loops
    public static func singularValues(rows: Int, columns: Int, destroying elements: inout [Scalar]) throws -> [Scalar] {
        precondition(elements.count >= rows * columns, "buffer smaller than \(rows)×\(columns)")
        let count = min(rows, columns)
        guard count > 0 else { return [] }
        var s = [Scalar](repeating: 0, count: count)
        let info = elements.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                Scalar._gesdd(valuesOnly, Int32(rows), Int32(columns), pa.baseAddress!, Int32(columns),
                              ps.baseAddress!, nil, Int32(max(rows, 1)), nil, Int32(max(columns, 1)))
            }
        }
        try LinearAlgebraError.check(info, "gesdd")
        return s
    }

    /// The thin singular value decomposition `A = U·diag(s)·Vᵀ` (LAPACK `gesdd`),
    /// with `U` of shape `rows × k`, `Vᵀ` of shape `k × columns`, `k = min(rows, columns)`.
    public func singularValueDecomposition() throws -> (u: Matrix, singularValues: [Scalar], vTransposed: Matrix) {
        let k = min(rows, columns)
        var a = elements
        var s = [Scalar](repeating: 0, count: k)
        var u = Matrix(rows: rows, columns: k)
        var vt = Matrix(rows: k, columns: columns)
        if k > 0 {
            let info = a.withUnsafeMutableBufferPointer { pa in
                s.withUnsafeMutableBufferPointer { ps in
                    u.elements.withUnsafeMutableBufferPointer { pu in
                        vt.elements.withUnsafeMutableBufferPointer { pv in
                            Scalar._gesdd(thinVectors, Int32(rows), Int32(columns), pa.baseAddress!, Int32(columns),
                                          ps.baseAddress!, pu.baseAddress!, Int32(k), pv.baseAddress!, Int32(columns))
                        }
                    }
                }
            }
            try LinearAlgebraError.check(info, "gesdd")
        }
        return (u, s, vt)
    }

    /// The lower-triangular factor L of the LQ decomposition `A = L·Q` of a `rows × columns`
    /// row-major matrix with `rows ≤ columns` (LAPACK `gelqf`): `Q` has orthonormal rows, so
    /// `A` and the small square `L` have the same singular values. `elements` is overwritten
    /// with L (`rows × rows`, row-major, zero above the diagonal).
    @inlinable  // specialized in hot loops
    public static func lowerTriangularFactor(rows: Int, columns: Int, destroying elements: inout [Scalar]) throws {
        precondition(rows <= columns && elements.count >= rows * columns)
        guard rows > 0 else { return }
        var tau = [Scalar](repeating: 0, count: rows)
        let info = elements.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeMutableBufferPointer { pt in
                Scalar._gelqf(Int32(rows), Int32(columns), pa.baseAddress!, Int32(columns), pt.baseAddress!)
            }
        }
        try LinearAlgebraError.check(info, "gelqf")
        // Compact L from stride `columns` to stride `rows`, zeroing the Householder vectors above
        // it. Row i moves down (i·rows ≤ i·columns), so ascending copies never overwrite a source.
        elements.withUnsafeMutableBufferPointer { pa in
            let base = pa.baseAddress!
            for i in 0..<rows {
                let target = base + i * rows, source = base + i * columns
                for j in 0...i { target[j] = source[j] }
                for j in (i + 1)..<rows { target[j] = 0 }
            }
        }
    }

    /// The lower-triangular Cholesky factor `L` with `A = L·Lᵀ` (LAPACK `potrf`);
    /// throws when the matrix is not positive definite.
    public func cholesky() throws -> Matrix {
        precondition(rows == columns, "Cholesky factor of a non-square \(rows)×\(columns) matrix")
        var l = self
        if rows > 0 {
            let info = l.elements.withUnsafeMutableBufferPointer { pa in
                Scalar._potrf(Int32(rows), pa.baseAddress!, Int32(rows))
            }
            try LinearAlgebraError.check(info, "potrf")
        }
        for i in 0..<rows { for j in (i + 1)..<rows { l[i, j] = 0 } }
        return l
    }

    /// Overwrites the lower triangle of the `order × order` symmetric row-major matrix in
    /// `elements` with its Cholesky factor L, `A = L·Lᵀ` (LAPACK `potrf`), leaving the strict
    /// upper triangle as it was. Returns `false` (and `elements` in no useful state) when the
    /// matrix is not positive definite, so that a caller can choose another method.
    @inlinable  // specialized in hot loops
    public static func choleskyFactor(order: Int, destroying elements: inout [Scalar]) throws -> Bool {
        precondition(elements.count >= order * order, "buffer smaller than \(order)×\(order)")
        guard order > 0 else { return true }
        let info = elements.withUnsafeMutableBufferPointer { pa in
            Scalar._potrf(Int32(order), pa.baseAddress!, Int32(order))
        }
        if info > 0 { return false }
        try LinearAlgebraError.check(info, "potrf")
        return true
    }

    /// LAPACK `trcon`'s estimate of 1/κ₁(L) for the lower-triangular `order × order` L in
    /// the lower triangle of `elements` (row-major): near 1 for a well-conditioned L, 0 for a
    /// singular one. An O(order²) estimate, not a bound: it is within a small factor of the
    /// truth in practice.
    @inlinable  // specialized in hot loops
    public static func reciprocalConditionOfLowerTriangle(order: Int, elements: [Scalar]) throws -> Scalar {
        precondition(elements.count >= order * order, "buffer smaller than \(order)×\(order)")
        guard order > 0 else { return 1 }
        var reciprocalCondition: Scalar = 0
        let info = elements.withUnsafeBufferPointer { pa in
            Scalar._trcon(Int32(order), pa.baseAddress!, Int32(order), &reciprocalCondition)
        }
        try LinearAlgebraError.check(info, "trcon")
        return reciprocalCondition
    }
}
