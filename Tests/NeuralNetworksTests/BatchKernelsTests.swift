import RandomNumbers
import Testing
import Vocabulary
@testable import NeuralNetworks

/// The eight-lane sweeps of a training step give, bit for bit, what one element at a time
/// gives, on blocks whose width is not a multiple of eight and whose rows are padded.
@Suite struct BatchKernelsTests {
    static let rows = 5, columns = 21, stride = 24

    /// A padded block of values in [−2, 2), some exactly 0.
    static func block(seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<rows * stride).map { index in index % 7 == 3 ? 0 : Float.random(in: -2..<2, using: &generator) }
    }

    /// Element (r, j) of every row's first `columns` entries.
    static func elements(_ block: [Float]) -> [Float] {
        (0..<rows).flatMap { row in block[row * stride..<row * stride + columns] }
    }

    @Test(arguments: Activation.allCases)
    func activationEqualsTheScalarFunction(_ activation: Activation) {
        let z = Self.block(seed: 1)
        var a = [Float](repeating: 0, count: z.count)
        BatchKernels.apply(activation, rows: Self.rows, columns: Self.columns, from: z, stride: Self.stride, to: &a, stride: Self.stride)
        #expect(Self.elements(a) == Self.elements(z).map { activation($0) })
    }

    @Test(arguments: Activation.allCases)
    func derivativeScalingEqualsTheScalarDerivative(_ activation: Activation) {
        let z = Self.block(seed: 2), delta = Self.block(seed: 3)
        let expected = zip(Self.elements(delta), Self.elements(z)).map { $0 * activation.derivative(at: $1) }
        var fromZ = delta
        BatchKernels.scaleByDerivative(activation, rows: Self.rows, columns: Self.columns, at: z, stride: Self.stride,
                                       &fromZ, stride: Self.stride)
        #expect(Self.elements(fromZ) == expected)
        let a = z.map { activation($0) }
        var fromA = delta
        BatchKernels.scaleByDerivative(activation, rows: Self.rows, columns: Self.columns, fromActivations: a,
                                       stride: Self.stride, &fromA, stride: Self.stride)
        #expect(Self.elements(fromA) == expected)
    }

    @Test func columnSumsAddTheRowsInOrder() {
        let delta = Self.block(seed: 4)
        var sums = [Float](repeating: .nan, count: Self.columns)
        BatchKernels.columnSums(rows: Self.rows, columns: Self.columns, delta, stride: Self.stride, into: &sums)
        let expected = (0..<Self.columns).map { j in
            (0..<Self.rows).reduce(Float(0)) { total, row in total + delta[row * Self.stride + j] }
        }
        #expect(sums == expected)
    }

    @Test func biasBroadcastAndCopyFillEveryRow() {
        let bias = Array(Self.block(seed: 5).prefix(Self.columns))
        var z = [Float](repeating: .nan, count: Self.rows * Self.stride)
        BatchKernels.broadcastRows(bias, rows: Self.rows, columns: Self.columns, into: &z, stride: Self.stride)
        #expect(Self.elements(z) == Array((0..<Self.rows).map { _ in bias }.joined()))
        BatchKernels.zero(rows: Self.rows, columns: Self.columns, &z, stride: Self.stride)
        #expect(Self.elements(z).allSatisfy { $0 == 0 })
    }
}
