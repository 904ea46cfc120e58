import LinearAlgebra

/// What `JacobianSpectra` computes once per checkpoint and every probe input shares: the
/// weights' orthogonal factorizations, which keep singular values, and the pre-activations.
struct JacobianFactors: Sendable {
    let layerSizes: [Int]
    /// L_0 of W_0 = L_0·Q_0 (LQ): n_1 × k_0, k_0 = min(n_0, n_1), lower trapezoidal (row i is
    /// zero beyond column i), so that J_l = (⋯D_0·L_0)·Q_0 with orthonormal rows Q_0.
    let firstFactor: Matrix<Double>
    /// W_l (n_{l+1} × n_l; W_l·P after average pooling P, `CheckpointNetwork.jacobianWeight`)
    /// for l ≥ 1, index l − 1: its rows and columns at active units give the next running matrix.
    let weights: [Matrix<Double>]
    /// The max pooling before layer l, index l (nil for none): the units it selects at an
    /// input stand for the pooled ones (`InputRecursion.selectActive`).
    let maxPooling: [PoolingMap?]
    /// For l ≥ 1, index l − 1: R_lᵀ for W_l = Q_l·R_l (QR), n_l × min(n_{l+1}, n_l); row j,
    /// column j of R_l, is zero beyond entry j. W_l[:, A] = Q_l·R_l[:, A] for any set A of
    /// units, so R_l[:, A] has W_l[:, A]'s singular values.
    let transposedUpperFactors: [Matrix<Double>]
    /// Pre-activations in blocks of `blockSize` inputs, one GEMM per layer and block: element
    /// [b][l] holds z_l of inputs b·blockSize ..< (b+1)·blockSize (fewer in the last block).
    private let preActivationBlocks: [[Matrix<Double>]]
    /// Fixed, so that the pre-activations do not depend on the thread count.
    static let blockSize = 32

    /// Factors the weights and computes the pre-activations of the `count` inputs
    /// (`count × n_0`, row-major), one layer or block of inputs per task over `threads` threads.
    init(network: CheckpointNetwork, inputs: [Double], count: Int, threads: Int) throws {
        let layerCount = network.layerCount, n0 = network.layerSizes[0]
        let blockCount = (count + Self.blockSize - 1) / Self.blockSize
        let weights = (0..<layerCount).map { network.jacobianWeight(layer: $0) }
        let perTask = try ParallelTasks.perform(layerCount + blockCount, threads: threads, worker: {}) { _, task in
            if task < layerCount { return [try Self.factor(weights[task], layer: task)] }
            let first = (task - layerCount) * Self.blockSize, last = min(count, first + Self.blockSize)
            return network.preActivations(inputs: Array(inputs[(first * n0)..<(last * n0)]), count: last - first)
        }!
        layerSizes = network.layerSizes
        firstFactor = perTask[0][0]
        self.weights = Array(weights.dropFirst())
        maxPooling = (0...layerCount).map { network.maxPooling(layer: $0) }
        transposedUpperFactors = perTask[1..<layerCount].map { $0[0] }
        preActivationBlocks = Array(perTask[layerCount...])
    }

    /// Layer 0: L_0, the LQ factor of W_0; layer l ≥ 1: R_lᵀ, the LQ factor of W_lᵀ.
    private static func factor(_ weight: Matrix<Double>, layer: Int) throws -> Matrix<Double> {
        let source = layer == 0 ? weight : weight.transposed
        var elements = source.elements
        try Matrix<Double>.lowerTriangularFactor(rows: source.rows, columns: source.columns, destroying: &elements)
        let rank = min(source.rows, source.columns)
        return Matrix(rows: source.rows, columns: rank, elements: Array(elements.prefix(source.rows * rank)))
    }

    /// σ(L_0) = σ(W_0): layer 0's spectrum, the same at every input.
    func firstSpectrum() throws -> [Double] {
        var elements = firstFactor.elements
        return try Matrix<Double>.singularValues(rows: firstFactor.rows, columns: firstFactor.columns, destroying: &elements)
    }

    /// Input `index`'s pre-activations: element l is z_l, n_{l+1} values.
    func preActivations(ofInput index: Int) -> [ArraySlice<Double>] {
        let row = index % Self.blockSize
        return preActivationBlocks[index / Self.blockSize].map { z in z.elements[(row * z.columns)..<((row + 1) * z.columns)] }
    }
}
