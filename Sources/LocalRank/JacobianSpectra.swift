import Dispatch
import LinearAlgebra
import Platform
import Synchronization

/// The singular values of every layer's input–output Jacobian at each probe input:
/// the one place where the Jacobian machinery lives.
///
/// For layer l, J_l(x) = ∂z_l/∂x = W_l·D_{l−1}(x)·W_{l−1}·…·D_0(x)·W_0, with D the diagonal
/// of activation derivatives. We never form J_l (n_{l+1} × n_0). Factor once per checkpoint
/// W_0 = U_0·S_0·V_0ᵀ (thin SVD); since V_0 has orthonormal columns, J_l(x) = R_l(x)·V_0ᵀ has
/// the singular values of the small R_l(x) = W_l·D_{l−1}·…·D_0·(U_0·S_0), which has only
/// k_0 = min(n_0, n_1) columns. Layer 0's spectrum is S_0 for every input. For ReLU, D
/// selects the active units, so each step multiplies only the active rows and columns.
///
/// With a active units feeding a wider layer (a < n_{l+1}), R_l = W_l[:, active]·M is tall,
/// and its SVD would begin with a QR factorization. Instead, W_l[:, active] = Q·Lᵀ with the
/// Cholesky factor L of the principal block G[active, active] of G_l = W_lᵀ·W_l (computed
/// once per checkpoint), so R_l has the singular values of the a-row Lᵀ·M. Rounding in G
/// and in its factor perturbs Lᵀ·M multiplicatively, by I + K with ‖K‖ ≲ c·u·κ(W_l[:, active])²:
/// every singular value moves by a *relative* c·u·κ² at most. We take that route only when
/// LAPACK's estimate of κ₁(L) is at most `largestTriangleCondition`, otherwise (rank-deficient
/// or ill-conditioned weights) the SVD of R_l itself.
public enum JacobianSpectra {
    /// κ ≤ 10³ keeps the Cholesky route's relative error c·u·κ² near 1e-10, far below the
    /// 1e-6 within which counts may legitimately differ from a direct SVD.
    static let largestTriangleCondition = 1e3

    /// How many singular values layer l's spectra keep: min(n_{l+1}, n_0, n_1). J_l has rank
    /// at most min(n_0, n_1) through W_0, so the rest are exactly zero.
    public static func spectrumLength(layerSizes: [Int], layer: Int) -> Int {
        min(layerSizes[layer + 1], layerSizes[0], layerSizes[1])
    }

    /// `result[l][i]` holds the singular values (descending) of J_l at input i, for the
    /// `count` inputs (`count × n_0`, row-major). Inputs are split across `threads` threads;
    /// OpenBLAS runs single-threaded meanwhile so that the two do not oversubscribe. Once
    /// `shouldStop` returns true, no further input is started and the result is incomplete.
    public static func compute(network: CheckpointNetwork, inputs: [Double], count: Int, threads: Int,
                               shouldStop: @Sendable () -> Bool = { false }) throws -> [LayerSpectra] {
        let (u, s, _) = try network.weights[0].singularValueDecomposition()
        let k0 = s.count
        var scaled = u
        for i in 0..<scaled.rows { for j in 0..<k0 { scaled[i, j] *= s[j] } }
        let reduced = scaled  // R_0 = U_0·S_0, n_1 × k_0
        let preActivations = network.preActivations(inputs: inputs, count: count)
        // Wᵀ rows are W's columns: selecting active units becomes contiguous copies.
        let transposedWeights = network.weights.map(\.transposed)
        let grams = transposedWeights.dropFirst().map(\.gram)  // G_l = W_lᵀ·W_l, l ≥ 1

        let layerZero = LayerSpectra(repeating: s, count: count)
        guard network.layerCount > 1, count > 0 else {
            return [layerZero] + (1..<network.layerCount).map { layer in
                LayerSpectra(length: spectrumLength(layerSizes: network.layerSizes, layer: layer), count: 0, values: [])
            }
        }

        let threadCount = max(1, min(threads, count))
        BLASThreads.useOne()

        let results = ResultSlots<Result<[[Double]], any Error>>(count: count)
        DispatchQueue.concurrentPerform(iterations: threadCount) { _ in
            var workspace = Workspace()
            // Inputs are handed out one at a time: their costs differ with their active units.
            while !shouldStop(), let index = results.nextIndex() {
                do {
                    let perLayer = try spectraOfInput(
                        index, network: network, reduced: reduced, transposedWeights: transposedWeights,
                        grams: grams, preActivations: preActivations, workspace: &workspace)
                    results.store(index, .success(perLayer))
                } catch {
                    results.store(index, .failure(error))
                }
            }
        }
        if shouldStop() { return [] }
        let perInput = try (0..<count).map { try results.take($0).get() }
        return [layerZero] + (1..<network.layerCount).map { layer in
            LayerSpectra(length: spectrumLength(layerSizes: network.layerSizes, layer: layer), spectra: perInput.map { $0[layer - 1] })
        }
    }

    /// Buffers reused across inputs by one thread.
    struct Workspace {
        var previous = [Double]()
        var selectedRows = [Double]()
        var selectedWeights = [Double]()
        var next = [Double]()
        var scratch = [Double]()
        var activeUnits = [Int]()
        var triangle = [Double]()
    }

    /// Spectra of layers 1 … L−1 at one input.
    ///
    /// The running matrix R (n_l × width) shrinks as it goes: when fewer units are active
    /// than R has columns, R's active rows are replaced by their LQ factor L (R_act = L·Q
    /// with orthonormal Q), which leaves every later product's singular values unchanged
    /// and makes the following GEMMs and SVDs smaller. A spectrum may be shorter than
    /// min(n_{l+1}, k_0): the missing singular values are exactly zero.
    static func spectraOfInput(
        _ index: Int, network: CheckpointNetwork, reduced: Matrix<Double>, transposedWeights: [Matrix<Double>],
        grams: [Matrix<Double>], preActivations: [Matrix<Double>], workspace w: inout Workspace
    ) throws -> [[Double]] {
        let k0 = reduced.columns
        var width = k0
        var result = [[Double]]()
        w.previous = reduced.elements  // R_0: n_1 × k_0
        for layer in 1..<network.layerCount {
            let inner = network.layerSizes[layer], outer = network.layerSizes[layer + 1]
            let activation = network.activations[layer - 1]
            let z = preActivations[layer - 1]
            // Keep the rows of R_{l−1} (and columns of W_l) with a nonzero derivative, scaled by it.
            var active = 0
            w.activeUnits.removeAll(keepingCapacity: true)
            if w.selectedRows.count < inner * width { w.selectedRows = [Double](repeating: 0, count: inner * width) }
            if w.selectedWeights.count < inner * outer { w.selectedWeights = [Double](repeating: 0, count: inner * outer) }
            let currentWidth = width
            transposedWeights[layer].elements.withUnsafeBufferPointer { wt in
                w.previous.withUnsafeBufferPointer { previous in
                    w.selectedRows.withUnsafeMutableBufferPointer { rows in
                        w.selectedWeights.withUnsafeMutableBufferPointer { weights in
                            for unit in 0..<inner {
                                let derivative = activation.derivative(at: z[index, unit])
                                if derivative == 0 { continue }
                                let rowTarget = rows.baseAddress! + active * currentWidth
                                let rowSource = previous.baseAddress! + unit * currentWidth
                                if derivative == 1 {
                                    rowTarget.update(from: rowSource, count: currentWidth)
                                } else {
                                    for j in 0..<currentWidth { rowTarget[j] = derivative * rowSource[j] }
                                }
                                (weights.baseAddress! + active * outer).update(from: wt.baseAddress! + unit * outer, count: outer)
                                w.activeUnits.append(unit)
                                active += 1
                            }
                        }
                    }
                }
            }
            if active < width {
                try Matrix<Double>.lowerTriangularFactor(rows: active, columns: width, destroying: &w.selectedRows)
                width = active
            }
            let spectrum: [Double]
            if active < outer, try factorActiveGram(grams[layer - 1], workspace: &w) {
                // The spectrum of R_l from the a × width matrix Lᵀ·(D·R_{l−1})[active, :].
                w.scratch.removeAll(keepingCapacity: true)
                w.scratch.append(contentsOf: w.selectedRows.prefix(active * width))
                w.triangle.withUnsafeBufferPointer { triangle in
                    w.scratch.withUnsafeMutableBufferPointer { b in
                        BLAS.multiplyByTransposedLowerTriangle(m: active, n: width, triangle: triangle.baseAddress!, b: b.baseAddress!)
                    }
                }
                spectrum = try Matrix<Double>.singularValues(rows: active, columns: width, destroying: &w.scratch)
                if layer + 1 < network.layerCount {
                    multiplyActiveColumns(outer: outer, active: active, width: width, workspace: &w)
                }
            } else {
                multiplyActiveColumns(outer: outer, active: active, width: width, workspace: &w)
                w.scratch.removeAll(keepingCapacity: true)
                w.scratch.append(contentsOf: w.next.prefix(outer * width))
                spectrum = try Matrix<Double>.singularValues(rows: outer, columns: width, destroying: &w.scratch)
            }
            result.append(spectrum)
            swap(&w.previous, &w.next)
        }
        return result
    }

    /// R_l = W_l[:, active]·(D·R_{l−1})[active, :] into `w.next`, `outer × width`.
    static func multiplyActiveColumns(outer: Int, active: Int, width: Int, workspace w: inout Workspace) {
        if w.next.count < outer * width { w.next = [Double](repeating: 0, count: outer * width) }
        guard active > 0 else { return }
        w.selectedWeights.withUnsafeBufferPointer { weights in
            w.selectedRows.withUnsafeBufferPointer { rows in
                w.next.withUnsafeMutableBufferPointer { next in
                    BLAS.gemm(.transposed, .none, m: outer, n: width, k: active,
                              a: weights.baseAddress!, b: rows.baseAddress!, c: next.baseAddress!)
                }
            }
        }
    }

    /// Puts in `w.triangle` the Cholesky factor L of G[active, active] = W[:, active]ᵀ·W[:, active]
    /// when it exists and κ₁(L) ≤ `largestTriangleCondition`; returns whether it did.
    static func factorActiveGram(_ gram: Matrix<Double>, workspace w: inout Workspace) throws -> Bool {
        let active = w.activeUnits.count
        guard active > 0 else { return false }
        if w.triangle.count < active * active { w.triangle = [Double](repeating: 0, count: active * active) }
        let n = gram.columns
        gram.elements.withUnsafeBufferPointer { g in
            w.triangle.withUnsafeMutableBufferPointer { triangle in
                for (row, unit) in w.activeUnits.enumerated() {
                    let source = g.baseAddress! + unit * n
                    let target = triangle.baseAddress! + row * active
                    for column in 0...row { target[column] = source[w.activeUnits[column]] }
                }
            }
        }
        guard try Matrix<Double>.choleskyFactor(order: active, destroying: &w.triangle) else { return false }
        let reciprocalCondition = try Matrix<Double>.reciprocalConditionOfLowerTriangle(order: active, elements: w.triangle)
        return reciprocalCondition * largestTriangleCondition >= 1
    }
}

/// One result slot per work item, each written by exactly one worker thread, and the
/// counter that hands the items out.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Locked<[Value?]>
    private let handedOut = Atomic<Int>(0)
    private let count: Int

    init(count: Int) {
        slots = Locked(Array(repeating: nil, count: count))
        self.count = count
    }

    func nextIndex() -> Int? {
        let index = handedOut.add(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    func store(_ index: Int, _ value: Value) {
        slots.withLock { $0[index] = value }
    }

    func take(_ index: Int) -> Value {
        slots.withLock { $0[index]! }
    }
}
