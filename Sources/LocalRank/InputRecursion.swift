import LinearAlgebra
import Vocabulary

/// The per-input recursion of `JacobianSpectra` (steps 1–3 of its doc comment), with the
/// buffers one thread reuses from input to input.
struct InputRecursion {
    let factors: JacobianFactors
    let activations: [Activation]
    /// M, the running matrix: `active.count × width`, row-major.
    private var running = [Double]()
    /// The matrix whose singular values are layer l's spectrum; then the next M.
    private var product = [Double]()
    /// Rows or columns of a factor picked at the active units.
    private var gathered = [Double]()
    /// The last layer's weights times the block that would give the next M.
    private var outputRows = [Double]()
    /// The active units as columns of the next layer's weights (`active`) and as the rows of
    /// the product they come from (`activeRows`): the same units but after max pooling, where
    /// pooled unit p stands for the unit its window selects at this input.
    private var active = [Int](), activeRows = [Int](), derivatives = [Double]()
    private var nextActive = [Int](), nextActiveRows = [Int](), nextDerivatives = [Double]()
    private var decomposition = DecompositionWorkspace<Double>()

    init(factors: JacobianFactors, activations: [Activation]) {
        self.factors = factors
        self.activations = activations
    }

    /// Spectra of layers 1 … L−1 at the input whose pre-activations are `z` (z_l: n_{l+1}
    /// values). A spectrum may be shorter than its layer's length: the missing singular
    /// values are exactly zero.
    mutating func spectra(_ z: [ArraySlice<Double>]) throws -> [[Double]] {
        let sizes = factors.layerSizes, layerCount = sizes.count - 1
        Self.selectActive(z[0], activations[0], factors.maxPooling[1], into: &active, &activeRows, &derivatives)
        // M = D_0·L_0[A, :]: rows of a lower trapezoid, row k zero beyond column A_k (beyond the
        // largest A_j, j ≤ k, after max pooling, whose rows need not ascend).
        var width = factors.firstFactor.columns
        gatherFirstRows()
        var triangular = false
        var result = [[Double]]()
        for layer in 1..<layerCount {
            let units = active
            if units.isEmpty { return result + Array(repeating: [], count: layerCount - layer) }
            let isLast = layer + 1 == layerCount, throughTriangle = sizes[layer + 1] > units.count
            if !isLast {
                Self.selectActive(z[layer], activations[layer], factors.maxPooling[layer + 1],
                                  into: &nextActive, &nextActiveRows, &nextDerivatives)
            }
            // When the last layer is no wider than its active inputs, its spectrum comes from
            // this layer's M through a small product (`lastSpectrum`): no next M is formed.
            let lastFollows = layer + 2 == layerCount && sizes[layer + 2] <= nextActive.count
            if throughTriangle && Self.shrinkPays(active: units.count, width: width, formsNext: !isLast && !lastFollows) {
                let staircase = layer == 1 ? Self.staircase(activeRows, columns: width) : nil, columns = width
                try Matrix<Double>.lowerTriangularFactor(
                    rows: units.count, columns: width, rowLengths: { staircase?[$0] ?? columns },
                    destroying: &running, workspace: &decomposition)
                width = units.count
                triangular = true
            }
            if !throughTriangle {
                result.append(try spectrumOfProduct(layer: layer, width: width, triangular: triangular, next: !isLast))
            } else {
                result.append(try spectrumThroughTriangle(layer: layer, width: width))
                if lastFollows { return result + [try lastSpectrum(layer: layer + 1, width: width, triangular: triangular)] }
                if !isLast {
                    gatherActiveBlock(layer: layer)
                    multiply(rows: nextActive.count, width: width, triangular: triangular)
                }
            }
            swap(&running, &product)
            swap(&active, &nextActive)
            swap(&activeRows, &nextActiveRows)
            swap(&derivatives, &nextDerivatives)
            triangular = false
        }
        return result
    }

    /// Whether replacing the a × w running matrix by its a × a LQ factor costs less than it
    /// saves: the LQ (≈ 2a²(w − a/3) flops) against a smaller T·M product and SVD, and, when
    /// the next M is formed from it, a triangular product (half a GEMM's work). Counting
    /// flops, it pays from a ≈ 0.93·w down when the next M is formed, else from a ≈ 0.56·w.
    static func shrinkPays(active a: Int, width w: Int, formsNext: Bool) -> Bool {
        Double(a) <= (formsNext ? 0.9 : 0.6) * Double(w)
    }

    /// σ(T·M) with T the triangular factor of R_l[:, A] (step 2, n_{l+1} > a).
    private mutating func spectrumThroughTriangle(layer: Int, width: Int) throws -> [Double] {
        let a = active.count, units = active
        let factor = factors.transposedUpperFactors[layer - 1]  // rows of R_lᵀ = columns of R_l
        let r = factor.columns
        Self.reserve(&gathered, a * r)
        factor.elements.withUnsafeBufferPointer { source in
            gathered.withUnsafeMutableBufferPointer { target in
                for (k, unit) in units.enumerated() {
                    (target.baseAddress! + k * r).update(from: source.baseAddress! + unit * r, count: r)
                }
            }
        }
        // R_l[:, A]ᵀ = L·Q, so R_l[:, A] = Qᵀ·Lᵀ: T = Lᵀ.
        try Matrix<Double>.lowerTriangularFactor(rows: a, columns: r, rowLengths: { min(units[$0] + 1, r) },
                                                 destroying: &gathered, workspace: &decomposition)
        Self.reserve(&product, a * width)
        product.withUnsafeMutableBufferPointer { b in
            running.withUnsafeBufferPointer { m in b.baseAddress!.update(from: m.baseAddress!, count: a * width) }
            gathered.withUnsafeBufferPointer { l in
                BLAS.multiplyByTransposedLowerTriangle(m: a, n: width, triangle: l.baseAddress!, b: b.baseAddress!)
            }
        }
        return try Matrix<Double>.singularValues(rows: a, columns: width, destroying: &product, workspace: &decomposition)
    }

    /// `gathered` ← X = D_l·W_l[A', A] (a' × a): the next M is X·M (step 3).
    private mutating func gatherActiveBlock(layer: Int) {
        let weight = factors.weights[layer - 1]
        let a = active.count
        Self.reserve(&gathered, nextActive.count * a)
        weight.elements.withUnsafeBufferPointer { w in
            gathered.withUnsafeMutableBufferPointer { x in
                for (row, unit) in nextActiveRows.enumerated() {
                    let source = w.baseAddress! + unit * weight.columns, target = x.baseAddress! + row * a
                    let scale = nextDerivatives[row]
                    for (k, column) in active.enumerated() { target[k] = scale * source[column] }
                }
            }
        }
    }

    /// The spectrum of the last layer L−1 when it is no wider than its active inputs A':
    /// σ(W_{L−1}[:, A']·X·M) with X = D·W_{L−2}[A', A], associated as (W_{L−1}[:, A']·X)·M,
    /// n_L·a'·a + n_L·a·w flops instead of the a'·a·w of forming the next M.
    private mutating func lastSpectrum(layer: Int, width: Int, triangular: Bool) throws -> [Double] {
        guard !nextActive.isEmpty else { return [] }
        gatherActiveBlock(layer: layer - 1)
        let weight = factors.weights[layer - 1], outer = weight.rows
        let a = active.count, next = nextActive.count
        Self.reserve(&product, outer * next)
        Self.reserve(&outputRows, outer * a)
        weight.elements.withUnsafeBufferPointer { w in
            product.withUnsafeMutableBufferPointer { g in
                for row in 0..<outer {
                    let source = w.baseAddress! + row * weight.columns, target = g.baseAddress! + row * next
                    for (k, column) in nextActive.enumerated() { target[k] = source[column] }
                }
            }
        }
        product.withUnsafeBufferPointer { g in
            gathered.withUnsafeBufferPointer { x in
                outputRows.withUnsafeMutableBufferPointer { y in
                    BLAS.gemm(.none, .none, m: outer, n: a, k: next, a: g.baseAddress!, b: x.baseAddress!, c: y.baseAddress!)
                }
            }
        }
        swap(&gathered, &outputRows)
        multiply(rows: outer, width: width, triangular: triangular)
        return try Matrix<Double>.singularValues(rows: outer, columns: width, destroying: &product, workspace: &decomposition)
    }

    /// σ(W_l[:, A]·M) for a layer no wider than its active inputs; with `next`, the next M
    /// is left in `product` (the rows at A', scaled).
    private mutating func spectrumOfProduct(layer: Int, width: Int, triangular: Bool, next: Bool) throws -> [Double] {
        let weight = factors.weights[layer - 1]
        let a = active.count, outer = weight.rows
        Self.reserve(&gathered, outer * a)
        weight.elements.withUnsafeBufferPointer { w in
            gathered.withUnsafeMutableBufferPointer { x in
                for row in 0..<outer {
                    let source = w.baseAddress! + row * weight.columns, target = x.baseAddress! + row * a
                    for (k, column) in active.enumerated() { target[k] = source[column] }
                }
            }
        }
        multiply(rows: outer, width: width, triangular: triangular)
        if next {
            // The spectrum's SVD destroys `product`: keep the next M's rows in `gathered`.
            product.withUnsafeBufferPointer { source in
                Self.copyRows(nextActiveRows, scaledBy: nextDerivatives, of: source, width: width, into: &gathered)
            }
            let spectrum = try Matrix<Double>.singularValues(rows: outer, columns: width, destroying: &product,
                                                             workspace: &decomposition)
            swap(&product, &gathered)
            return spectrum
        }
        return try Matrix<Double>.singularValues(rows: outer, columns: width, destroying: &product, workspace: &decomposition)
    }

    /// `product` ← `gathered` (rows × a) · M (a × width): in place by the triangle when M is
    /// lower triangular (a = width), else a GEMM.
    private mutating func multiply(rows: Int, width: Int, triangular: Bool) {
        let a = active.count
        Self.reserve(&product, rows * width)
        if triangular {
            gathered.withUnsafeMutableBufferPointer { x in
                running.withUnsafeBufferPointer { m in
                    BLAS.multiplyByLowerTriangleOnTheRight(m: rows, n: width, b: x.baseAddress!, triangle: m.baseAddress!)
                }
            }
            swap(&product, &gathered)
            return
        }
        gathered.withUnsafeBufferPointer { x in
            running.withUnsafeBufferPointer { m in
                product.withUnsafeMutableBufferPointer { p in
                    BLAS.gemm(.none, .none, m: rows, n: width, k: a, a: x.baseAddress!, b: m.baseAddress!, c: p.baseAddress!)
                }
            }
        }
    }

    /// `running` ← D_0·L_0[A, :].
    private mutating func gatherFirstRows() {
        let factor = factors.firstFactor
        factor.elements.withUnsafeBufferPointer { source in
            Self.copyRows(activeRows, scaledBy: derivatives, of: source, width: factor.columns, into: &running)
        }
    }

    /// `target` ← the rows `rows` of the row-major matrix at `source` (`width` columns), each
    /// times its scale.
    private static func copyRows(_ rows: [Int], scaledBy scales: [Double], of source: UnsafeBufferPointer<Double>,
                                 width: Int, into target: inout [Double]) {
        reserve(&target, rows.count * width)
        target.withUnsafeMutableBufferPointer { target in
            for (k, row) in rows.enumerated() {
                let from = source.baseAddress! + row * width, to = target.baseAddress! + k * width
                let scale = scales[k]
                if scale == 1 { to.update(from: from, count: width) } else { for j in 0..<width { to[j] = scale * from[j] } }
            }
        }
    }

    /// The units whose derivative at `z` is nonzero, and those derivatives. After max pooling
    /// the units are the pooled ones whose window's largest z has a nonzero derivative, and
    /// `rows` the units selected: σ is monotone, so max-pooling σ(z) takes σ at the window's
    /// largest z (the first of equal ones), and its derivative there times that unit's row.
    private static func selectActive(_ z: ArraySlice<Double>, _ activation: Activation, _ pooling: PoolingMap?,
                                     into units: inout [Int], _ rows: inout [Int], _ derivatives: inout [Double]) {
        units.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        derivatives.removeAll(keepingCapacity: true)
        for unit in 0..<(pooling?.outputCount ?? z.count) {
            let row = pooling?.largest(unit, in: z) ?? unit
            let derivative = activation.derivative(at: z[z.startIndex + row])
            if derivative != 0 {
                units.append(unit)
                rows.append(row)
                derivatives.append(derivative)
            }
        }
    }

    /// Row lengths of D·L_0[rows, :] that never decrease: row k is zero beyond column rows[k]
    /// (L_0 is lower trapezoidal), so beyond the largest rows[j], j ≤ k, too.
    private static func staircase(_ rows: [Int], columns: Int) -> [Int] {
        var longest = 0
        return rows.map { row in
            longest = max(longest, min(row + 1, columns))
            return longest
        }
    }

    private static func reserve(_ buffer: inout [Double], _ count: Int) {
        if buffer.count < count { buffer = [Double](repeating: 0, count: count) }
    }
}
