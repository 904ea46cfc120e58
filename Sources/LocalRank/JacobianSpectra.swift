import Dispatch
import LinearAlgebra
import Platform
import Synchronization

/// The singular values of every layer's input–output Jacobian at each probe input:
/// the one place where the Jacobian machinery lives.
///
/// For layer l, J_l(x) = ∂z_l/∂x = W_l·D_{l−1}(x)·W_{l−1}·…·D_0(x)·W_0, with D the diagonal
/// of activation derivatives. We never form J_l (n_{l+1} × n_0), and every step is an
/// orthogonal reduction or a product, never a Gram matrix, so no step squares a condition
/// number. Once per checkpoint (`JacobianFactors`): W_0 = L_0·Q_0 (LQ, L_0 lower trapezoidal
/// n_1 × k_0 with k_0 = min(n_0, n_1)) and W_l = Q_l·R_l (QR) for l ≥ 1. Since Q_0 has
/// orthonormal rows, J_l has the singular values of R_l(x) = W_l·D_{l−1}·…·D_0·L_0, which has
/// k_0 columns; layer 0's spectrum is σ(L_0) = σ(W_0) for every input.
///
/// Per input, a running matrix M (a × w) stands for D_{l−1}·R_{l−1} on its a active units
/// (nonzero derivative); the rest are zero rows. For layer l:
/// 1. When a < w, M is replaced by the L factor of its LQ decomposition (a × a): the same
///    singular values for every later product, and smaller matrices. At layer 1, M holds rows
///    of the triangular L_0, a staircase whose LQ costs a fraction of a dense one.
/// 2. Spectrum. When n_{l+1} > a, W_l[:, A]·M = Q_l·R_l[:, A]·M, and R_l[:, A] (rows of a
///    triangle: again a staircase) = Q'·T with T a × a upper triangular (`lowerTriangularFactor`
///    of its transpose), so σ(J_l) = σ(T·M), a × w instead of n_{l+1} × w. Otherwise
///    (narrow layers) σ(W_l[:, A]·M) directly. The SVD: LAPACK `gebrd` + `bdsqr` (dqds).
/// 3. The next M is D_l·W_l[A', A]·M for the next active set A': the inactive rows are
///    never computed, and a triangular M halves the product (`trmm`).
///
/// Error bound (absolute, the same kind as a float64 SVD of the explicitly formed J_l):
/// Householder reductions and the bidiagonal SVD are backward stable and each product
/// commits at most c·u·‖A‖·‖B‖ (u = 2⁻⁵³), so every stored σ̂_i of J_l satisfies
/// |σ̂_i − σ_i| ≤ c·u·‖W_l‖·…·‖W_0‖ with c a modest multiple of the layer widths; stored
/// values keep `Double`'s 53 bits, and a count at ε differs from a float64 SVD's only where
/// a singular value lies within that distance of ε (README, "How it computes the local rank").
public enum JacobianSpectra {
    /// How many singular values layer l's spectra keep: min(n_{l+1}, n_0, n_1). J_l has rank
    /// at most min(n_0, n_1) through W_0, so the rest are exactly zero.
    public static func spectrumLength(layerSizes: [Int], layer: Int) -> Int {
        min(layerSizes[layer + 1], layerSizes[0], layerSizes[1])
    }

    /// `result[l][i]` holds the singular values (descending) of J_l at input i, for the
    /// `count` inputs (`count × n_0`, row-major). The checkpoint's factorizations and the
    /// inputs are split across `threads` threads; OpenBLAS runs single-threaded meanwhile so
    /// that the two do not oversubscribe. The result does not depend on `threads`. Once
    /// `shouldStop` returns true, no further input is started and the result is empty.
    public static func compute(network: CheckpointNetwork, inputs: [Double], count: Int, threads: Int,
                               shouldStop: @Sendable () -> Bool = { false }) throws -> [LayerSpectra] {
        BLASThreads.useOne()
        let factors = try JacobianFactors(network: network, inputs: inputs, count: count, threads: threads)
        // Task 0 is layer 0's spectrum (the SVD of L_0); task i + 1 is input i.
        let perTask = try ParallelTasks.perform(count + 1, threads: threads, shouldStop: shouldStop,
                                                worker: { InputRecursion(factors: factors, activations: network.activations) }) {
            recursion, task in
            task == 0 ? [try factors.firstSpectrum()] : try recursion.spectra(factors.preActivations(ofInput: task - 1))
        }
        guard let perTask else { return [] }
        let lengths = (0..<network.layerCount).map { spectrumLength(layerSizes: network.layerSizes, layer: $0) }
        return [LayerSpectra(repeating: perTask[0][0], count: count)] + (1..<network.layerCount).map { layer in
            LayerSpectra(length: lengths[layer], spectra: perTask.dropFirst().map { $0[layer - 1] })
        }
    }
}
