import _OpenBLASShims

/// Whether an operand enters a product as stored or transposed.
public enum Transposition: Sendable {
    case none, transposed

    @usableFromInline
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// `C ← α·op(A)·op(B) + β·C`, one BLAS `gemm` call.
    ///
    /// `C` must already have the product's shape; with `β = 0` its contents are ignored.
    public static func multiply(
        _ a: Matrix, _ b: Matrix,
        transposeA: Transposition = .none, transposeB: Transposition = .none,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix
    ) {
        let (m, k) = transposeA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kB, n) = transposeB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(k == kB, "inner dimensions differ: \(k) and \(kB)")
        precondition(c.rows == m && c.columns == n, "result is \(c.rows)×\(c.columns), product is \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.elements.indices { c.elements[i] = beta == 0 ? 0 : beta * c.elements[i] }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha,
                              a: pa.baseAddress!, b: pb.baseAddress!, beta: beta, c: pc.baseAddress!)
                }
            }
        }
    }

    /// `op(A)·op(B)` as a new matrix.
    public static func product(
        _ a: Matrix, _ b: Matrix,
        transposeA: Transposition = .none, transposeB: Transposition = .none
    ) -> Matrix {
        let m = transposeA == .none ? a.rows : a.columns
        let n = transposeB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        multiply(a, b, transposeA: transposeA, transposeB: transposeB, into: &c)
        return c
    }

    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { product(lhs, rhs) }

    /// `y ← α·op(A)·x + β·y`, one BLAS `gemv` call.
    public static func multiply(
        _ a: Matrix, vector x: [Scalar], transposeA: Transposition = .none,
        alpha: Scalar = 1, beta: Scalar = 0, into y: inout [Scalar]
    ) {
        let (m, n) = transposeA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == n && y.count == m, "gemv shapes: \(m)×\(n) times \(x.count) into \(y.count)")
        guard a.rows > 0, a.columns > 0 else {
            for i in y.indices { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    Scalar._gemv(
                        transposeA.cblas, Int32(a.rows), Int32(a.columns), alpha,
                        pa.baseAddress!, Int32(a.columns), px.baseAddress!, beta, py.baseAddress!)
                }
            }
        }
    }

    /// `op(A)·x` as a new vector.
    public static func * (lhs: Matrix, rhs: [Scalar]) -> [Scalar] {
        var y = [Scalar](repeating: 0, count: lhs.rows)
        multiply(lhs, vector: rhs, into: &y)
        return y
    }

    /// The Gram matrix `A·Aᵀ` (symmetric, both triangles filled), one BLAS `syrk` call.
    public var gram: Matrix {
        var g = Matrix(rows: rows, columns: rows)
        guard rows > 0 else { return g }
        if columns > 0 {
            elements.withUnsafeBufferPointer { pa in
                g.elements.withUnsafeMutableBufferPointer { pg in
                    Scalar._syrk(CblasNoTrans, Int32(rows), Int32(columns), 1, pa.baseAddress!, Int32(columns),
                                 0, pg.baseAddress!, Int32(rows))
                }
            }
        }
        for i in 0..<rows { for j in (i + 1)..<rows { g[i, j] = g[j, i] } }
        return g
    }
}

/// BLAS on raw row-major storage, for hot loops that keep their operands in
/// preallocated buffers (a network's flat parameter vector, a batch workspace)
/// rather than in `Matrix` values. Leading dimensions are the stored column counts.
public enum BLAS {
    /// `C ← α·op(A)·op(B) + β·C` with `op(A)` of shape m×k, `op(B)` k×n, `C` m×n.
    @inlinable
    public static func gemm<Scalar: LinearAlgebraScalar>(
        _ transposeA: Transposition, _ transposeB: Transposition, m: Int, n: Int, k: Int,
        alpha: Scalar = 1, a: UnsafePointer<Scalar>, b: UnsafePointer<Scalar>,
        beta: Scalar = 0, c: UnsafeMutablePointer<Scalar>
    ) {
        let lda = transposeA == .none ? k : m
        let ldb = transposeB == .none ? n : k
        Scalar._gemm(transposeA.cblas, transposeB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                     a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)), beta, c, Int32(max(n, 1)))
    }

    /// `C ← α·op(A)·op(B) + β·C` on blocks of larger row-major matrices: `lda`, `ldb` and
    /// `ldc` are the stored row lengths (at least the block's column counts), so that a
    /// block of columns, e.g. C[:, j₀..<j₁] at `c + j₀` with `ldc` = C's width, is
    /// multiplied in place.
    @inlinable
    public static func gemm<Scalar: LinearAlgebraScalar>(
        _ transposeA: Transposition, _ transposeB: Transposition, m: Int, n: Int, k: Int,
        alpha: Scalar = 1, a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar = 0, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        Scalar._gemm(transposeA.cblas, transposeB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                     a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)), beta, c, Int32(max(ldc, 1)))
    }
}

extension BLAS {
    /// `B ← Lᵀ·B` for the lower-triangular `m × m` L (row-major, rows `ldl` apart; the strict
    /// upper triangle is not read) and the `m × n` B (BLAS `trmm`).
    @inlinable
    public static func multiplyByTransposedLowerTriangle<Scalar: LinearAlgebraScalar>(
        m: Int, n: Int, triangle: UnsafePointer<Scalar>, ldl: Int? = nil, b: UnsafeMutablePointer<Scalar>
    ) {
        guard m > 0, n > 0 else { return }
        Scalar._trmm(CblasLeft, CblasLower, CblasTrans, Int32(m), Int32(n), triangle, Int32(ldl ?? m), b, Int32(n))
    }

    /// `B ← B·L` for the `m × n` B and the lower-triangular `n × n` L (row-major; the strict
    /// upper triangle is not read), BLAS `trmm`: half the work of a `gemm` by a full L.
    @inlinable
    public static func multiplyByLowerTriangleOnTheRight<Scalar: LinearAlgebraScalar>(
        m: Int, n: Int, b: UnsafeMutablePointer<Scalar>, triangle: UnsafePointer<Scalar>
    ) {
        guard m > 0, n > 0 else { return }
        Scalar._trmm(CblasRight, CblasLower, CblasNoTrans, Int32(m), Int32(n), triangle, Int32(n), b, Int32(n))
    }
}

/// OpenBLAS's own thread pool. Our tools run their own threads over small matrices, where
/// OpenBLAS's threads cost more than they give (1.1× to 5× slower in training) and would
/// oversubscribe the cores, so they use one OpenBLAS thread for good. Never restored: a
/// GEMM's last bits depend on how OpenBLAS splits it among its threads, and a count that
/// changed under a running computation (another caller restoring its own) would make a
/// result depend on timing.
public enum BLASThreads {
    public static var count: Int { Int(openblas_get_num_threads()) }

    /// Has OpenBLAS use one thread from now on.
    public static func useOne() {
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
    }
}
