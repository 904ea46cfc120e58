import Dispatch
import LinearAlgebra
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
public enum JacobianSpectra {
    /// `result[l][i]` holds the singular values (descending) of J_l at input i, for the
    /// `count` inputs (`count × n_0`, row-major). Inputs are split across `threads` threads;
    /// OpenBLAS runs single-threaded meanwhile so that the two do not oversubscribe.
    public static func compute(network: CheckpointNetwork, inputs: [Double], count: Int, threads: Int) throws -> [[[Double]]] {
        let (u, s, _) = try network.weights[0].singularValueDecomposition()
        let k0 = s.count
        var scaled = u
        for i in 0..<scaled.rows { for j in 0..<k0 { scaled[i, j] *= s[j] } }
        let reduced = scaled  // R_0 = U_0·S_0, n_1 × k_0
        let preActivations = network.preActivations(inputs: inputs, count: count)
        // Wᵀ rows are W's columns: selecting active units becomes contiguous copies.
        let transposedWeights = network.weights.map(\.transposed)

        var spectra = [[[Double]]](repeating: [[Double]](repeating: [], count: count), count: network.layerCount)
        spectra[0] = [[Double]](repeating: s, count: count)
        guard network.layerCount > 1, count > 0 else { return spectra }

        let threadCount = max(1, min(threads, count))
        let savedBLASThreads = BLASThreads.count
        BLASThreads.count = 1
        defer { BLASThreads.count = savedBLASThreads }

        let results = ResultSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: threadCount) { worker in
            var workspace = Workspace()
            var index = worker
            while index < count {
                do {
                    let perLayer = try spectraOfInput(
                        index, network: network, reduced: reduced, transposedWeights: transposedWeights,
                        preActivations: preActivations, workspace: &workspace)
                    results.store(index, .success(perLayer))
                } catch {
                    results.store(index, .failure(error))
                }
                index += threadCount
            }
        }
        for index in 0..<count {
            let perLayer = try results.take(index).get()
            for layer in 1..<network.layerCount { spectra[layer][index] = perLayer[layer - 1] }
        }
        return spectra
    }

    /// Buffers reused across inputs by one thread.
    struct Workspace {
        var previous = [Double]()
        var selectedRows = [Double]()
        var selectedWeights = [Double]()
        var next = [Double]()
        var scratch = [Double]()
    }

    /// Spectra of layers 1 … L−1 at one input.
    ///
    /// The running matrix R (n_l × width) shrinks as it goes: when fewer units are active
    /// than R has columns, R's active rows are replaced by their LQ factor L (R_act = L·Q
    /// with orthonormal Q), which leaves every later product's singular values unchanged
    /// and makes the following GEMMs and SVDs smaller. Spectra are padded with exact zeros
    /// to min(n_{l+1}, k_0) values.
    static func spectraOfInput(
        _ index: Int, network: CheckpointNetwork, reduced: Matrix<Double>, transposedWeights: [Matrix<Double>],
        preActivations: [Matrix<Double>], workspace w: inout Workspace
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
            // R_l = W_l[:, active] · (D·R_{l−1})[active, :], n_{l+1} × width.
            if w.next.count < outer * width { w.next = [Double](repeating: 0, count: outer * width) }
            if active > 0 {
                w.selectedWeights.withUnsafeBufferPointer { weights in
                    w.selectedRows.withUnsafeBufferPointer { rows in
                        w.next.withUnsafeMutableBufferPointer { next in
                            BLAS.gemm(.transposed, .none, m: outer, n: width, k: active,
                                      a: weights.baseAddress!, b: rows.baseAddress!, c: next.baseAddress!)
                        }
                    }
                }
            }
            w.scratch = Array(w.next.prefix(outer * width))
            var spectrum = try Matrix<Double>.singularValues(rows: outer, columns: width, destroying: &w.scratch)
            let length = min(outer, k0)
            if spectrum.count < length { spectrum += [Double](repeating: 0, count: length - spectrum.count) }
            result.append(spectrum)
            swap(&w.previous, &w.next)
        }
        return result
    }
}

/// One result slot per input, written by exactly one worker thread each.
final class ResultSlots: Sendable {
    private let slots: Mutex<[Result<[[Double]], any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ index: Int, _ value: Result<[[Double]], any Error>) {
        slots.withLock { $0[index] = value }
    }

    func take(_ index: Int) -> Result<[[Double]], any Error> {
        slots.withLock { $0[index]! }
    }
}
