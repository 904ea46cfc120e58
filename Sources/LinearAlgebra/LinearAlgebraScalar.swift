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
    static func _trcon(_ n: Int32, _ a: UnsafePointer<Self>, _ lda: Int32, _ reciprocalCondition: UnsafeMutablePointer<Self>) -> Int32
    static func _trmmLowerTransposedLeft(
        _ m: Int32, _ n: Int32, _ a: UnsafePointer<Self>, _ lda: Int32, _ b: UnsafeMutablePointer<Self>, _ ldb: Int32)
    static func _gelqf(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>, _ lda: Int32, _ tau: UnsafeMutablePointer<Self>) -> Int32
}

private let rowMajor = _lapack_row_major()
/// A row-major m×n buffer is the column-major n×m transpose: routines whose result is the
/// same for Aᵀ (singular values) or maps simply (LQ of A = QR of Aᵀ) run on it as it is,
/// sparing LAPACKE's transposing copies.
private let columnMajor = _lapack_col_major()
private let upper = CChar(UInt8(ascii: "U"))
private let oneNorm = CChar(UInt8(ascii: "1"))
private let nonUnitDiagonal = CChar(UInt8(ascii: "N"))

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
    public static func _trcon(
        _ n: Int32, _ a: UnsafePointer<Float>, _ lda: Int32, _ reciprocalCondition: UnsafeMutablePointer<Float>
    ) -> Int32 {
        // The row-major lower-triangular L, read as the column-major upper-triangular Lᵀ.
        LAPACKE_strcon(columnMajor, oneNorm, upper, nonUnitDiagonal, n, a, lda, reciprocalCondition)
    }
    public static func _trmmLowerTransposedLeft(
        _ m: Int32, _ n: Int32, _ a: UnsafePointer<Float>, _ lda: Int32, _ b: UnsafeMutablePointer<Float>, _ ldb: Int32
    ) {
        cblas_strmm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, m, n, 1, a, lda, b, ldb)
    }
    public static func _gelqf(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Float>, _ lda: Int32, _ tau: UnsafeMutablePointer<Float>
    ) -> Int32 {
        // LQ of the row-major m×n A is QR of the column-major n×m Aᵀ: R = Lᵀ lands where
        // row-major L's lower triangle belongs.
        LAPACKE_sgeqrf(columnMajor, n, m, a, lda, tau)
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
    public static func _trcon(
        _ n: Int32, _ a: UnsafePointer<Double>, _ lda: Int32, _ reciprocalCondition: UnsafeMutablePointer<Double>
    ) -> Int32 {
        // The row-major lower-triangular L, read as the column-major upper-triangular Lᵀ.
        LAPACKE_dtrcon(columnMajor, oneNorm, upper, nonUnitDiagonal, n, a, lda, reciprocalCondition)
    }
    public static func _trmmLowerTransposedLeft(
        _ m: Int32, _ n: Int32, _ a: UnsafePointer<Double>, _ lda: Int32, _ b: UnsafeMutablePointer<Double>, _ ldb: Int32
    ) {
        cblas_dtrmm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, m, n, 1, a, lda, b, ldb)
    }
    public static func _gelqf(
        _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>, _ lda: Int32, _ tau: UnsafeMutablePointer<Double>
    ) -> Int32 {
        // LQ of the row-major m×n A is QR of the column-major n×m Aᵀ: R = Lᵀ lands where
        // row-major L's lower triangle belongs.
        LAPACKE_dgeqrf(columnMajor, n, m, a, lda, tau)
    }
}
