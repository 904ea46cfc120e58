import RandomNumbers
import RealModule

/// Binary classification tasks whose label is a spherically symmetric function of the
/// input, the kind of task the information-plane experiments train on (Shwartz-Ziv and
/// Tishby, 2017; Saxe et al., 2018): every rotation that maps the inputs onto themselves
/// keeps the labels.
public enum SphericalClasses {
    /// The 12-bit task: all 4 096 inputs x ∈ {0, 1}¹², bit k sitting at vertex v_k of a
    /// regular icosahedron (12 unit vectors spread evenly over the sphere, `vertices`). The
    /// label is 1 when ‖Σ_k x_k·v_k‖² > 5/2: the bits that are set are concentrated on one
    /// side of the sphere. That rule is our own (Shwartz-Ziv and Tishby's is not published
    /// in full); its threshold lies between the values 2.21 and 2.89 the squared norm takes
    /// around its median, and gives p(y = 1) = 2 036 / 4 096 = 0.497. Input k (0 … 4 095)
    /// has bit j equal to bit 11 − j of k's binary digits (the first input is all zeros).
    /// The inputs are split at random (`seed`), 80% for training and the rest for testing.
    public static func twelveBits(seed: UInt64) -> Dataset {
        let count = 1 << 12
        var inputs = [Float](), targets = [Float]()
        for k in 0..<count {
            let bits = (0..<12).map { Float((k >> (11 - $0)) & 1) }
            inputs += bits
            targets.append(twelveBitLabel(bits))
        }
        let all = Examples(inputs: inputs, targets: targets, inputDimensions: 12, targetWidth: 1)
        var generator = SeededGenerator(seed: seed ^ 0x1B_12B1)
        let order = generator.permutation(of: count)
        let trainCount = (count * 4 + 4) / 5  // 3 277: 80%, rounded up
        return Dataset(name: "12bit", task: .classification, train: all.selecting(order.prefix(trainCount)),
                       test: all.selecting(order.dropFirst(trainCount)),
                       source: "synthetic: all 4096 12-bit inputs on the icosahedron's vertices, y = 1 when |sum x_k v_k|^2 > 5/2; split seed \(seed)",
                       classCount: 2)
    }

    /// The label of one 12-bit input.
    public static func twelveBitLabel(_ bits: [Float]) -> Float {
        var sum = [0.0, 0.0, 0.0]
        for (k, bit) in bits.enumerated() where bit != 0 {
            for axis in 0..<3 { sum[axis] += vertices[k][axis] }
        }
        return sum.reduce(0) { $0 + $1 * $1 } > 2.5 ? 1 : 0
    }

    /// The 12 vertices of a regular icosahedron, (0, ±1, ±φ) and its cyclic permutations
    /// scaled to unit length, in a fixed order: for a, b ∈ {+1, −1} (a first), the vertices
    /// (0, a, bφ), (a, bφ, 0), (bφ, 0, a).
    public static let vertices: [[Double]] = {
        let phi = (1 + 5.0.squareRoot()) / 2, norm = (1 + phi * phi).squareRoot()
        var result = [[Double]]()
        for a in [1.0, -1.0] {
            for b in [1.0, -1.0] {
                result += [[0, a, b * phi], [a, b * phi, 0], [b * phi, 0, a]].map { $0.map { $0 / norm } }
            }
        }
        return result
    }()

    /// The Gaussian task: x ~ N(0, I) in `dimensions` dimensions, label 1 when ‖x‖² exceeds the
    /// median of the χ² distribution with `dimensions` degrees of freedom (outside the sphere
    /// that holds half the probability), so p(y = 1) = 1/2. Training and test examples are
    /// drawn from separate streams of `seed`.
    public static func gaussian(dimensions: Int, trainCount: Int, testCount: Int, seed: UInt64) -> Dataset {
        let radius = chiSquaredMedian(degrees: dimensions)
        func sample(_ count: Int, stream: UInt64) -> Examples {
            var generator = SeededGenerator(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ 0x5_F4E2E)
            var inputs = [Float](), targets = [Float]()
            for _ in 0..<count {
                let x = (0..<dimensions).map { _ in generator.nextNormal() }
                inputs += x.map(Float.init)
                targets.append(x.reduce(0) { $0 + $1 * $1 } > radius ? 1 : 0)
            }
            return Examples(inputs: inputs, targets: targets, inputDimensions: dimensions, targetWidth: 1)
        }
        return Dataset(name: "gaussian-sphere", task: .classification, train: sample(trainCount, stream: 1),
                       test: sample(testCount, stream: 2),
                       source: "synthetic: x ~ N(0, I_\(dimensions)), y = 1 when |x|^2 > \(radius) (the chi-squared median), seed \(seed)",
                       classCount: 2)
    }

    /// The median of χ²_k, by bisection on its distribution function P(k/2, x/2), the
    /// regularized lower incomplete gamma function (from its power series).
    static func chiSquaredMedian(degrees k: Int) -> Double {
        let a = Double(k) / 2
        func distribution(_ x: Double) -> Double {
            let half = x / 2
            var term = Double.exp(a * Double.log(half) - half - Double.logGamma(a + 1)), sum = term, n = 1.0
            while term > sum * 1e-17 {
                term *= half / (a + n)
                sum += term
                n += 1
            }
            return sum
        }
        var low = 0.0, high = Double(k) + 10 * Double(k).squareRoot() + 10
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if distribution(middle) < 0.5 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
