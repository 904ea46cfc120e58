@usableFromInline let valuesOnly = CChar(UInt8(ascii: "N"))
private let thinVectors = CChar(UInt8(ascii: "S"))

extension Matrix {
    /// Singular values in descending order, `min(rows, columns)` of them (LAPACK `gesdd`).
    public func singularValues() throws -> [Scalar] {
        var a = elements
        return try Matrix.singularValues(rows: rows, columns: columns, destroying: &a)
    }

    /// Singular values of the `rows × columns` row-major matrix in `elements`, which is
    /// overwritten (LAPACK `gesdd`); lets a caller reuse one buffer instead of copying a `Matrix`.
    @inlinable
    public static func singularValues(rows: Int, columns: Int, destroying elements: inout [Scalar]) throws -> [Scalar] {
        precondition(elements.count >= rows * columns, "buffer smaller than \(rows)×\(columns)")
        guard min(rows, columns) > 0 else { return [] }
        return try gesddValues(rows: rows, columns: columns, destroying: &elements)
    }

    /// Singular values, in descending order, of the `rows × columns` row-major matrix in
    /// `elements` (overwritten), with buffers reused across calls. Nearly square matrices go
    /// straight to bidiagonal form and the dqds algorithm (LAPACK `gebrd`, `bdsqr`: the path
    /// `gesdd` takes for values, without its allocations and input scans); elongated ones
    /// (one side ≥ 11/6 of the other) and extreme scales go through `gesdd` itself, which
    /// triangularizes first and rescales.
    @inlinable  // specialized in hot loops
    public static func singularValues(rows: Int, columns: Int, destroying elements: inout [Scalar],
                                      workspace: inout DecompositionWorkspace<Scalar>) throws -> [Scalar] {
        precondition(elements.count >= rows * columns, "buffer smaller than \(rows)×\(columns)")
        let count = min(rows, columns)
        guard count > 0 else { return [] }
        if 6 * max(rows, columns) >= 11 * count || !hasModerateScale(elements.prefix(rows * columns)) {
            return try gesddValues(rows: rows, columns: columns, destroying: &elements)
        }
        // The row-major buffer is the column-major columns × rows transpose, with the same singular values.
        let (m, n) = (columns, rows)
        workspace.reserve(vectors: count, work: (m + n) * DecompositionWorkspace<Scalar>.lapackBlockSize)
        let info = elements.withUnsafeMutableBufferPointer { pa in
            workspace.withBuffers { d, e, tauq, taup, work, lwork in
                Scalar._gebrd(Int32(m), Int32(n), pa.baseAddress!, Int32(m), d, e, tauq, taup, work, lwork)
            }
        }
        try LinearAlgebraError.check(info, "gebrd")
        let values = try workspace.withBuffers { d, e, _, _, work, _ in
            try LinearAlgebraError.check(Scalar._bdsqrValues(m >= n, Int32(count), d, e, work), "bdsqr")
            return Array(UnsafeBufferPointer(start: d, count: count))
        }
        return values
    }

    /// Whether every entry's magnitude lies where bidiagonalization neither overflows nor
    /// loses values to underflow (what `gesdd` rescales for): within 2^±(maximum exponent / 4).
    @inlinable
    static func hasModerateScale(_ values: ArraySlice<Scalar>) -> Bool {
        let largest = values.withUnsafeBufferPointer { buffer in
            buffer.reduce(Scalar(0)) { Swift.max($0, Swift.abs($1)) }
        }
        let limit = Scalar(sign: .plus, exponent: Scalar.greatestFiniteMagnitude.exponent / 4, significand: 1)
        return largest < limit && (largest == 0 || largest > 1 / limit)
    }

    @usableFromInline
    static func gesddValues(rows: Int, columns: Int, destroying elements: inout [Scalar]) throws -> [Scalar] {
        var s = [Scalar](repeating: 0, count: min(rows, columns))
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
    /// row-major matrix: `Q` has orthonormal rows, so `A` and L have the same singular values.
    /// `elements` is overwritten with L, `rows × min(rows, columns)`, row-major, zero above the
    /// diagonal (lower trapezoidal when `rows > columns`).
    @inlinable  // specialized in hot loops
    public static func lowerTriangularFactor(rows: Int, columns: Int, destroying elements: inout [Scalar]) throws {
        var workspace = DecompositionWorkspace<Scalar>()
        try lowerTriangularFactor(rows: rows, columns: columns, rowLengths: { _ in columns }, destroying: &elements,
                                  workspace: &workspace)
    }

    /// The LQ factor L (as above) of a row-major `rows × columns` matrix whose row i is zero
    /// beyond its first `rowLengths(i)` entries, lengths that never decrease with i: a
    /// staircase, such as rows picked from a lower-triangular matrix. Householder reflections
    /// in blocks of `DecompositionWorkspace.blockSize` rows (LAPACK `geqrf`, `larft`, `larfb`
    /// on the column-major transpose) touch only the columns a block's rows reach, so a staircase
    /// costs a fraction of a dense LQ: about a third when the lengths grow twice as fast as i.
    /// Backward stable like any Householder LQ: L is the exact factor of A + E, ‖E‖ ≤ c·u·‖A‖.
    @inlinable  // specialized in hot loops
    public static func lowerTriangularFactor(rows: Int, columns: Int, rowLengths: (Int) -> Int,
                                             destroying elements: inout [Scalar],
                                             workspace: inout DecompositionWorkspace<Scalar>) throws {
        precondition(elements.count >= rows * columns, "buffer smaller than \(rows)×\(columns)")
        let rank = Swift.min(rows, columns)
        guard rank > 0 else { return }
        let block = DecompositionWorkspace<Scalar>.blockSize
        workspace.reserve(vectors: rows, work: (rows + block) * block)
        // Column-major, the buffer is Aᵀ (columns × rows); its QR's R = Lᵀ. Each block of rows
        // is one `geqrf` panel, its reflectors applied at once as a block reflector (`larft`,
        // `larfb`: `ormqr` would apply a block of ≤ 32 reflectors one at a time).
        let ld = Int32(columns)
        try elements.withUnsafeMutableBufferPointer { pa in
            try workspace.withBuffers { tau, _, _, _, work, lwork in
                let triangle = work, scratch = work + block * block
                for first in stride(from: 0, to: rank, by: block) {
                    let width = Swift.min(block, rank - first)
                    let height = Swift.min(columns, Swift.max(rowLengths(first + width - 1), first + width)) - first
                    let panel = pa.baseAddress! + first * columns + first
                    try LinearAlgebraError.check(
                        Scalar._geqrf(Int32(height), Int32(width), panel, ld, tau + first, scratch, lwork - Int32(block * block)),
                        "geqrf")
                    let trailing = rows - first - width
                    guard trailing > 0 else { continue }
                    let reflectors = Int32(Swift.min(width, height))
                    try LinearAlgebraError.check(
                        Scalar._larft(Int32(height), reflectors, panel, ld, tau + first, triangle, Int32(block)), "larft")
                    try LinearAlgebraError.check(
                        Scalar._larfbTransposedLeft(Int32(height), Int32(trailing), reflectors, panel, ld, triangle, Int32(block),
                                                    panel + width * columns, ld, scratch), "larfb")
                }
            }
        }
        // Compact L from stride `columns` to stride `rank`, zeroing the Householder vectors above
        // it. Row i moves down (i·rank ≤ i·columns), so ascending copies never overwrite a source.
        elements.withUnsafeMutableBufferPointer { pa in
            let base = pa.baseAddress!
            for i in 0..<rows {
                let target = base + i * rank, source = base + i * columns
                let kept = Swift.min(i, rank - 1)
                for j in 0...kept { target[j] = source[j] }
                for j in (kept + 1)..<rank { target[j] = 0 }
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
}

/// LAPACK's scalar buffers, kept across calls by a hot loop so that each factorization
/// allocates nothing.
public struct DecompositionWorkspace<Scalar: LinearAlgebraScalar> {
    /// Rows per block of reflections in `lowerTriangularFactor`: LAPACK's usual block size
    /// (16 measured the same on 100 × 200 to 500 × 1000 staircases).
    public static var blockSize: Int { 32 }
    /// At least the block size LAPACK's blocked routines choose (32 for `gebrd`), for their
    /// workspace.
    @usableFromInline static var lapackBlockSize: Int { 64 }

    @usableFromInline var first: [Scalar] = []
    @usableFromInline var second: [Scalar] = []
    @usableFromInline var third: [Scalar] = []
    @usableFromInline var fourth: [Scalar] = []
    @usableFromInline var work: [Scalar] = []

    public init() {}

    /// Makes the four vector buffers hold at least `count` values and the work buffer `size`
    /// plus what LAPACK's blocked routines keep for their triangular block factors.
    @inlinable
    mutating func reserve(vectors count: Int, work size: Int) {
        if first.count <= count {
            first = [Scalar](repeating: 0, count: count + 1)
            (second, third, fourth) = (first, first, first)
        }
        let needed = Swift.max(size + 65 * 64, 4 * count)
        if work.count < needed { work = [Scalar](repeating: 0, count: needed) }
    }

    /// The buffers as pointers: four vectors, the work buffer and its length.
    @inlinable
    mutating func withBuffers<Result>(
        _ body: (UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>,
                 UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>, Int32) throws -> Result
    ) rethrows -> Result {
        try first.withUnsafeMutableBufferPointer { v0 in
            try second.withUnsafeMutableBufferPointer { v1 in
                try third.withUnsafeMutableBufferPointer { v2 in
                    try fourth.withUnsafeMutableBufferPointer { v3 in
                        try work.withUnsafeMutableBufferPointer { w in
                            try body(v0.baseAddress!, v1.baseAddress!, v2.baseAddress!, v3.baseAddress!, w.baseAddress!,
                                     Int32(w.count))
                        }
                    }
                }
            }
        }
    }
}
