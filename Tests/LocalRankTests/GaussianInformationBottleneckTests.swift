import Foundation
import LinearAlgebra
import LocalRank
import LocalRankTestSupport
import Testing

/// A random symmetric positive definite `n × n` matrix `A·Aᵀ/n + shift·I`.
private func randomCovariance(_ n: Int, seed: UInt64, shift: Double = 0.2) -> Matrix<Double> {
    let a = Matrix<Double>.randomNormal(rows: n, columns: n, seed: seed)
    var sigma = Matrix.product(a, a, transposeB: .transposed)
    for i in 0..<n {
        for j in 0..<n { sigma[i, j] /= Double(n) }
        sigma[i, i] += shift
    }
    return sigma
}

private func expectClose(_ a: [Double], _ b: [Double], tolerance: Double, _ comment: Comment? = nil) {
    #expect(a.count == b.count, comment)
    for (x, y) in zip(a, b) {
        #expect(abs(x - y) <= tolerance, "\(x) vs \(y)\(comment.map { ": \($0)" } ?? "")")
    }
}

@Suite struct GaussianInformationBottleneckTests {
    /// x = (x1, x2) independent with unit variance, y = a·x1 + noise of variance s:
    /// Σ_x = I, Σ_xy = (a, 0)ᵀ, Σ_y = a² + s, so Σ_{x|y} = diag(1 − a²/(a² + s), 1) and
    /// λ = (s/(a² + s), 1). With a = 2, s = 1: λ = (0.2, 1), β_IB^c = (1.25, ∞), ours (0.8, 0).
    @Test func handComputedTwoPlusOneDimensions() throws {
        let a = 2.0, s = 1.0
        let sigma = Matrix<Double>(rows: 3, columns: 3, elements: [
            1, 0, a,
            0, 1, 0,
            a, 0, a * a + s,
        ])
        let bottleneck = try GaussianInformationBottleneck(jointCovariance: sigma, inputDimensions: 2)
        #expect(bottleneck.inputDimensions == 2 && bottleneck.targetDimensions == 1)
        expectClose(bottleneck.eigenvalues, [s / (a * a + s), 1], tolerance: 1e-14)

        let ib = bottleneck.criticalBetasIB
        #expect(abs(ib[0] - 1.25) <= 1e-13)
        #expect(ib[1] == .infinity)
        let ours = bottleneck.criticalBetasCompression
        #expect(abs(ours[0] - 0.8) <= 1e-13)
        #expect(ours[1] == 0)

        // IB convention: the rank steps from 0 to 1 just above β = 1.25, never to 2.
        #expect(bottleneck.rank(atIBBeta: 0.5) == 0)
        #expect(bottleneck.rank(atIBBeta: 1.2) == 0)
        #expect(bottleneck.rank(atIBBeta: 1.3) == 1)
        #expect(bottleneck.rank(atIBBeta: 1e12) == 1)
        #expect(bottleneck.rank(atIBBeta: .infinity) == 1)
        // Ours (β = 1/β_IB): present below β = 0.8.
        #expect(bottleneck.rank(atCompressionBeta: 2) == 0)
        #expect(bottleneck.rank(atCompressionBeta: 0.81) == 0)
        #expect(bottleneck.rank(atCompressionBeta: 0.79) == 1)
        #expect(bottleneck.rank(atCompressionBeta: 1e-9) == 1)
        #expect(bottleneck.rank(atCompressionBeta: 0) == 1)
        // The two conventions agree at reciprocal βs.
        for beta in [0.1, 0.5, 0.79, 0.81, 1.5, 3.0] {
            #expect(bottleneck.rank(atCompressionBeta: beta) == bottleneck.rank(atIBBeta: 1 / beta))
        }
    }

    /// x → M·x for invertible M (Σ_x → M·Σ_x·Mᵀ, Σ_xy → M·Σ_xy) leaves the information and the λ unchanged.
    @Test func eigenvaluesAreInvariantUnderInvertibleMapsOfX() throws {
        let nx = 5, ny = 3, n = nx + ny
        let sigma = randomCovariance(n, seed: 11)
        var m = Matrix<Double>.randomNormal(rows: nx, columns: nx, seed: 12)
        for i in 0..<nx { m[i, i] += 3 }
        // T = diag(M, I_y); Σ → T·Σ·Tᵀ.
        var t = Matrix<Double>.identity(n)
        for i in 0..<nx { for j in 0..<nx { t[i, j] = m[i, j] } }
        let transformed = Matrix.product(t * sigma, t, transposeB: .transposed)

        let before = try GaussianInformationBottleneck(jointCovariance: sigma, inputDimensions: nx)
        let after = try GaussianInformationBottleneck(jointCovariance: transformed, inputDimensions: nx)
        expectClose(before.eigenvalues, after.eigenvalues, tolerance: 1e-10)
        // With n_y < n_x, n_x − n_y directions of x carry nothing about y: λ = 1, never entering.
        #expect(before.criticalBetasIB.filter(\.isInfinite).count == nx - ny)
        #expect(after.criticalBetasIB.filter(\.isInfinite).count == nx - ny)
        #expect(before.eigenvalues.prefix(ny).allSatisfy { $0 > 0 && $0 < 1 - 1e-6 })

        // Invertible maps of y change nothing either.
        var u = Matrix<Double>.identity(n)
        let r = Matrix<Double>.randomNormal(rows: ny, columns: ny, seed: 13)
        for i in 0..<ny { for j in 0..<ny { u[nx + i, nx + j] = r[i, j] + (i == j ? 3 : 0) } }
        let transformedY = Matrix.product(u * sigma, u, transposeB: .transposed)
        let afterY = try GaussianInformationBottleneck(jointCovariance: transformedY, inputDimensions: nx)
        expectClose(before.eigenvalues, afterY.eigenvalues, tolerance: 1e-10)
    }

    /// The λ agree with numpy's eigenvalues of the nonsymmetric Σ_{x|y}·Σ_x⁻¹, formed directly.
    @Test(arguments: [(nx: 4, ny: 4, seed: UInt64(21)), (nx: 6, ny: 2, seed: UInt64(22)), (nx: 3, ny: 7, seed: UInt64(23)),
                      (nx: 32, ny: 32, seed: UInt64(24))])
    func agreesWithNumpy(nx: Int, ny: Int, seed: UInt64) throws {
        try Python.requireModules(["numpy"])
        let sigma = randomCovariance(nx + ny, seed: seed)
        let bottleneck = try GaussianInformationBottleneck(jointCovariance: sigma, inputDimensions: nx)
        let script = """
            import sys, numpy as np
            n, nx = int(sys.argv[1]), int(sys.argv[2])
            s = np.array([float(v) for v in sys.argv[3].split(',')]).reshape(n, n)
            sx, sxy, sy = s[:nx, :nx], s[:nx, nx:], s[nx:, nx:]
            sxgy = sx - sxy @ np.linalg.inv(sy) @ sxy.T
            lam = np.linalg.eigvals(sxgy @ np.linalg.inv(sx))
            assert np.max(np.abs(lam.imag)) < 1e-9, lam
            for v in np.sort(lam.real): print(repr(float(v)))
            """
        let output = try Python.run(script, arguments: [
            String(nx + ny), String(nx), sigma.elements.map { "\($0)" }.joined(separator: ","),
        ])
        let reference = output.split(separator: "\n").compactMap { Double($0) }
        #expect(reference.count == nx)
        expectClose(bottleneck.eigenvalues, reference, tolerance: 1e-9, "n_x = \(nx), n_y = \(ny)")
        #expect(bottleneck.eigenvalues == bottleneck.eigenvalues.sorted())
        #expect(bottleneck.eigenvalues.allSatisfy { $0 >= 0 && $0 <= 1 })
        for (lambda, beta) in zip(bottleneck.eigenvalues, bottleneck.criticalBetasIB) where beta.isFinite {
            #expect(abs(beta * (1 - lambda) - 1) <= 1e-12)
        }
    }

    @Test func rejectsInvalidCovariances() throws {
        func kind(_ body: () throws -> GaussianInformationBottleneck) -> GaussianInformationBottleneck.CovarianceError.Kind? {
            do { _ = try body(); return nil } catch { return (error as? GaussianInformationBottleneck.CovarianceError)?.kind }
        }
        // |corr(x1, y)| = 2 > 1: symmetric but not positive definite.
        let indefinite = Matrix<Double>(rows: 3, columns: 3, elements: [
            1, 0, 2,
            0, 1, 0,
            2, 0, 1,
        ])
        #expect(kind { try GaussianInformationBottleneck(jointCovariance: indefinite, inputDimensions: 2) } == .notPositiveDefinite)
        // Singular: y = x1 exactly.
        let singular = Matrix<Double>(rows: 3, columns: 3, elements: [
            1, 0, 1,
            0, 1, 0,
            1, 0, 1,
        ])
        #expect(kind { try GaussianInformationBottleneck(jointCovariance: singular, inputDimensions: 2) } == .notPositiveDefinite)
        let asymmetric = Matrix<Double>(rows: 3, columns: 3, elements: [
            2, 0, 0.5,
            0, 2, 0,
            0.1, 0, 2,
        ])
        #expect(kind { try GaussianInformationBottleneck(jointCovariance: asymmetric, inputDimensions: 2) } == .notSymmetric)
        let rectangular = Matrix<Double>(rows: 2, columns: 3, elements: [1, 0, 0, 0, 1, 0])
        #expect(kind { try GaussianInformationBottleneck(jointCovariance: rectangular, inputDimensions: 1) } == .shape)
        let valid = Matrix<Double>.identity(3)
        for bad in [0, 3, -1] {
            #expect(kind { try GaussianInformationBottleneck(jointCovariance: valid, inputDimensions: bad) } == .shape)
        }
        var withNaN = valid
        withNaN[0, 0] = .nan
        #expect(kind { try GaussianInformationBottleneck(jointCovariance: withNaN, inputDimensions: 2) } == .nonFinite)
        // Independent x and y: every λ = 1, nothing ever enters.
        let independent = try GaussianInformationBottleneck(jointCovariance: valid, inputDimensions: 2)
        #expect(independent.eigenvalues == [1, 1])
        #expect(independent.rank(atIBBeta: 1e300) == 0 && independent.rank(atCompressionBeta: 0) == 0)
    }
}
