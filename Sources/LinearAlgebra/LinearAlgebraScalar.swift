import _LAPACKEShims
import _OpenBLASShims

/// A floating-point type that BLAS and LAPACK compute with: `Float` (the s-routines)
/// or `Double` (the d-routines). Each requirement forwards to one C routine, so the
/// generic code above it chooses the precision once, at compile time.
public protocol LinearAlgebraScalar: BinaryFloatingPoint, Sendable where Self.RawSignificand: FixedWidthInteger {
    static func _gemm(
        _ transposeA: CBLAS_TRANSPOSE, _ transposeB: CBLAS_TRANSPOSE,
        _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>, _ lda: Int32, _ b: UnsafePointer<Self>, _ ldb: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int32)
    static func _gemv(
        _ transpose: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>, _ lda: Int32, _ x: UnsafePointer<Self>,
        _ beta: Self, _ y: UnsafeMutablePointer<Self>)
    static func _syrk(
        _ transpose: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>, _ lda: Int32, _ beta: Self, _ c: UnsafeMutablePointer<Self>, _ ldc: Int32)
    static func _gesdd(
        _ jobz: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ lda: Int32,
        _ s: UnsafeMutablePointer<Self>, _ u: UnsafeMutablePointer<Self>?, _ ldu: Int32,
        _ vt: UnsafeMutablePointer<Self>?, _ ldvt: Int32) -> Int32
    static func _potrf(_ n: Int32, _ a: UnsafeMutablePointer<Self>, _ lda: Int32) -> Int32
    static func _trmm(
        _ side: CBLAS_SIDE, _ uplo: CBLAS_UPLO, _ transpose: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32,
        _ a: UnsafePointer<Self>, _ lda: Int32, _ b: UnsafeMutablePointer<Self>, _ ldb: Int32)
    /// QR of the column-major m×n matrix at `a` (LAPACK `geqrf`), with caller-provided workspace.
    static func _geqrf(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ lda: Int32, _ tau: UnsafeMutablePointer<Self>,
        _ work: UnsafeMutablePointer<Self>, _ lwork: Int32) -> Int32
    /// The k × k triangular factor T of the block reflector H = I − V·T·Vᵀ of k reflectors of
    /// length m left by `geqrf` at `v` (LAPACK `larft`, forward, columnwise).
    static func _larft(
        _ m: Int32, _ k: Int32, _ v: UnsafePointer<Self>, _ ldv: Int32, _ tau: UnsafePointer<Self>,
        _ t: UnsafeMutablePointer<Self>, _ ldt: Int32) -> Int32
    /// C ← Hᵀ·C for the column-major m×n C and the block reflector (V, T) of k reflectors
    /// (LAPACK `larfb`); `work` holds n·k.
    static func _larfbTransposedLeft(
        _ m: Int32, _ n: Int32, _ k: Int32, _ v: UnsafePointer<Self>, _ ldv: Int32, _ t: UnsafePointer<Self>, _ ldt: Int32,
        _ c: UnsafeMutablePointer<Self>, _ ldc: Int32, _ work: UnsafeMutablePointer<Self>) -> Int32
    /// Reduces the column-major m×n matrix at `a` to bidiagonal form (LAPACK `gebrd`): upper
    /// bidiagonal when m ≥ n, lower otherwise; `d` gets min(m, n) values, `e` one fewer.
    static func _gebrd(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ lda: Int32, _ d: UnsafeMutablePointer<Self>,
        _ e: UnsafeMutablePointer<Self>, _ tauq: UnsafeMutablePointer<Self>, _ taup: UnsafeMutablePointer<Self>,
        _ work: UnsafeMutablePointer<Self>, _ lwork: Int32) -> Int32
    /// The singular values of the n×n bidiagonal matrix (d, e), in descending order into `d`
    /// (LAPACK `bdsqr` without vectors, which runs the dqds algorithm); `work` holds 4n.
    static func _bdsqrValues(
        _ isUpper: Bool, _ n: Int32, _ d: UnsafeMutablePointer<Self>, _ e: UnsafeMutablePointer<Self>,
        _ work: UnsafeMutablePointer<Self>) -> Int32
}

private let rowMajor = _lapack_row_major()
/// A row-major m×n buffer is the column-major n×m transpose: routines whose result is the
/// same for Aᵀ (singular values) or maps simply (LQ of A = QR of Aᵀ) run on it as it is,
/// sparing LAPACKE's transposing copies.
private let columnMajor = _lapack_col_major()
private let upper = CChar(UInt8(ascii: "U"))
private let leftSide = CChar(UInt8(ascii: "L"))
private let transposedOperand = CChar(UInt8(ascii: "T"))
private let lower = CChar(UInt8(ascii: "L"))
private let forward = CChar(UInt8(ascii: "F"))
private let columnwise = CChar(UInt8(ascii: "C"))

extension Float: LinearAlgebraScalar {
    public static func _gemm(
        _ transposeA: CBLAS_TRANSPOSE, _ transposeB: CBLAS_TRANSPOSE,
        _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int32, _ b: UnsafePointer<Float>, _ ldb: Int32,
        _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int32
    ) {
        cblas_sgemm(CblasRowMajor, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    public static func _gemv(
        _ transpose: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int32, _ x: UnsafePointer<Float>,
        _ beta: Float, _ y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, transpose, m, n, alpha, a, lda, x, 1, beta, y, 1)
    }
    public static func _syrk(
        _ transpose: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int32, _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int32
    ) {
        cblas_ssyrk(CblasRowMajor, CblasLower, transpose, n, k, alpha, a, lda, beta, c, ldc)
    }
    public static func _gesdd(
        _ jobz: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ lda: Int32,
        _ s: UnsafeMutablePointer<Float>, _ u: UnsafeMutablePointer<Float>?, _ ldu: Int32,
        _ vt: UnsafeMutablePointer<Float>?, _ ldvt: Int32
    ) -> Int32 {
        if jobz == CChar(UInt8(ascii: "N")) {
            // Aᵀ has A's singular values: no transposing copy.
            return LAPACKE_sgesdd(columnMajor, jobz, n, m, a, lda, s, nil, 1, nil, 1)
        }
        return LAPACKE_sgesdd(rowMajor, jobz, m, n, a, lda, s, u, ldu, vt, ldvt)
    }
    public static func _potrf(_ n: Int32, _ a: UnsafeMutablePointer<Float>, _ lda: Int32) -> Int32 {
        // A symmetric row-major matrix's lower triangle is the column-major upper one, and
        // the column-major factor U = Lᵀ is the row-major L: no transposing copies.
        LAPACKE_spotrf(columnMajor, upper, n, a, lda)
    }
    public static func _trmm(
        _ side: CBLAS_SIDE, _ uplo: CBLAS_UPLO, _ transpose: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32,
        _ a: UnsafePointer<Float>, _ lda: Int32, _ b: UnsafeMutablePointer<Float>, _ ldb: Int32
    ) {
        cblas_strmm(CblasRowMajor, side, uplo, transpose, CblasNonUnit, m, n, 1, a, lda, b, ldb)
    }
    public static func _geqrf(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ lda: Int32, _ tau: UnsafeMutablePointer<Float>,
        _ work: UnsafeMutablePointer<Float>, _ lwork: Int32
    ) -> Int32 {
        LAPACKE_sgeqrf_work(columnMajor, m, n, a, lda, tau, work, lwork)
    }
    public static func _larft(
        _ m: Int32, _ k: Int32, _ v: UnsafePointer<Float>, _ ldv: Int32, _ tau: UnsafePointer<Float>,
        _ t: UnsafeMutablePointer<Float>, _ ldt: Int32
    ) -> Int32 {
        LAPACKE_slarft_work(columnMajor, forward, columnwise, m, k, v, ldv, tau, t, ldt)
    }
    public static func _larfbTransposedLeft(
        _ m: Int32, _ n: Int32, _ k: Int32, _ v: UnsafePointer<Float>, _ ldv: Int32, _ t: UnsafePointer<Float>, _ ldt: Int32,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int32, _ work: UnsafeMutablePointer<Float>
    ) -> Int32 {
        LAPACKE_slarfb_work(columnMajor, leftSide, transposedOperand, forward, columnwise, m, n, k, v, ldv, t, ldt, c, ldc,
                             work, n)
    }
    public static func _gebrd(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ lda: Int32, _ d: UnsafeMutablePointer<Float>,
        _ e: UnsafeMutablePointer<Float>, _ tauq: UnsafeMutablePointer<Float>, _ taup: UnsafeMutablePointer<Float>,
        _ work: UnsafeMutablePointer<Float>, _ lwork: Int32
    ) -> Int32 {
        LAPACKE_sgebrd_work(columnMajor, m, n, a, lda, d, e, tauq, taup, work, lwork)
    }
    public static func _bdsqrValues(
        _ isUpper: Bool, _ n: Int32, _ d: UnsafeMutablePointer<Float>, _ e: UnsafeMutablePointer<Float>,
        _ work: UnsafeMutablePointer<Float>
    ) -> Int32 {
        LAPACKE_sbdsqr_work(columnMajor, isUpper ? upper : lower, n, 0, 0, 0, d, e, nil, 1, nil, 1, nil, 1, work)
    }
}

extension Double: LinearAlgebraScalar {
    public static func _gemm(
        _ transposeA: CBLAS_TRANSPOSE, _ transposeB: CBLAS_TRANSPOSE,
        _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ lda: Int32, _ b: UnsafePointer<Double>, _ ldb: Int32,
        _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int32
    ) {
        cblas_dgemm(CblasRowMajor, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    public static func _gemv(
        _ transpose: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ lda: Int32, _ x: UnsafePointer<Double>,
        _ beta: Double, _ y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(CblasRowMajor, transpose, m, n, alpha, a, lda, x, 1, beta, y, 1)
    }
    public static func _syrk(
        _ transpose: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ lda: Int32, _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int32
    ) {
        cblas_dsyrk(CblasRowMajor, CblasLower, transpose, n, k, alpha, a, lda, beta, c, ldc)
    }
    public static func _gesdd(
        _ jobz: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ lda: Int32,
        _ s: UnsafeMutablePointer<Double>, _ u: UnsafeMutablePointer<Double>?, _ ldu: Int32,
        _ vt: UnsafeMutablePointer<Double>?, _ ldvt: Int32
    ) -> Int32 {
        if jobz == CChar(UInt8(ascii: "N")) {
            // Aᵀ has A's singular values: no transposing copy.
            return LAPACKE_dgesdd(columnMajor, jobz, n, m, a, lda, s, nil, 1, nil, 1)
        }
        return LAPACKE_dgesdd(rowMajor, jobz, m, n, a, lda, s, u, ldu, vt, ldvt)
    }
    public static func _potrf(_ n: Int32, _ a: UnsafeMutablePointer<Double>, _ lda: Int32) -> Int32 {
        // A symmetric row-major matrix's lower triangle is the column-major upper one, and
        // the column-major factor U = Lᵀ is the row-major L: no transposing copies.
        LAPACKE_dpotrf(columnMajor, upper, n, a, lda)
    }
    public static func _trmm(
        _ side: CBLAS_SIDE, _ uplo: CBLAS_UPLO, _ transpose: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32,
        _ a: UnsafePointer<Double>, _ lda: Int32, _ b: UnsafeMutablePointer<Double>, _ ldb: Int32
    ) {
        cblas_dtrmm(CblasRowMajor, side, uplo, transpose, CblasNonUnit, m, n, 1, a, lda, b, ldb)
    }
    public static func _geqrf(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ lda: Int32, _ tau: UnsafeMutablePointer<Double>,
        _ work: UnsafeMutablePointer<Double>, _ lwork: Int32
    ) -> Int32 {
        LAPACKE_dgeqrf_work(columnMajor, m, n, a, lda, tau, work, lwork)
    }
    public static func _larft(
        _ m: Int32, _ k: Int32, _ v: UnsafePointer<Double>, _ ldv: Int32, _ tau: UnsafePointer<Double>,
        _ t: UnsafeMutablePointer<Double>, _ ldt: Int32
    ) -> Int32 {
        LAPACKE_dlarft_work(columnMajor, forward, columnwise, m, k, v, ldv, tau, t, ldt)
    }
    public static func _larfbTransposedLeft(
        _ m: Int32, _ n: Int32, _ k: Int32, _ v: UnsafePointer<Double>, _ ldv: Int32, _ t: UnsafePointer<Double>, _ ldt: Int32,
        _ c: UnsafeMutablePointer<Double>, _ ldc: Int32, _ work: UnsafeMutablePointer<Double>
    ) -> Int32 {
        LAPACKE_dlarfb_work(columnMajor, leftSide, transposedOperand, forward, columnwise, m, n, k, v, ldv, t, ldt, c, ldc,
                             work, n)
    }
    public static func _gebrd(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ lda: Int32, _ d: UnsafeMutablePointer<Double>,
        _ e: UnsafeMutablePointer<Double>, _ tauq: UnsafeMutablePointer<Double>, _ taup: UnsafeMutablePointer<Double>,
        _ work: UnsafeMutablePointer<Double>, _ lwork: Int32
    ) -> Int32 {
        LAPACKE_dgebrd_work(columnMajor, m, n, a, lda, d, e, tauq, taup, work, lwork)
    }
    public static func _bdsqrValues(
        _ isUpper: Bool, _ n: Int32, _ d: UnsafeMutablePointer<Double>, _ e: UnsafeMutablePointer<Double>,
        _ work: UnsafeMutablePointer<Double>
    ) -> Int32 {
        LAPACKE_dbdsqr_work(columnMajor, isUpper ? upper : lower, n, 0, 0, 0, d, e, nil, 1, nil, 1, nil, 1, work)
    }
}
