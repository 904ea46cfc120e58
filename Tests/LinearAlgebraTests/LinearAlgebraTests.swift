@testable import LinearAlgebra
import LocalRankTestSupport
import RealModule
import Testing

/// The textbook triple loop: an independent reference for BLAS's products.
private func naiveProduct(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    var c = Matrix<Double>(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var sum = 0.0
            for k in 0..<a.columns { sum += a[i, k] * b[k, j] }
            c[i, j] = sum
        }
    }
    return c
}

private func expectClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-10, _ comment: Comment? = nil) {
    #expect(a.count == b.count, comment)
    for (x, y) in zip(a, b) {
        #expect(x.isApproximatelyEqual(to: y, absoluteTolerance: tolerance), comment)
    }
}

@Suite struct MatrixMultiplicationTests {
    @Test(arguments: [(Transposition.none, Transposition.none), (.transposed, .none), (.none, .transposed), (.transposed, .transposed)])
    func gemmMatchesTripleLoop(transposeA: Transposition, transposeB: Transposition) {
        let a = Matrix<Double>.randomNormal(rows: 7, columns: 5, seed: 1)
        let b = Matrix<Double>.randomNormal(rows: 5, columns: 3, seed: 2)
        let storedA = transposeA == .none ? a : a.transposed
        let storedB = transposeB == .none ? b : b.transposed
        let product = Matrix.product(storedA, storedB, transposeA: transposeA, transposeB: transposeB)
        #expect(product.rows == 7 && product.columns == 3)
        expectClose(product.elements, naiveProduct(a, b).elements)
    }

    @Test func gemmAccumulatesWithAlphaAndBeta() {
        let a = Matrix<Float>.randomNormal(rows: 4, columns: 6, seed: 3)
        let b = Matrix<Float>.randomNormal(rows: 6, columns: 2, seed: 4)
        var c = Matrix<Float>(rows: 4, columns: 2, repeating: 1)
        Matrix.multiply(a, b, alpha: 2, beta: 3, into: &c)
        let reference = naiveProduct(a.converted(), b.converted())
        for (x, y) in zip(c.elements, reference.elements) {
            #expect(Double(x).isApproximatelyEqual(to: 2 * y + 3, absoluteTolerance: 1e-4))
        }
    }

    @Test func gemvBothWays() {
        let a = Matrix<Double>.randomNormal(rows: 4, columns: 3, seed: 5)
        let x: [Double] = [1, -2, 0.5]
        expectClose(a * x, naiveProduct(a, Matrix(rows: 3, columns: 1, elements: x)).elements)
        var y = [Double](repeating: 0, count: 3)
        let z: [Double] = [1, 2, 3, 4]
        Matrix.multiply(a, vector: z, transposeA: .transposed, into: &y)
        expectClose(y, naiveProduct(a.transposed, Matrix(rows: 4, columns: 1, elements: z)).elements)
    }

    @Test func gramIsAATransposeWithBothTriangles() {
        let a = Matrix<Double>.randomNormal(rows: 5, columns: 8, seed: 6)
        expectClose(a.gram.elements, naiveProduct(a, a.transposed).elements)
    }
}

@Suite struct DecompositionTests {
    @Test func singularValuesAreRecoveredInDoubleAndFloat() throws {
        let expected: [Double] = [9, 4, 1, 1e-3, 0, 0]
        let a = Matrix<Double>.withSingularValues(Array(expected.prefix(5)), rows: 6, columns: 9, seed: 7)
        expectClose(try a.singularValues(), expected, tolerance: 1e-12)
        let single = try a.converted(to: Float.self).singularValues()
        expectClose(single.map(Double.init), expected, tolerance: 1e-5)
    }

    @Test func thinSVDReconstructs() throws {
        let a = Matrix<Double>.randomNormal(rows: 6, columns: 4, seed: 8)
        let (u, s, vt) = try a.singularValueDecomposition()
        #expect(u.rows == 6 && u.columns == 4 && vt.rows == 4 && vt.columns == 4)
        let reconstructed = u * Matrix(diagonal: s) * vt
        expectClose(reconstructed.elements, a.elements)
    }

    @Test func choleskyFactorsAPositiveDefiniteMatrix() throws {
        let b = Matrix<Double>.randomNormal(rows: 4, columns: 6, seed: 10)
        let a = b.gram
        let l = try a.cholesky()
        for i in 0..<4 { for j in (i + 1)..<4 { #expect(l[i, j] == 0) } }
        expectClose(Matrix.product(l, l, transposeB: .transposed).elements, a.elements)
    }

    @Test func choleskyOfAnIndefiniteMatrixThrowsLAPACKsInfo() {
        let a = Matrix<Double>(diagonal: [1, -1, 2])
        #expect(throws: LinearAlgebraError(routine: "potrf", info: 2)) { try a.cholesky() }
    }

    @Test(arguments: [(6, 9), (9, 9), (40, 70), (70, 40), (45, 45), (30, 70), (70, 30)])
    func reusedWorkspaceSingularValuesMatchTheirKnownValues(rows: Int, columns: Int) throws {
        // Nearly square shapes take gebrd + bdsqr, elongated ones (70 × 30, not 70 × 40:
        // 70 < 11/6·40) gesdd; values spread over 12 decades are recovered to u·σ_1 either way.
        let count = min(rows, columns) - 1
        let decades: [Double] = (0..<count).map { 1 - 12 * Double($0) / Double(count) }
        let expected = decades.map { Double.pow(10, $0) } + [0]
        let a = Matrix<Double>.withSingularValues(Array(expected.prefix(count)), rows: rows, columns: columns, seed: 16)
        var buffer = a.elements
        var workspace = DecompositionWorkspace<Double>()
        let values = try Matrix<Double>.singularValues(rows: rows, columns: columns, destroying: &buffer, workspace: &workspace)
        expectClose(values, expected, tolerance: 1e-13)
        // The same workspace, reused for another shape.
        var again = a.transposed.elements
        expectClose(try Matrix<Double>.singularValues(rows: columns, columns: rows, destroying: &again, workspace: &workspace),
                    expected, tolerance: 1e-13)
    }

    @Test(arguments: [1e-200, 1e200])
    func extremeScalesGoThroughGesddsRescaling(scale: Double) throws {
        let expected: [Double] = [4, 2, 1, 0.5]
        let a = Matrix<Double>.withSingularValues(expected, rows: 4, columns: 5, seed: 17)
        #expect(!Matrix<Double>.hasModerateScale(a.elements.map { $0 * scale }[...]))
        #expect(Matrix<Double>.hasModerateScale(a.elements[...]))
        var buffer = a.elements.map { $0 * scale }
        var workspace = DecompositionWorkspace<Double>()
        let values = try Matrix<Double>.singularValues(rows: 4, columns: 5, destroying: &buffer, workspace: &workspace)
        for (value, known) in zip(values, expected) {
            #expect((value / scale).isApproximatelyEqual(to: known, relativeTolerance: 1e-13))
        }
    }

    /// L·Lᵀ = A·Aᵀ, L lower triangular (trapezoidal when rows > columns): L is an LQ factor.
    private func expectLQFactor(_ l: [Double], of a: Matrix<Double>, _ comment: Comment) {
        let rank = min(a.rows, a.columns)
        let factor = Matrix(rows: a.rows, columns: rank, elements: Array(l.prefix(a.rows * rank)))
        for i in 0..<a.rows { for j in (i + 1)..<max(rank, i + 1) where j < rank { #expect(factor[i, j] == 0, comment) } }
        expectClose(Matrix.product(factor, factor, transposeB: .transposed).elements, a.gram.elements, tolerance: 1e-11, comment)
    }

    @Test(arguments: [(12, 20), (20, 20), (50, 31), (70, 150), (100, 100)])
    func lowerTriangularFactorOfADenseMatrix(rows: Int, columns: Int) throws {
        let a = Matrix<Double>.randomNormal(rows: rows, columns: columns, seed: 18)
        var buffer = a.elements
        try Matrix<Double>.lowerTriangularFactor(rows: rows, columns: columns, destroying: &buffer)
        expectLQFactor(buffer, of: a, "\(rows)×\(columns)")
    }

    @Test(arguments: [(70, 150), (70, 90), (40, 100)])
    func staircaseLQTouchesOnlyTheNonzeroColumnsAndMatchesTheDenseFactor(rows: Int, columns: Int) throws {
        // Rows of a lower-triangular matrix at increasing units: row k is zero beyond unit_k ≥ k.
        // Beyond the reach of its block of rows (the last row's length), a row holds NaN in
        // the staircase's buffer: a reflector that read past the staircase would spread it into L.
        let units = (0..<rows).map { min(columns - 1, $0 * columns / rows + 2 * ($0 % 3)) }.reduce(into: [Int]()) {
            $0.append(max($0.last ?? 0, $1))  // never decreasing
        }
        let block = DecompositionWorkspace<Double>.blockSize
        var a = Matrix<Double>.randomNormal(rows: rows, columns: columns, seed: 19)
        for (k, unit) in units.enumerated() { for j in (unit + 1)..<max(unit + 1, columns) { a[k, j] = 0 } }
        var poisoned = a
        for k in 0..<rows {
            let reach = units[min(rows, (k / block + 1) * block) - 1] + 1
            for j in reach..<max(reach, columns) { poisoned[k, j] = .nan }
        }
        var dense = a.elements, staircase = poisoned.elements
        var workspace = DecompositionWorkspace<Double>()
        try Matrix<Double>.lowerTriangularFactor(rows: rows, columns: columns, destroying: &dense)
        try Matrix<Double>.lowerTriangularFactor(rows: rows, columns: columns, rowLengths: { units[$0] + 1 },
                                                 destroying: &staircase, workspace: &workspace)
        expectLQFactor(staircase, of: a, "staircase \(rows)×\(columns)")
        for i in 0..<rows {
            for j in 0...i { #expect(abs(abs(staircase[i * rows + j]) - abs(dense[i * rows + j])) <= 1e-11, "L[\(i), \(j)]") }
        }
    }

    @Test func triangleOnTheRightOfAMatrix() {
        var lower = Matrix<Double>.randomNormal(rows: 4, columns: 4, seed: 20)
        var stored = lower
        for i in 0..<4 {
            for j in (i + 1)..<4 { lower[i, j] = 0; stored[i, j] = .nan }  // the strict upper triangle is never read
        }
        let b = Matrix<Double>.randomNormal(rows: 3, columns: 4, seed: 21)
        var result = b.elements
        stored.elements.withUnsafeBufferPointer { triangle in
            result.withUnsafeMutableBufferPointer { pb in
                BLAS.multiplyByLowerTriangleOnTheRight(m: 3, n: 4, b: pb.baseAddress!, triangle: triangle.baseAddress!)
            }
        }
        expectClose(result, naiveProduct(b, lower).elements)
    }

    @Test func transposedTriangleTimesMatrix() throws {
        var lower = Matrix<Double>.randomNormal(rows: 4, columns: 4, seed: 14)
        var stored = lower
        for i in 0..<4 {
            for j in (i + 1)..<4 { lower[i, j] = 0; stored[i, j] = .nan }  // the strict upper triangle is never read
        }
        let b = Matrix<Double>.randomNormal(rows: 4, columns: 3, seed: 15)
        let expected = Matrix.product(lower, b, transposeA: .transposed)
        var result = b.elements
        stored.elements.withUnsafeBufferPointer { triangle in
            result.withUnsafeMutableBufferPointer { pb in
                BLAS.multiplyByTransposedLowerTriangle(m: 4, n: 3, triangle: triangle.baseAddress!, b: pb.baseAddress!)
            }
        }
        expectClose(result, expected.elements)
    }
}
