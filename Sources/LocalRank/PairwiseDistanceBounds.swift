import Dispatch
import LinearAlgebra
import Platform
import RealModule

/// The pairwise-distance bounds on I(X;T) of Kolchinsky and Tracey (2017), for T = t(X) + ε
/// with ε ~ N(0, s²·I), as Saxe et al. (2018) estimate the information plane.
///
/// With D_ij = ‖t_i − t_j‖² over the N inputs, each equally likely,
///
///   I(X;T)_upper = −(1/N) Σ_i log₂[(1/N) Σ_j exp(−D_ij / (2s²))]   (the KL divergence bound),
///   I(X;T)_lower = the same with 8s² in place of 2s²            (the Bhattacharyya bound),
///
/// and I(T;Y) = I(X;T) − Σ_y p(y)·I(X;T | Y = y), the last term the same formula over the
/// N_y inputs of class y, p(y) = N_y/N; from the upper bounds of both terms, and from the
/// lower ones. (A difference of two bounds is not itself a bound: Saxe et al. report it.)
///
/// The computation: t is centred (D does not change, and the norms that enter
/// D_ij = ‖t_i‖² + ‖t_j‖² − 2·t_i·t_j get small, so that the rounding in D is a few units
/// of 2⁻⁵² of the spread of t rather than of its offset); D is taken from Gram blocks
/// computed by BLAS, clamped at 0, with D_ii = 0. One exponential per pair serves both
/// bounds: exp(−D/(2s²)) = exp(−D/(8s²))⁴. The pairs i < j are visited once, in square
/// tiles, each tile adding its kernel values to its rows' sums and its columns'; the
/// same-class sums come from the same kernel values. Every tile's sums are kept apart and
/// added in a fixed order, so the result does not depend on the number of threads.
enum PairwiseDistanceBounds {
    static func estimate(_ t: Matrix<Double>, labels: ClassLabels?, noiseVariance: Double, threads: Int) -> InformationEstimate {
        let n = t.rows
        let sums = KernelSums.compute(t.columnsCentred, classes: labels?.classes, scale: 1 / (8 * noiseVariance), threads: threads)
        let upper = information(sums.upper, inputs: Array(0..<n))
        let lower = information(sums.lower, inputs: Array(0..<n))
        func labelInformation(_ all: Double, _ withinClass: [Double]) -> Double? {
            labels.map { labels in
                all - labels.members.reduce(0.0) { sum, inputs in
                    sum + Double(inputs.count) / Double(n) * information(withinClass, inputs: inputs)
                }
            }
        }
        return InformationEstimate(inputInformation: upper, labelInformation: labelInformation(upper, sums.upperWithinClass),
                                   inputInformationLower: lower, labelInformationLower: labelInformation(lower, sums.lowerWithinClass),
                                   inputs: n)
    }

    /// −(1/M) Σ_{i ∈ inputs} log₂[(1/M)·rowSums[i]] = log₂ M − (1/M) Σ log₂ rowSums[i], M = |inputs|.
    static func information(_ rowSums: [Double], inputs: [Int]) -> Double {
        guard !inputs.isEmpty else { return 0 }
        let m = Double(inputs.count)
        return Double.log2(m) - inputs.reduce(0.0) { $0 + Double.log2(rowSums[$1]) } / m
    }
}

/// Σ_j exp(−D_ij/(8s²)) and Σ_j exp(−D_ij/(2s²)) for every row i, over all j and over the j
/// of i's class.
struct KernelSums {
    var upper: [Double]
    var lower: [Double]
    var upperWithinClass: [Double]
    var lowerWithinClass: [Double]

    /// Rows per tile: at most 32 tiles along each side, so that the kept tile sums stay
    /// small (528 tiles of 4 × 2 sums) whatever N.
    static func tileSize(inputs: Int) -> Int { max(256, (inputs + 31) / 32) }

    /// `scale` is 1/(8s²); `classes` the class of each row, or nil.
    static func compute(_ t: Matrix<Double>, classes: [Int]?, scale: Double, threads: Int) -> KernelSums {
        let n = t.rows
        let size = tileSize(inputs: n)
        let tiles = (n + size - 1) / size
        let pairs = (0..<tiles).flatMap { i in (i..<tiles).map { (i, $0) } }
        var pairIndex = [Int](repeating: 0, count: tiles * tiles)
        for (index, pair) in pairs.enumerated() { pairIndex[pair.0 * tiles + pair.1] = index }
        let norms = (0..<n).map { i in (0..<t.columns).reduce(0.0) { $0 + t[i, $1] * t[i, $1] } }
        let classes = classes.map { $0.map(Int32.init) } ?? [Int32](repeating: 0, count: n)
        BLASThreads.useOne()
        let tileSums = ParallelTasks.performAll(pairs.count, threads: threads, worker: { [Double]() }) { gram, index in
            let (row, column) = pairs[index]
            let rows = (row * size)..<min(n, (row + 1) * size), columns = (column * size)..<min(n, (column + 1) * size)
            return TileSums(t, rows: rows, columns: columns, norms: norms, classes: classes, scale: scale, gram: &gram)
        }
        var sums = KernelSums(upper: [], lower: [], upperWithinClass: [], lowerWithinClass: [])
        for tile in 0..<tiles {
            // Row tile `tile`'s sums: from the tiles right of the diagonal as rows, left of it as
            // columns, and from the diagonal tile as both (its pairs j > i, then j < i).
            var part = TileSums.Sums(count: min(n, (tile + 1) * size) - tile * size)
            for other in 0..<tiles {
                let sums = tileSums[pairIndex[min(tile, other) * tiles + max(tile, other)]]
                if tile <= other { part.add(sums.rows) }
                if tile >= other { part.add(sums.columns) }
            }
            sums.upper += part.upper
            sums.lower += part.lower
            sums.upperWithinClass += part.upperWithinClass
            sums.lowerWithinClass += part.lowerWithinClass
        }
        return sums
    }
}

/// One tile's kernel sums, for its rows and for its columns.
struct TileSums: Sendable {
    struct Sums: Sendable {
        var upper: [Double]
        var lower: [Double]
        var upperWithinClass: [Double]
        var lowerWithinClass: [Double]

        init(count: Int) {
            upper = [Double](repeating: 0, count: count)
            lower = upper
            upperWithinClass = upper
            lowerWithinClass = upper
        }

        /// From four interleaved lanes: upper, lower, upper within class, lower within class.
        init(lanes: [Double]) {
            let count = lanes.count / 4
            upper = (0..<count).map { lanes[4 * $0] }
            lower = (0..<count).map { lanes[4 * $0 + 1] }
            upperWithinClass = (0..<count).map { lanes[4 * $0 + 2] }
            lowerWithinClass = (0..<count).map { lanes[4 * $0 + 3] }
        }

        mutating func add(_ other: Sums) {
            for i in upper.indices {
                upper[i] += other.upper[i]
                lower[i] += other.lower[i]
                upperWithinClass[i] += other.upperWithinClass[i]
                lowerWithinClass[i] += other.lowerWithinClass[i]
            }
        }
    }

    var rows: Sums
    var columns: Sums

    /// The kernel values of pairs (i, j), i in `rows`, j in `columns`, j > i on a diagonal
    /// tile (whose pairs i = j add 1, exp(0), to their row once).
    /// `classes`: each row's class (all 0 without labels, when the within-class sums are not used).
    init(_ t: Matrix<Double>, rows: Range<Int>, columns: Range<Int>, norms: [Double], classes: [Int32], scale: Double,
         gram: inout [Double]) {
        let width = columns.count
        Self.products(t, rows: rows, columns: columns, into: &gram)
        // Sums in four lanes per row and column (upper, lower, and the same within the class),
        // accumulated through raw pointers: the inner loop is the estimator's whole cost.
        var rowLanes = [Double](repeating: 0, count: 4 * rows.count), columnLanes = [Double](repeating: 0, count: 4 * width)
        let diagonal = rows == columns
        gram.withUnsafeBufferPointer { g in
            norms.withUnsafeBufferPointer { norms in
                classes.withUnsafeBufferPointer { classes in
                    columnLanes.withUnsafeMutableBufferPointer { columnSums in
                        for (r, i) in rows.enumerated() {
                            let row = RowPairs(products: g.baseAddress! + r * width, index: i, firstColumn: diagonal ? r + 1 : 0,
                                               columns: columns, norms: norms, classes: classes, scale: scale)
                            let sums = row.sums(startingAt: diagonal ? 1 : 0, addingColumnsTo: columnSums)
                            for lane in 0..<4 { rowLanes[4 * r + lane] = sums[lane] }
                        }
                    }
                }
            }
        }
        self.rows = Sums(lanes: rowLanes)
        self.columns = Sums(lanes: columnLanes)
    }

    /// `gram[r · width + c]` = ⟨t_{rows[r]}, t_{columns[c]}⟩, through one GEMM.
    static func products(_ t: Matrix<Double>, rows: Range<Int>, columns: Range<Int>, into gram: inout [Double]) {
        let d = t.columns, width = columns.count
        if gram.count < rows.count * width { gram = [Double](repeating: 0, count: rows.count * width) }
        guard d > 0 else {
            for k in 0..<(rows.count * width) { gram[k] = 0 }
            return
        }
        t.elements.withUnsafeBufferPointer { elements in
            gram.withUnsafeMutableBufferPointer { g in
                BLAS.gemm(.none, .transposed, m: rows.count, n: width, k: d, a: elements.baseAddress! + rows.lowerBound * d, lda: d,
                          b: elements.baseAddress! + columns.lowerBound * d, ldb: d, c: g.baseAddress!, ldc: width)
            }
        }
    }
}

/// The pairs (i, j) of one row i of a tile, j from `firstColumn` on: the kernel values
/// exp(−D_ij/(2s²)) (upper bound) and exp(−D_ij/(8s²)) (lower), D_ij = ‖t_i‖² + ‖t_j‖² − 2⟨t_i, t_j⟩.
struct RowPairs {
    var products: UnsafePointer<Double>
    var index: Int
    var firstColumn: Int
    var columns: Range<Int>
    var norms: UnsafeBufferPointer<Double>
    var classes: UnsafeBufferPointer<Int32>
    var scale: Double

    /// The row's four sums (upper, lower, upper within i's class, lower within it), each
    /// from `initial`; every pair's values are also added to its column's four lanes.
    @inline(__always)
    func sums(startingAt initial: Double, addingColumnsTo columnSums: UnsafeMutableBufferPointer<Double>) -> SIMD4<Double> {
        var upper = initial, lower = initial, upperSame = initial, lowerSame = initial
        let normI = norms[index], classI = classes[index], width = columns.count
        var c = firstColumn
        // Four columns at a time: the exponential's polynomial in vector registers.
        var upper4 = SIMD4<Double>(), lower4 = upper4, upperSame4 = upper4, lowerSame4 = upper4
        while c + 4 <= width {
            let j = columns.lowerBound + c
            let normsJ = SIMD4(norms[j], norms[j + 1], norms[j + 2], norms[j + 3])
            let dots = SIMD4(products[c], products[c + 1], products[c + 2], products[c + 3])
            let distance = pointwiseMax(SIMD4(repeating: 0), normI + normsJ - 2 * dots)
            let wide = boundedExponential(-distance * scale)  // exp(−D/(8s²))
            let squared = wide * wide
            let narrow = squared * squared  // exp(−D/(2s²))
            let same = SIMD4<Double>(classes[j] == classI ? 1 : 0, classes[j + 1] == classI ? 1 : 0,
                                     classes[j + 2] == classI ? 1 : 0, classes[j + 3] == classI ? 1 : 0)
            upper4 += narrow
            lower4 += wide
            upperSame4 += same * narrow
            lowerSame4 += same * wide
            for k in 0..<4 { addToColumn(c + k, narrow: narrow[k], wide: wide[k], same: same[k], columnSums) }
            c += 4
        }
        upper += upper4.sum()
        lower += lower4.sum()
        upperSame += upperSame4.sum()
        lowerSame += lowerSame4.sum()
        while c < width {
            let j = columns.lowerBound + c
            let distance = max(0, normI + norms[j] - 2 * products[c])
            let wide = boundedExponential(-distance * scale)
            let squared = wide * wide
            let narrow = squared * squared
            let same: Double = classes[j] == classI ? 1 : 0
            upper += narrow
            lower += wide
            upperSame += same * narrow
            lowerSame += same * wide
            addToColumn(c, narrow: narrow, wide: wide, same: same, columnSums)
            c += 1
        }
        return SIMD4(upper, lower, upperSame, lowerSame)
    }

    @inline(__always)
    func addToColumn(_ c: Int, narrow: Double, wide: Double, same: Double, _ columnSums: UnsafeMutableBufferPointer<Double>) {
        columnSums[4 * c] += narrow
        columnSums[4 * c + 1] += wide
        columnSums[4 * c + 2] += same * narrow
        columnSums[4 * c + 3] += same * wide
    }
}

/// e^x for x ≤ 0, to within 3·10⁻¹⁶ relative (tested against the C library's exp), twice as
/// fast as the C library's call, which the compiler cannot inline. x = k·ln 2 + r with
/// |r| ≤ ln 2 / 2 (k rounded by adding 1.5·2⁵², ln 2 split in two parts so that k·ln 2 is
/// exact), e^r from its Taylor polynomial of degree 13 (truncation below 10⁻¹⁷), and 2^k
/// put in the exponent bits. Below −708 it returns e^−708 ≈ 3·10⁻³⁰⁸: every kernel sum here
/// includes the term e⁰ = 1, against which such terms vanish.
@inline(__always)
func boundedExponential(_ x: Double) -> Double {
    boundedExponential(SIMD4(repeating: x))[0]
}

/// `boundedExponential` of four values at once; the one-value version is its first lane.
@inline(__always)
func boundedExponential(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let clamped = pointwiseMax(x, SIMD4(repeating: -708.0))
    let shifter = SIMD4<Double>(repeating: 6_755_399_441_055_744.0)
    let shifted = clamped * 1.442_695_040_888_963_4 + shifter
    let k = shifted - shifter
    let r = (clamped - k * 6.931_471_803_691_238_164_90e-01) - k * 1.908_214_929_270_587_700_02e-10
    var p = SIMD4<Double>(repeating: 1.0 / 6_227_020_800.0)
    p = p * r + 1.0 / 479_001_600.0
    p = p * r + 1.0 / 39_916_800.0
    p = p * r + 1.0 / 3_628_800.0
    p = p * r + 1.0 / 362_880.0
    p = p * r + 1.0 / 40_320.0
    p = p * r + 1.0 / 5_040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &<< 52 &+ SIMD4(repeating: 1023 << 52)
    return p * unsafeBitCast(bits, to: SIMD4<Double>.self)
}
