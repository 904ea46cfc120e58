import RealModule
import Vocabulary

/// Element-wise sweeps over blocks of row-major batch matrices: the work between the
/// GEMMs of a training step, each a single pass over its block, eight lanes at a time.
///
/// A block is `rows × columns` at `base`, rows `stride` elements apart (a block of
/// columns of a wider matrix has the matrix's width as its stride). Every lane does the
/// scalar operations of the old per-element loops in the same order, so results do not
/// depend on how a matrix is cut into blocks.
enum BatchKernels {
    typealias Lanes = SIMD8<Float>

    /// Z[r, :] ← b for every row: the bias that a GEMM with β = 1 then adds W·a to.
    static func broadcastRows(_ bias: UnsafePointer<Float>, rows: Int, columns: Int,
                              into z: UnsafeMutablePointer<Float>, stride: Int) {
        for row in 0..<rows { copy(columns, from: bias, to: z + row * stride) }
    }

    /// Z ← 0.
    static func zero(rows: Int, columns: Int, _ z: UnsafeMutablePointer<Float>, stride: Int) {
        for row in 0..<rows { (z + row * stride).update(repeating: 0, count: columns) }
    }

    /// `count` floats from `source` to `target` (not overlapping): a loop rather than a
    /// `memmove` call, which costs more than the copy for the short rows of a batch.
    @inline(__always)
    static func copy(_ count: Int, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>) {
        var j = 0
        while j + Lanes.scalarCount <= count {
            store(load(source + j), target + j)
            j += Lanes.scalarCount
        }
        while j < count {
            target[j] = source[j]
            j += 1
        }
    }

    /// A ← σ(A) in place.
    static func activate(_ activation: Activation, rows: Int, columns: Int,
                         _ a: UnsafeMutablePointer<Float>, stride: Int) {
        apply(activation, rows: rows, columns: columns, from: UnsafePointer(a), stride: stride, to: a, stride: stride)
    }

    /// A ← σ(Z), element by element (A may be Z).
    static func apply(_ activation: Activation, rows: Int, columns: Int,
                      from z: UnsafePointer<Float>, stride zStride: Int,
                      to a: UnsafeMutablePointer<Float>, stride aStride: Int) {
        switch activation {
        case .identity:
            if UnsafePointer(a) == z && aStride == zStride { return }
            for row in 0..<rows { (a + row * aStride).update(from: z + row * zStride, count: columns) }
        case .relu:
            let zero = Lanes()
            forEachRow(rows, columns) { row, j in
                let value = load(z + row * zStride + j)
                store(value.replacing(with: zero, where: .!(value .> zero)), a + row * aStride + j)
            } scalar: { row, j in
                a[row * aStride + j] = activation(z[row * zStride + j])
            }
        case .tanh:
            for row in 0..<rows {
                for j in 0..<columns { a[row * aStride + j] = Float.tanh(z[row * zStride + j]) }
            }
        }
    }

    /// Δ ← Δ ⊙ σ'(Z) for the pre-activations Z.
    static func scaleByDerivative(_ activation: Activation, rows: Int, columns: Int,
                                  at z: UnsafePointer<Float>, stride zStride: Int,
                                  _ delta: UnsafeMutablePointer<Float>, stride deltaStride: Int) {
        switch activation {
        case .identity:
            return
        case .relu:
            let zero = Lanes(), one = Lanes(repeating: 1)
            forEachRow(rows, columns) { row, j in
                let slope = zero.replacing(with: one, where: load(z + row * zStride + j) .> zero)
                store(load(delta + row * deltaStride + j) * slope, delta + row * deltaStride + j)
            } scalar: { row, j in
                delta[row * deltaStride + j] *= activation.derivative(at: z[row * zStride + j])
            }
        case .tanh:
            for row in 0..<rows {
                for j in 0..<columns { delta[row * deltaStride + j] *= activation.derivative(at: z[row * zStride + j]) }
            }
        }
    }

    /// Δ ← Δ ⊙ σ'(z) computed from the activations A = σ(Z): 1 where a > 0 for ReLU
    /// (z > 0 exactly when a > 0), 1 − a² for tanh. The same values as `scaleByDerivative`
    /// at Z, without keeping Z.
    static func scaleByDerivative(_ activation: Activation, rows: Int, columns: Int,
                                  fromActivations a: UnsafePointer<Float>, stride aStride: Int,
                                  _ delta: UnsafeMutablePointer<Float>, stride deltaStride: Int) {
        switch activation {
        case .identity:
            return
        case .relu:
            scaleByDerivative(.relu, rows: rows, columns: columns, at: a, stride: aStride, delta, stride: deltaStride)
        case .tanh:
            forEachRow(rows, columns) { row, j in
                let t = load(a + row * aStride + j)
                store(load(delta + row * deltaStride + j) * (1 - t * t), delta + row * deltaStride + j)
            } scalar: { row, j in
                let t = a[row * aStride + j]
                delta[row * deltaStride + j] *= 1 - t * t
            }
        }
    }

    /// s[j] ← Σ_r Δ[r, j], summed from row 0 down (the bias gradient).
    static func columnSums(rows: Int, columns: Int, _ delta: UnsafePointer<Float>, stride: Int,
                           into sums: UnsafeMutablePointer<Float>) {
        sums.update(repeating: 0, count: columns)
        forEachRow(rows, columns) { row, j in
            store(load(sums + j) + load(delta + row * stride + j), sums + j)
        } scalar: { row, j in
            sums[j] += delta[row * stride + j]
        }
    }

    /// Calls `vector` for each full group of eight columns of each row, then `scalar` for
    /// the rest of the row.
    @inline(__always)
    private static func forEachRow(_ rows: Int, _ columns: Int, vector: (Int, Int) -> Void, scalar: (Int, Int) -> Void) {
        let vectorEnd = columns - columns % Lanes.scalarCount
        for row in 0..<rows {
            var j = 0
            while j < vectorEnd { vector(row, j); j += Lanes.scalarCount }
            while j < columns { scalar(row, j); j += 1 }
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    @inline(__always)
    static func store(_ value: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: Lanes.self)
    }
}
