import LinearAlgebra
import LocalRank
import LocalRankTestSupport
import RunFormat
import Testing
import Vocabulary

/// The reference: J_l(x) formed explicitly (n_{l+1} × n_0) by the chain rule with plain
/// loops, then its float64 singular values from LAPACK. Independent of the reduced
/// recursion under test, which never forms J_l.
func explicitJacobianSpectra(_ network: CheckpointNetwork, input: [Double]) throws -> [[Double]] {
    let z = network.preActivations(inputs: input, count: 1)
    var jacobian = network.weights[0]
    var spectra = [try jacobian.singularValues()]
    for layer in 1..<network.layerCount {
        let w = network.weights[layer]
        var next = Matrix<Double>(rows: w.rows, columns: jacobian.columns)
        for i in 0..<w.rows {
            for j in 0..<jacobian.columns {
                var sum = 0.0
                for k in 0..<w.columns {
                    let zk = z[layer - 1][0, k]
                    let derivative: Double
                    switch network.activations[layer - 1] {
                    case .relu: derivative = zk > 0 ? 1 : 0
                    case .tanh: derivative = 1 - Foundation.tanh(zk) * Foundation.tanh(zk)
                    case .identity: derivative = 1
                    }
                    sum += w[i, k] * derivative * jacobian[k, j]
                }
                next[i, j] = sum
            }
        }
        jacobian = next
        spectra.append(try jacobian.singularValues())
    }
    return spectra
}

func randomNetwork(_ sizes: [Int], activation: Activation, seed: UInt64, biasScale: Double = 0.1) -> CheckpointNetwork {
    let weights = (0..<(sizes.count - 1)).map { l in
        let w = Matrix<Double>.randomNormal(rows: sizes[l + 1], columns: sizes[l], seed: seed &+ UInt64(l))
        return Matrix(rows: w.rows, columns: w.columns, elements: w.elements.map { $0 * (2 / Double(sizes[l])).squareRoot() })
    }
    let biases = (0..<(sizes.count - 1)).map { l in
        Matrix<Double>.randomNormal(rows: 1, columns: sizes[l + 1], seed: seed &+ 100 &+ UInt64(l)).elements.map { $0 * biasScale }
    }
    return CheckpointNetwork(layerSizes: sizes,
                             activations: Array(repeating: activation, count: sizes.count - 2) + [.identity],
                             weights: weights, biases: biases)
}

/// Counts agree except where a singular value lies within a relative 1e-6 of ε.
func expectSameCounts(_ ours: [Double], _ reference: [Double], epsilon: Double, _ comment: Comment) {
    let ambiguous = reference.contains { abs($0 - epsilon) <= 1e-6 * epsilon }
    if ambiguous { return }
    #expect(RankMeasure.count(ours, above: epsilon) == RankMeasure.count(reference, above: epsilon), comment)
}

@Suite struct JacobianSpectraTests {
    @Test(arguments: [Activation.relu, .tanh, .identity])
    func spectraMatchTheExplicitJacobian(activation: Activation) throws {
        // n_0 > n_1 exercises the reduction through W_0's SVD; the last layer is narrow.
        let network = randomNetwork([12, 9, 10, 7, 3], activation: activation, seed: 21)
        let count = 20
        let inputs = Matrix<Double>.randomNormal(rows: count, columns: 12, seed: 22).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: count, threads: 2)
        for i in 0..<count {
            let reference = try explicitJacobianSpectra(network, input: Array(inputs[(i * 12)..<((i + 1) * 12)]))
            for layer in 0..<network.layerCount {
                let ours = spectra[layer][i]
                // Ours has min(n_{l+1}, k_0) values; the reference min(n_{l+1}, n_0); the extra ones are zero.
                for (k, value) in reference[layer].enumerated() {
                    let mine = k < ours.count ? ours[k] : 0
                    #expect(abs(mine - value) <= 1e-10 * max(1, reference[layer][0]), "layer \(layer) input \(i) σ_\(k)")
                }
                for epsilon in [1e-1, 1e-3, 1e-6] {
                    expectSameCounts(ours, reference[layer], epsilon: epsilon, "layer \(layer) input \(i) ε \(epsilon)")
                }
            }
        }
    }

    @Test func wideInputsAndSingleThreadAgreeWithManyThreads() throws {
        let network = randomNetwork([5, 16, 16, 4], activation: .relu, seed: 31)
        let inputs = Matrix<Double>.randomNormal(rows: 9, columns: 5, seed: 32).elements
        let one = try JacobianSpectra.compute(network: network, inputs: inputs, count: 9, threads: 1)
        let three = try JacobianSpectra.compute(network: network, inputs: inputs, count: 9, threads: 3)
        #expect(one == three)
        for i in 0..<9 {
            let reference = try explicitJacobianSpectra(network, input: Array(inputs[(i * 5)..<((i + 1) * 5)]))
            for layer in 0..<3 {
                for (mine, value) in zip(one[layer][i], reference[layer]) { #expect(abs(mine - value) <= 1e-10 * max(1, reference[layer][0])) }
            }
        }
    }

    @Test func illConditionedWeightsStillMatchTheExplicitJacobian() throws {
        // Every unit active (large biases) and n_0 ≥ n_2, so J_2 = W_2·M with a full-rank M;
        // W_2 (40 × 24) is wider than its 24 active inputs, so its spectrum goes through the
        // triangle of R_2's active columns, and W_2's singular values fall from 1 to 1e-8: a
        // Gram matrix's error u·κ² would wreck the middle of the spectrum (an earlier Cholesky
        // route needed a condition guard here). Householder reductions keep it to u·σ_1.
        var network = randomNetwork([30, 24, 24, 40, 5], activation: .relu, seed: 61)
        var weights = network.weights
        weights[2] = Matrix.withSingularValues((0..<24).map { pow(10, -8 * Double($0) / 23) }, rows: 40, columns: 24, seed: 62)
        network = CheckpointNetwork(layerSizes: network.layerSizes, activations: network.activations, weights: weights,
                                    biases: network.biases.map { $0.map { _ in 100 } })
        let count = 6
        let inputs = Matrix<Double>.randomNormal(rows: count, columns: 30, seed: 63).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: count, threads: 2)
        for i in 0..<count {
            let reference = try explicitJacobianSpectra(network, input: Array(inputs[(i * 30)..<((i + 1) * 30)]))
            for layer in 1..<network.layerCount {
                let ours = spectra[layer][i], largest = reference[layer][0]
                for (k, value) in reference[layer].enumerated() {
                    let mine = k < ours.count ? ours[k] : 0  // beyond k_0 = 24 values, exactly zero
                    #expect(abs(mine - value) <= 1e-12 * max(1, largest), "layer \(layer) input \(i) σ_\(k)")
                    // The reference is relatively accurate to u·σ_1/σ_k: compare where that is small.
                    if value >= 1e-6 * largest {
                        #expect(mine.isApproximatelyEqual(to: value, relativeTolerance: 1e-8), "layer \(layer) input \(i) σ_\(k)")
                    }
                }
                for epsilon in [1e-3, 1e-6, 1e-9] {
                    expectSameCounts(ours, reference[layer], epsilon: epsilon, "layer \(layer) input \(i) ε \(epsilon)")
                }
            }
        }
    }

    @Test func exactlyRankDeficientWeightsGiveTheClosedFormRank() throws {
        // Large positive biases keep every ReLU active, so J_l = W_l·…·W_0 for every input:
        // with rank(W_0) = 4 and rank(W_2) = 2 (generic otherwise) the local ranks are 4, 4, 2, 2.
        var network = randomNetwork([10, 8, 8, 6, 5], activation: .relu, seed: 41)
        var weights = network.weights
        weights[0] = Matrix.withSingularValues([3, 2, 1, 0.5], rows: 8, columns: 10, seed: 42)
        weights[2] = Matrix.withSingularValues([2, 0.7], rows: 6, columns: 8, seed: 43)
        let biases = network.biases.map { $0.map { _ in 100.0 } }
        network = CheckpointNetwork(layerSizes: network.layerSizes, activations: network.activations, weights: weights, biases: biases)
        let inputs = Matrix<Double>.randomNormal(rows: 16, columns: 10, seed: 44).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: 16, threads: 2)
        for epsilon in [1e-3, 1e-6] {
            let ranks = (0..<4).map { layer in
                MeasureSummary(values: spectra[layer].map { RankMeasure.localRank.value(of: $0, epsilon: epsilon) })
            }
            #expect(ranks.map(\.mean) == [4, 4, 2, 2], "ε \(epsilon)")
            #expect(ranks.allSatisfy { $0.standardDeviation == 0 })
        }
    }

    /// A ReLU network whose active units are fixed by biases ±100^(l+1) (`active[l]` units of
    /// hidden layer l on, whatever the input: a bias outweighs what the previous layer's
    /// outputs can add), so that every input takes the same routes. The units on are spread
    /// over the layer (k·n/a), not its first ones, so that the rows picked from a triangle
    /// form a staircase rather than a triangle.
    private func networkWithActiveUnits(_ sizes: [Int], active: [Int], seed: UInt64) -> CheckpointNetwork {
        let base = randomNetwork(sizes, activation: .relu, seed: seed)
        let biases = base.biases.enumerated().map { layer, bias in
            let magnitude = Double.pow(100, Double(layer + 1))
            guard layer < active.count else { return bias.map { _ in magnitude } }
            let on = Set((0..<active[layer]).map { $0 * bias.count / active[layer] })
            return bias.indices.map { on.contains($0) ? magnitude : -magnitude }
        }
        return CheckpointNetwork(layerSizes: sizes, activations: base.activations, weights: base.weights, biases: biases)
    }

    /// Ours against the explicitly formed Jacobian at every layer and input.
    private func expectMatchesExplicitJacobian(_ network: CheckpointNetwork, inputs count: Int, seed: UInt64,
                                               _ comment: Comment) throws {
        let n0 = network.layerSizes[0]
        let inputs = Matrix<Double>.randomNormal(rows: count, columns: n0, seed: seed).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: count, threads: 2)
        for i in 0..<count {
            let reference = try explicitJacobianSpectra(network, input: Array(inputs[(i * n0)..<((i + 1) * n0)]))
            for layer in 0..<network.layerCount {
                let ours = spectra[layer][i], largest = reference[layer].first ?? 0
                for (k, value) in reference[layer].enumerated() {
                    let mine = k < ours.count ? ours[k] : 0
                    #expect(abs(mine - value) <= 1e-13 * max(1, largest), "\(comment): layer \(layer) input \(i) σ_\(k)")
                }
            }
        }
    }

    @Test(arguments: [
        // sizes, active units per hidden layer: each case sits on one side of a route boundary.
        // Layer 1's spectrum goes through the triangle of W_1's QR when n_2 > a_1, else directly:
        ([40, 30, 24, 20, 6], [23, 19, 5]), ([40, 30, 24, 20, 6], [24, 20, 6]), ([40, 30, 24, 20, 6], [25, 21, 7]),
        // The running matrix shrinks to its LQ factor when a ≤ 0.9·w (27 of 30 at layer 1) if
        // the next M is formed from it, else when a ≤ 0.6·w (16.2 of 27 at layer 2 before a
        // narrow last layer, 23.4 of 26 before a wide one).
        ([40, 30, 40, 40, 6], [27, 16, 10]), ([40, 30, 40, 40, 6], [28, 17, 10]), ([40, 30, 40, 40, 6], [27, 17, 10]),
        ([40, 30, 40, 40, 30], [26, 23, 20]), ([40, 30, 40, 40, 30], [26, 24, 20]),
        // Wider than the input (k_0 = n_0 = 20): L_0 is a trapezoid; an expanding layer.
        ([20, 30, 45, 12], [25, 30]), ([20, 30, 45, 12], [12, 40]),
    ])
    func routeBoundariesMatchTheExplicitJacobian(sizes: [Int], active: [Int]) throws {
        let network = networkWithActiveUnits(sizes, active: active, seed: 71)
        let z = network.preActivations(inputs: Matrix<Double>.randomNormal(rows: 3, columns: sizes[0], seed: 72).elements, count: 3)
        #expect(active.indices.allSatisfy { layer in z[layer].elements.filter { $0 > 0 }.count == 3 * active[layer] })
        try expectMatchesExplicitJacobian(network, inputs: 3, seed: 72, "sizes \(sizes) active \(active)")
    }

    @Test func singularValuesNearEpsilonCountAsAFloat64SVDsDo() throws {
        // Linear layers (every unit active) and W_l with orthonormal columns for l ≥ 1, so every
        // J_l = W_l⋯W_1·W_0 has exactly W_0's singular values: chosen here within a relative
        // 1e-8 of ε = 1e-3 and 1e-6 (10⁵ and 10² times the documented bound c·u·∏‖W_l‖ ≈ 1e-16·c),
        // on either side of it. The layers widen, so each spectrum goes through a triangle.
        let sizes = [8, 10, 12, 14, 16]
        let known = [1, 1e-3 * (1 + 1e-8), 1e-3 * (1 - 1e-8), 1e-3 * (1 + 1e-7), 1e-6 * (1 + 1e-8), 1e-6 * (1 - 1e-8), 1e-6 * (1 - 1e-7), 1e-9].sorted(by: >)
        var weights = [Matrix<Double>.withSingularValues(known, rows: 10, columns: 8, seed: 81)]
        for layer in 1..<4 {
            let q = Matrix<Double>.randomOrthogonal(sizes[layer + 1], seed: 82 + UInt64(layer))
            weights.append(Matrix(rows: sizes[layer + 1], columns: sizes[layer],
                                  elements: (0..<(sizes[layer + 1] * sizes[layer])).map { q.elements[($0 / sizes[layer]) * sizes[layer + 1] + $0 % sizes[layer]] }))
        }
        let network = CheckpointNetwork(layerSizes: sizes, activations: Array(repeating: .identity, count: 4), weights: weights,
                                        biases: sizes.dropFirst().map { [Double](repeating: 0, count: $0) })
        let inputs = Matrix<Double>.randomNormal(rows: 4, columns: 8, seed: 85).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: 4, threads: 2)
        for layer in 0..<4 {
            for i in 0..<4 {
                let ours = spectra[layer][i]
                for (k, value) in known.enumerated() { #expect(abs(ours[k] - value) <= 1e-14, "layer \(layer) input \(i) σ_\(k)") }
                let reference = try explicitJacobianSpectra(network, input: Array(inputs[(i * 8)..<((i + 1) * 8)]))[layer]
                for epsilon in [1e-3, 1e-6] {
                    let exact = known.filter { $0 > epsilon }.count
                    #expect(RankMeasure.count(ours, above: epsilon) == exact, "layer \(layer) input \(i) ε \(epsilon)")
                    #expect(RankMeasure.count(reference, above: epsilon) == exact, "reference, layer \(layer) ε \(epsilon)")
                }
            }
        }
    }

    @Test(arguments: [1e-90, 1e90])
    func weightsAtExtremeScalesTakeTheRescalingSVD(scale: Double) throws {
        // Every entry of J_l beyond 1e±77 leaves gebrd's safe range: the spectra come from
        // gesdd, which rescales, and keep their relative accuracy.
        let base = randomNetwork([12, 9, 10, 7, 3], activation: .relu, seed: 91)
        var weights = base.weights
        weights[0] = Matrix(rows: weights[0].rows, columns: weights[0].columns, elements: weights[0].elements.map { $0 * scale })
        let network = CheckpointNetwork(layerSizes: base.layerSizes, activations: base.activations, weights: weights,
                                        biases: base.biases.map { $0.map { _ in 1.0 } })
        let inputs = Matrix<Double>.randomNormal(rows: 5, columns: 12, seed: 92).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: 5, threads: 2)
        for i in 0..<5 {
            let reference = try explicitJacobianSpectra(network, input: Array(inputs[(i * 12)..<((i + 1) * 12)]))
            for layer in 0..<network.layerCount {
                for (k, value) in reference[layer].enumerated() where value > 1e-4 * reference[layer][0] {
                    #expect(spectra[layer][i][k].isApproximatelyEqual(to: value, relativeTolerance: 1e-9), "layer \(layer) σ_\(k)")
                }
            }
        }
    }

    @Test func deadReLUsZeroTheJacobian() throws {
        // Large negative biases switch every unit of layer 0 off: layers 1… have rank 0.
        let base = randomNetwork([6, 5, 4, 3], activation: .relu, seed: 51)
        var biases = base.biases
        biases[0] = biases[0].map { _ in -100 }
        let network = CheckpointNetwork(layerSizes: base.layerSizes, activations: base.activations, weights: base.weights, biases: biases)
        let inputs = Matrix<Double>.randomNormal(rows: 4, columns: 6, seed: 52).elements
        let spectra = try JacobianSpectra.compute(network: network, inputs: inputs, count: 4, threads: 2)
        #expect(spectra[1].allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(spectra[0].allSatisfy { RankMeasure.count($0, above: 1e-6) == 5 })
    }
}

@Suite struct RankMeasureTests {
    @Test func thresholdsAreStrictAndAbsoluteOrRelative() {
        let spectrum: [Double] = [4, 2, 1e-3, 1e-3, 0]
        #expect(RankMeasure.count(spectrum, above: 1e-3) == 2)
        #expect(RankMeasure.count(spectrum, above: 9.99e-4) == 4)
        #expect(RankMeasure.localRank.value(of: spectrum, epsilon: 0.5) == 2)
        #expect(RankMeasure.relativeRank.value(of: spectrum, epsilon: 0.4) == 2)
        #expect(RankMeasure.stableRank.value(of: spectrum, epsilon: .nan).isApproximatelyEqual(to: (16 + 4 + 2e-6) / 16))
        #expect(RankMeasure.effectiveRank.value(of: [1, 1, 1, 0], epsilon: .nan).isApproximatelyEqual(to: 3))
        #expect(RankMeasure.effectiveRank.value(of: [0, 0], epsilon: .nan) == 0)
    }
}

import Foundation
import RealModule
