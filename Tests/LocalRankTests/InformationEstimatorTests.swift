import Foundation
import LinearAlgebra
import LocalRankTestSupport
import Testing
@testable import LocalRank

/// The estimators' own guarantees; their agreement with numpy is `InformationCommandTests`'.
@Suite struct InformationEstimatorTests {
    @Test("boundedExponential is the C library's exp to 3e-16 relative on [-708, 0]")
    func boundedExponentialMatchesTheCLibrary() {
        var generator = SystemRandomNumberGenerator()
        var worst = 0.0
        for k in 0..<200_000 {
            let x = k < 1000 ? -Double(k) * 0.708 : -Double.random(in: 0...708, using: &generator)
            let expected = Foundation.exp(x)
            worst = max(worst, abs(boundedExponential(x) - expected) / expected)
            #expect(boundedExponential(SIMD4(repeating: x))[k % 4] == boundedExponential(x))
        }
        #expect(worst <= 3e-16, "worst relative error \(worst)")
        #expect(boundedExponential(0) == 1)
        #expect(boundedExponential(-1e6) > 0 && boundedExponential(-1e6) <= Foundation.exp(-708) * (1 + 1e-15))
    }

    func randomRepresentation(rows: Int, columns: Int, seed: UInt64) -> (Matrix<Double>, ClassLabels) {
        let t = Matrix<Double>.randomNormal(rows: rows, columns: columns, seed: seed)
        let labels = ClassLabels(targets: (0..<rows).map { Float(($0 * 7) % 3) * 2 + 1 })!
        return (t, labels)
    }

    @Test("the kernel bounds do not depend on the number of threads (tiles added in a fixed order)")
    func kernelBoundsAreTheSameOnAnyThreadCount() {
        let (t, labels) = randomRepresentation(rows: 700, columns: 5, seed: 3)
        let estimator = InformationEstimator.kernelDensity(noiseVariance: 0.1)
        let one = estimator.estimate(t, labels: labels, threads: 1)
        #expect(estimator.estimate(t, labels: labels, threads: 2) == one)
        #expect(estimator.estimate(t, labels: labels, threads: 7) == one)
        #expect(one.inputInformationLower! <= one.inputInformation && one.inputInformation <= Foundation.log2(700.0))
    }

    @Test("binning: the maximum joins the last bin, a constant layer is one symbol, labels are any whole numbers")
    func binningEdges() {
        #expect(BinnedInformation.binIndices([0, 0.5, 1], bins: 2, range: nil) == [0, 1, 1])
        #expect(BinnedInformation.binIndices([-3, 0.2, 5], bins: 4, range: 0...1) == [0, 0, 3])
        let constant = Matrix(rows: 4, columns: 2, elements: [Double](repeating: 0.25, count: 8))
        let labels = ClassLabels(targets: [Float(7), 7, -2, 7])!
        #expect(labels.values == [-2, 7] && labels.classes == [1, 1, 0, 1])
        let estimate = InformationEstimator.binning(bins: 30, range: nil).estimate(constant, labels: labels, threads: 1)
        #expect(estimate.inputInformation == 0 && estimate.labelInformation == 0 && !estimate.saturated)
        #expect(ClassLabels(targets: [Float(0.5)]) == nil)
    }

    @Test("symbols from packed rows (with and without the row number in the word) equal those of the row-comparing sort",
          arguments: [(2, 30), (10, 30), (12, 30), (5, 4096), (4, 4096), (64, 2), (1, 1)])
    func packedSymbolsMatchComparedOnes(columns: Int, bins: Int) {
        var state = UInt64(columns * 7919 + bins)
        for rows in [1, 2, 300, 4096] {
            // Few distinct values per column (0, the middle bin, the last), so that rows repeat.
            let binned = (0..<(rows * columns)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int32(Int((state >> 33) % 3) * (bins - 1) / 2)
            }
            let compared = BinnedInformation.comparedSymbolIndices(binned, rows: rows, columns: columns)
            #expect(BinnedInformation.symbolIndices(binned, rows: rows, columns: columns, bins: bins) == compared,
                    "\(rows) rows of \(columns) columns, \(bins) bins")
        }
    }

    @Test("saturation: within 1% of log2 N")
    func saturation() {
        #expect(InformationEstimate.isSaturated(9.91, inputs: 1024))
        #expect(!InformationEstimate.isSaturated(9.89, inputs: 1024))
    }
}
