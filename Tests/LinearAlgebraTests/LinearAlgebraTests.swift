import LinearAlgebra
import LocalRankTestSupport
import Numerics
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

    @Test func choleskyInPlaceMatchesTheFactorAndReportsIndefiniteness() throws {
        let a = Matrix<Double>.randomNormal(rows: 5, columns: 9, seed: 13).gram
        var buffer = a.elements
        #expect(try Matrix<Double>.choleskyFactor(order: 5, destroying: &buffer))
        let l = try a.cholesky()
        for i in 0..<5 {
            for j in 0...i { #expect(buffer[i * 5 + j].isApproximatelyEqual(to: l[i, j], relativeTolerance: 1e-12)) }
        }
        var indefinite = Matrix<Double>(diagonal: [1, -1, 2]).elements
        #expect(try !Matrix<Double>.choleskyFactor(order: 3, destroying: &indefinite))
    }

    @Test func triangularConditionEstimateSeesIllConditioning() throws {
        // diag(1, 1e-4) in the lower triangle (the upper one is ignored): κ₁ = 10⁴ exactly.
        let diagonal: [Double] = [1, 99, 0, 1e-4]
        #expect(try Matrix<Double>.reciprocalConditionOfLowerTriangle(order: 2, elements: diagonal)
            .isApproximatelyEqual(to: 1e-4, relativeTolerance: 1e-12))
        let identity = Matrix<Double>.identity(4).elements
        #expect(try Matrix<Double>.reciprocalConditionOfLowerTriangle(order: 4, elements: identity) == 1)
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
