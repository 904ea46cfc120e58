import LinearAlgebra

/// The singular values of every layer's input–output Jacobian at each probe input:
/// the one place where the Jacobian machinery lives.
///
/// For layer l, J_l(x) = ∂z_l/∂x = W_l·D_{l−1}(x)·W_{l−1}·…·D_0(x)·W_0, with D the diagonal
/// of activation derivatives. We never form J_l (n_{l+1} × n_0), and every step is a product
/// or an orthogonal (Householder) reduction: no Gram matrix, so no step squares a condition
/// number, and none drops part of a spectrum. Once per checkpoint (`JacobianFactors`):
/// W_0 = L_0·Q_0 (LQ; L_0 is n_1 × k_0 lower trapezoidal, k_0 = min(n_0, n_1)) and
/// W_l = Q_l·R_l (QR) for l ≥ 1. Q_0 has orthonormal rows, so J_l has the singular values of
/// W_l·D_{l−1}·…·D_0·L_0, k_0 columns wide; layer 0's spectrum is σ(L_0) = σ(W_0).
///
/// Per input (`InputRecursion`), a running matrix M (a × w) holds that product up to
/// D_{l−1} on the a units with a nonzero derivative (the others' rows are zero). For layer l:
/// 1. Shrink: M becomes the L factor of its LQ decomposition (a × a), which leaves every later
///    product's singular values unchanged, when the smaller matrices save more than the LQ
///    costs (a ≤ 0.9·w; 0.6·w when no next M is formed from it). At layer 1, M's rows come
///    from the triangle L_0: a staircase, whose LQ costs a fraction of a dense one.
/// 2. Spectrum: when n_{l+1} > a, W_l[:, A]·M = Q_l·R_l[:, A]·M, and R_l[:, A] (columns of a
///    triangle: again a staircase) = Q'·T with T a × a upper triangular, so σ(J_l) = σ(T·M),
///    a × w instead of n_{l+1} × w. Otherwise σ(W_l[:, A]·M) itself. Singular values: LAPACK
///    `gebrd` + `bdsqr` (dqds) for nearly square matrices, `gesdd` for elongated ones (it
///    triangularizes first) and extreme scales (it rescales).
/// 3. Next: M ← D_l·W_l[A', A]·M on the next active units A' only, a triangular product when
///    M is triangular. A last layer no wider than its active inputs (n_L ≤ a') takes its
///    spectrum from (W_{L−1}[:, A']·D_{L−2}·W_{L−2}[A', A])·M instead, without forming M.
/// Step 2's direct branch needs nothing but products with W_l, so it serves any linear layer,
/// including wide ones (n_{l+1} in the thousands): its tall n_{l+1} × w product goes through
/// `gesdd`'s QR, 2·n_{l+1}·w² flops with w ≤ k_0, before an SVD of w × w.
///
/// A `cnn` enters as the same product: a conv2d layer's W_l is its operator on the flattened
/// input (`LayerOperators`), average pooling P joins the next layer (W_{l+1}·P), and max
/// pooling S(x) picks one unit per window at each input, J_{l+1} = W_{l+1}·S(x)·D_l·J_l: the
/// active units become the pooled ones and M's rows those of the units picked
/// (`InputRecursion.selectActive`). Every step below is unchanged.
///
/// Accuracy: Householder reductions and the bidiagonal SVD are backward stable, and a product
/// A·B is computed within c·u·‖A‖·‖B‖ (u = 2⁻⁵³), so every stored σ̂_i of J_l is within
/// c·u·‖W_l‖·…·‖W_0‖ of the exact singular value of the stored network's Jacobian: an
/// absolute bound, c a modest multiple of the widths, the same kind as a float64 SVD of the
/// explicitly formed J_l has (forming it rounds as much). A count at ε therefore equals a
/// float64 SVD's except where a singular value lies within that distance of ε. Measured
/// against numpy in the README ("How it computes the local rank", `bench/check_spectra.py`).
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
